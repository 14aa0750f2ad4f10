import type { NinjaDevice } from "../../../clients/ninjaone/devices.js";
import { matcherDevices } from "../../shared/devices/device.js";
import { resolveDevicePairs } from "../../shared/devices/links.js";
import type { DeviceApart, DeviceLinkRecord } from "../../../state/index.js";
import { osOf, roleOf, type DeviceOs, type DeviceRole } from "./device-kind.js";

/** An Acronis workload with what `agents status` reads: its agent's state and applied plans. */
export interface AgentWorkload {
  id: string;
  /** The agent's hostname, else the resource name. */
  name: string;
  serial: string | null;
  online: boolean | null;
  /** When Acronis last updated the workload: the nearest to a last contact the Resource API gives. */
  updatedAt: Date | null;
  /** Applied plan names; null when no plan is applied. */
  planNames: string | null;
}

export type AgentCategory = "protected" | "agent-no-plan" | "agent-offline" | "no-agent";

export interface DeviceAgent {
  deviceId: number;
  deviceName: string;
  role: DeviceRole;
  os: DeviceOs;
  /** NinjaOne says the device is offline: a script sent to it never runs. */
  deviceOffline: boolean;
  category: AgentCategory;
  workload: { id: string; name: string; planNames: string | null } | null;
  reason: string;
}

export interface OrgAgents {
  orgId: number;
  orgName: string;
  tenantId: string;
  tenantName: string;
  devices: DeviceAgent[];
  /** Acronis workloads of the customer that no NinjaOne device of the organization matches. */
  workloadsWithoutDevice: Array<{ id: string; name: string; reason: string }>;
  /** Why the customer's workloads could not be read; its devices are then left out, not called unprotected. */
  unread?: string;
}

export interface StatusFilters {
  /** Organization ids to cover; undefined for every mapped one. */
  orgIds?: ReadonlySet<number>;
  roles: readonly DeviceRole[];
  /** Undefined for every OS. */
  oses?: readonly DeviceOs[];
  /** An agent offline longer than this counts as offline, not protected. */
  offlineDays: number;
}

export interface StatusInput {
  links: ReadonlyArray<{ orgId: number; orgName: string; targetId: string; targetName: string }>;
  devices: readonly NinjaDevice[];
  /** Workloads per Acronis customer id, or why they could not be read. */
  workloads: ReadonlyMap<string, readonly AgentWorkload[] | { error: string }>;
  filters: StatusFilters;
  /** The device links `fields sync` recorded: a recorded pair holds across renames, as it does there. */
  deviceLinks: readonly DeviceLinkRecord[];
  /** Pairs kept apart by hand. */
  deviceApart?: readonly DeviceApart[];
  now: Date;
}

export type CategoryCounts = Record<AgentCategory | "workload-without-device", number>;

export function emptyCategoryCounts(): CategoryCounts {
  return { protected: 0, "agent-no-plan": 0, "agent-offline": 0, "no-agent": 0, "workload-without-device": 0 };
}

const DAY_MS = 86_400_000;

function categorise(workload: AgentWorkload | undefined, filters: StatusFilters, now: Date): { category: AgentCategory; reason: string } {
  if (workload === undefined) return { category: "no-agent", reason: "no Acronis workload matches the device" };
  if (workload.online === false && workload.updatedAt !== null) {
    const days = Math.floor((now.getTime() - workload.updatedAt.getTime()) / DAY_MS);
    if (days > filters.offlineDays) return { category: "agent-offline", reason: `the agent has been offline for ${days} days` };
  }
  if (workload.planNames === null) return { category: "agent-no-plan", reason: "the agent is registered but no protection plan is applied" };
  return { category: "protected", reason: `plan ${workload.planNames}` };
}

/**
 * Pairs each selected device of every mapped organization with its Acronis workload, with the
 * matcher `fields sync` uses (serial, then host name; never across organizations), and sorts
 * the devices into categories. A customer whose workloads were not read is reported as unread.
 */
export function planAgentStatus(input: StatusInput): OrgAgents[] {
  const { filters } = input;
  const out: OrgAgents[] = [];
  const everyDevice = matcherDevices(input.devices);
  const orgNames = new Map(input.links.map((l) => [l.orgId, l.orgName]));
  for (const link of input.links) {
    if (filters.orgIds !== undefined && !filters.orgIds.has(link.orgId)) continue;
    const orgDevices = input.devices.filter((d) => d.organizationId === link.orgId);
    const selected = orgDevices.filter((d) => filters.roles.includes(roleOf(d.nodeClass)) && (filters.oses === undefined || filters.oses.includes(osOf(d.nodeClass, d.osName))));
    const base = { orgId: link.orgId, orgName: link.orgName, tenantId: link.targetId, tenantName: link.targetName };
    const read = input.workloads.get(link.targetId);
    if (read === undefined || "error" in read) {
      out.push({ ...base, devices: [], workloadsWithoutDevice: [], unread: read === undefined ? "not read" : read.error });
      continue;
    }
    // Every device of the organization takes part in matching, so a filtered-out one cannot make a workload look orphaned.
    const matches = resolveDevicePairs({
      service: "acronis",
      org: { id: link.orgId, name: link.orgName },
      orgNames,
      devices: everyDevice,
      remotes: read,
      links: input.deviceLinks,
      ...(input.deviceApart === undefined ? {} : { apart: input.deviceApart }),
      now: input.now,
    });
    const byDevice = new Map(matches.matched.map((m) => [m.ninja.id, m.remote]));
    for (const c of matches.contested) byDevice.set(c.ninja.id, c.remotes[0] as AgentWorkload);
    const devices = selected.map((d): DeviceAgent => {
      const workload = byDevice.get(d.id);
      const { category, reason } = categorise(workload, filters, input.now);
      return {
        deviceId: d.id,
        deviceName: d.systemName ?? d.dnsName ?? d.displayName ?? `device ${d.id}`,
        role: roleOf(d.nodeClass),
        os: osOf(d.nodeClass, d.osName),
        deviceOffline: d.offline === true,
        category,
        workload: workload === undefined ? null : { id: workload.id, name: workload.name, planNames: workload.planNames },
        reason,
      };
    });
    out.push({ ...base, devices, workloadsWithoutDevice: matches.unmatched.map((u) => ({ id: u.remote.id, name: u.remote.name, reason: u.reason })) });
  }
  return out;
}

export function countCategories(orgs: readonly OrgAgents[]): CategoryCounts {
  const counts = emptyCategoryCounts();
  for (const org of orgs) {
    for (const d of org.devices) counts[d.category] += 1;
    counts["workload-without-device"] += org.workloadsWithoutDevice.length;
  }
  return counts;
}
