import type { DeviceApart, DeviceLinkRecord } from "../../../state/index.js";
import type { NinjaDevice } from "../../shared/devices/device.js";
import { LINK_SIDES, resolveDevicePairs, type LinkFinding, type LinkMethod, type LinkService } from "../../shared/devices/links.js";
import type { TargetDevice } from "../../shared/estates/target-estate.js";
import type { Link } from "../../shared/mappings.js";

/** One line of `devices list`: a pair, or a device of either side that has none. */
export interface DeviceRow {
  org: { id: number; name: string };
  service: LinkService;
  ninja: { id: number; name: string } | null;
  remote: { id: string; name: string } | null;
  /** How the pair was made; null for a device without one. */
  by: LinkMethod | null;
  /** linked: recorded; matched: the next fields sync records it; unmatched: no pair, `reason` says why. */
  status: "linked" | "matched" | "unmatched";
  reason?: string;
}

export interface DeviceRowsInput {
  /** The organizations' links to tenants, both services. */
  orgLinks: readonly Link[];
  devices: readonly NinjaDevice[];
  orgNames: ReadonlyMap<number, string>;
  /** Workloads and Intune devices of the linked tenants. */
  remotes: Readonly<Record<LinkService, readonly TargetDevice[]>>;
  deviceLinks: readonly DeviceLinkRecord[];
  /** Pairs kept apart by hand. */
  deviceApart?: readonly DeviceApart[];
  /** NinjaOne devices' Entra id field, paired first against Intune devices' Entra ids. */
  entraIds?: ReadonlyMap<number, string>;
  now: Date;
}

const SERVICE_OF_LINK = { acronis: "acronis", cipp: "intune" } as const;

/**
 * Every linked organization's devices as the next fields sync would pair them: recorded
 * links first, then matching for the rest; and the devices of either side left without a
 * pair, with why. Findings on recorded links come along.
 */
export function deviceRows(input: DeviceRowsInput): { rows: DeviceRow[]; findings: LinkFinding[] } {
  const rows: DeviceRow[] = [];
  const findings: LinkFinding[] = [];
  for (const orgLink of input.orgLinks) {
    const service = SERVICE_OF_LINK[orgLink.service];
    const org = { id: orgLink.orgId, name: input.orgNames.get(orgLink.orgId) ?? orgLink.orgName };
    const remotes = input.remotes[service].filter((r) => r.targetId === orgLink.targetId);
    const entra = service === "intune" && input.entraIds !== undefined ? { entraIds: input.entraIds, remoteEntraId: (r: TargetDevice) => r.entraId } : {};
    const pairs = resolveDevicePairs({ service, org, orgNames: input.orgNames, devices: input.devices, remotes, links: input.deviceLinks, ...(input.deviceApart === undefined ? {} : { apart: input.deviceApart }), now: input.now, ...entra });
    findings.push(...pairs.findings);
    const at = { org, service };
    for (const m of pairs.matched) {
      rows.push({ ...at, ninja: named(m.ninja), remote: { id: m.remote.id, name: m.remote.name }, by: m.by, status: m.recorded ? "linked" : "matched" });
    }
    for (const miss of pairs.unmatched) rows.push({ ...at, ninja: null, remote: { id: miss.remote.id, name: miss.remote.name }, by: null, status: "unmatched", reason: miss.reason });
    for (const c of pairs.contested) {
      for (const r of c.remotes) rows.push({ ...at, ninja: null, remote: { id: r.id, name: r.name }, by: null, status: "unmatched", reason: c.reason });
    }
    for (const d of pairs.unclaimed) rows.push({ ...at, ninja: named(d), remote: null, by: null, status: "unmatched", reason: `no ${LINK_SIDES[service].noun} of ${orgLink.targetName} pairs with it` });
  }
  return { rows, findings };
}

function named(d: NinjaDevice): { id: number; name: string } {
  return { id: d.id, name: d.systemName };
}
