import type { ReadonlyStateDocument, StateDocument } from "../../../state/index.js";
import { linksOf } from "../mappings.js";
import { plural } from "../../../plural.js";

/**
 * How many devices NinjaOne listed for a mapped organization, kept as a cursor per
 * organization, so a run can tell an organization that lost every device from one NinjaOne
 * listed none for by mistake. The cursor reads "12"; once the organization is listed empty
 * after that, "0 after 12", with `updatedAt` the first run that saw it empty. It changes only
 * when the count does, so a run that changes nothing writes nothing.
 */
export function deviceCountCursorName(orgId: number): string {
  return `ninjaone.devices:${orgId}`;
}

/** How long an organization may list no devices before that is believed: a fault passes, a decommission stays. */
export const EMPTY_GRACE_MS = 24 * 3_600_000;

export interface EmptiedOrg {
  id: number;
  name: string;
  /** Devices listed by the last run that saw any. */
  before: number;
}

interface Recorded {
  count: number;
  /** Set while the organization is listed empty after it had `before` devices. */
  before?: number;
}

function parseCount(raw: string | undefined): Recorded | undefined {
  const m = /^(\d+)(?: after (\d+))?$/.exec(raw ?? "");
  if (m === null) return undefined;
  return m[2] === undefined ? { count: Number(m[1]) } : { count: Number(m[1]), before: Number(m[2]) };
}

function mappedOrgs(state: ReadonlyStateDocument): Map<number, string> {
  const orgs = new Map<number, string>();
  for (const service of ["acronis", "cipp"] as const) for (const link of linksOf(state, service)) orgs.set(link.orgId, link.orgName);
  return orgs;
}

/** The devices an organization had, if its empty list now is still taken as a fault. */
function faultyEmpty(cursor: ReadonlyStateDocument["cursors"][string] | undefined, now: Date): number | undefined {
  const recorded = parseCount(cursor?.cursor);
  if (recorded === undefined) return undefined;
  if (recorded.before === undefined) return recorded.count > 0 ? recorded.count : undefined;
  const since = Date.parse(cursor?.updatedAt ?? "");
  return Number.isNaN(since) || now.getTime() - since < EMPTY_GRACE_MS ? recorded.before : undefined;
}

/**
 * Mapped organizations NinjaOne now lists no device for, though the last run that listed
 * them saw devices. An empty list there is a fault, not an instruction (as an empty
 * organization list is to deprovisioning): nothing is written on it. Once the organization
 * has been listed empty for a day it is believed, so one that really lost its devices is
 * not refused for ever.
 */
export function emptiedOrgs(state: ReadonlyStateDocument, orgs: readonly { id: number; name: string }[], devices: readonly { organizationId: number }[], now: Date): EmptiedOrg[] {
  const listed = new Set(devices.map((d) => d.organizationId));
  const mapped = mappedOrgs(state);
  const out: EmptiedOrg[] = [];
  for (const org of orgs) {
    if (!mapped.has(org.id) || listed.has(org.id)) continue;
    const before = faultyEmpty(state.cursors[deviceCountCursorName(org.id)], now);
    if (before !== undefined) out.push({ id: org.id, name: org.name, before });
  }
  return out;
}

/** What a person reads about them: which organizations, how many devices they had, and that nothing is written. */
export function emptiedOrgsReason(emptied: readonly EmptiedOrg[]): string {
  const names = emptied.map((o) => `"${o.name}" (${plural(o.before, "device")} before)`).join(", ");
  return `NinjaOne listed no devices for ${emptied.length === 1 ? "organization" : "organizations"} ${names}; taken as a fault for a day, not as the devices being gone`;
}

/** Each organization NinjaOne listed, with how many devices it listed for it. */
export function orgDeviceCounts(orgs: readonly { id: number }[], devices: readonly { organizationId: number }[]): Array<{ id: number; devices: number }> {
  const counts = new Map<number, number>();
  for (const d of devices) counts.set(d.organizationId, (counts.get(d.organizationId) ?? 0) + 1);
  return orgs.map((o) => ({ id: o.id, devices: counts.get(o.id) ?? 0 }));
}

/** The device-count cursors of mapped organizations that change with these counts; none when nothing changed. */
export function deviceCountUpdates(state: ReadonlyStateDocument, counts: readonly { id: number; devices: number }[], now: Date): Array<{ name: string; cursor: string; updatedAt: string }> {
  const mapped = mappedOrgs(state);
  const at = now.toISOString();
  const updates: Array<{ name: string; cursor: string; updatedAt: string }> = [];
  for (const { id, devices } of counts) {
    if (!mapped.has(id)) continue;
    const name = deviceCountCursorName(id);
    const previous = state.cursors[name];
    const recorded = parseCount(previous?.cursor);
    let cursor = String(devices);
    if (devices === 0 && recorded !== undefined) {
      const before = recorded.before ?? recorded.count;
      // Emptied now, or still within the day: keep what it had and since when it is empty.
      if (before > 0 && faultyEmpty(previous, now) !== undefined) cursor = `0 after ${before}`;
    }
    if (cursor !== previous?.cursor) updates.push({ name, cursor, updatedAt: at });
  }
  return updates;
}

/** Writes the changed device-count cursors. */
export function recordDeviceCounts(draft: StateDocument, updates: readonly { name: string; cursor: string; updatedAt: string }[]): void {
  for (const u of updates) draft.cursors[u.name] = { ...u };
}
