import type { DeviceRow } from "./device-rows.js";

/** An Intune device of a linked organization's tenant that no NinjaOne device pairs with. */
export interface UnmanagedDevice {
  org: { id: number; name: string };
  /** The Intune device id, as `--ignore` takes it. */
  id: string;
  name: string;
  /** Why nothing pairs with it (no serial or name match, placeholder serial, …). */
  reason: string;
}

export interface UnmanagedReport {
  devices: UnmanagedDevice[];
  /** Devices left out because they are on the ignore list. */
  ignored: UnmanagedDevice[];
}

/**
 * The Intune devices without a NinjaOne device (CIPP#4417: enrolled in Intune, no RMM agent),
 * from the rows `devices list` builds, for one organization when `orgId` is given; those on
 * the ignore list apart. Sorted by organization name, then device name.
 */
export function unmanagedDevices(rows: readonly DeviceRow[], ignoredIds: ReadonlySet<string>, orgId?: number): UnmanagedReport {
  const all = rows
    .filter((r) => r.service === "intune" && r.status === "unmatched" && r.ninja === null && r.remote !== null && (orgId === undefined || r.org.id === orgId))
    .map((r) => ({ org: r.org, id: r.remote?.id ?? "", name: r.remote?.name ?? "", reason: r.reason ?? "" }))
    .sort((a, b) => a.org.name.localeCompare(b.org.name) || a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  return { devices: all.filter((d) => !ignoredIds.has(d.id)), ignored: all.filter((d) => ignoredIds.has(d.id)) };
}
