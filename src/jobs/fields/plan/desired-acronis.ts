import type { WorkloadProtection } from "../../../clients/acronis/statuses.js";
import type { NinjaDevice } from "../../../clients/ninjaone/devices.js";
import { acronisSourceValues, type DesiredEntityFields } from "./index.js";
import type { ActiveMapping } from "./active-mappings.js";
import { deviceNamer } from "./entity-names.js";
import { matcherDevices } from "../../shared/devices/device.js";
import { resolveDevicePairs, type LinkChange, type LinkFinding } from "../../shared/devices/links.js";
import type { DeviceApart, DeviceLinkRecord } from "../../../state/index.js";
import { encodeFields } from "./encode-fields.js";
import type { SyncProblem } from "./problems.js";

/** One mapped organization and the statuses of its Acronis customer tenant's workloads. */
export interface AcronisOrgStatuses {
  org: { id: number; name: string };
  tenantName: string;
  statuses: readonly WorkloadProtection[];
}

export interface DesiredFields {
  desired: DesiredEntityFields[];
  problems: SyncProblem[];
  /** Renames, moves, deletions and swapped hardware seen on recorded device links. */
  findings: LinkFinding[];
  /** New, refreshed, gone and dropped device links, recorded when the plan is applied. */
  linkChanges: LinkChange[];
}

/** What device pairing starts from besides the devices: the recorded links, and every organization's name. */
export interface LinkContext {
  links: readonly DeviceLinkRecord[];
  /** Pairs kept apart by hand: never matched. */
  apart?: readonly DeviceApart[];
  orgNames: ReadonlyMap<number, string>;
  now: Date;
  /** NinjaOne device id → the Entra device id in its configured field (Intune pairing). */
  entraIds?: ReadonlyMap<number, string>;
}

/** No recorded links: every device is matched afresh. */
export const NO_LINKS: LinkContext = { links: [], orgNames: new Map(), now: new Date(0) };

/**
 * The Acronis device fields of every mapped organization: each workload paired with one
 * NinjaOne device by its recorded link, else matched within the organization (unique serial,
 * else unique hostname); misses and devices claimed twice are reported and nothing is written for them.
 */
export function desiredAcronisFields(orgs: readonly AcronisOrgStatuses[], ninjaDevices: readonly NinjaDevice[], mappings: readonly ActiveMapping[], context: LinkContext = NO_LINKS): DesiredFields {
  const deviceMappings = mappings.filter((m) => m.source.service === "acronis" && m.source.scope === "device");
  const desired: DesiredEntityFields[] = [];
  const problems: SyncProblem[] = [];
  const findings: LinkFinding[] = [];
  const linkChanges: LinkChange[] = [];
  if (deviceMappings.length === 0) return { desired, problems, findings, linkChanges };
  const devices = matcherDevices(ninjaDevices);
  const deviceName = deviceNamer(ninjaDevices);
  for (const { org, tenantName, statuses } of orgs) {
    const remotes = statuses.map((s) => ({ id: s.workloadId, name: s.hostname ?? s.name, serial: s.serialNumber, protection: s }));
    const matches = resolveDevicePairs({ service: "acronis", org, orgNames: context.orgNames, devices, remotes, links: context.links, ...(context.apart === undefined ? {} : { apart: context.apart }), now: context.now });
    findings.push(...matches.findings);
    linkChanges.push(...matches.changes);
    for (const miss of matches.unmatched) {
      problems.push({ service: "acronis", kind: "unmatched", org, subject: `workload "${miss.remote.name}" of ${tenantName}`, reason: miss.reason });
    }
    for (const c of matches.contested) {
      problems.push({ service: "acronis", kind: "contested", org, subject: `device "${deviceName(c.ninja.id)}"`, reason: c.reason });
    }
    for (const { remote, ninja } of matches.matched) {
      const { fields, invalid } = encodeFields(acronisSourceValues(remote.protection.status), deviceMappings);
      for (const i of invalid) problems.push({ service: "acronis", kind: "invalid-value", org, subject: `${i.sourceId} of workload "${remote.name}"`, reason: i.reason });
      desired.push({ scope: "device", entityId: ninja.id, entityName: deviceName(ninja.id), fields });
    }
  }
  return { desired, problems, findings, linkChanges };
}
