import type { FieldWriteAction } from "./plan-writes.js";

/** What the ordering reads of a field-write record: which entity it is of, and when it last landed. */
export interface WrittenRecord {
  scope: "organization" | "device";
  entityId: number;
  writtenAt: string;
}

/** Epoch ms of the newest write of each entity (`scope:id`); an entity never written is absent. */
function lastWrittenByEntity(records: Iterable<WrittenRecord>): Map<string, number> {
  const last = new Map<string, number>();
  for (const r of records) {
    const key = `${r.scope}:${r.entityId}`;
    const at = Date.parse(r.writtenAt);
    if (at > (last.get(key) ?? -Infinity)) last.set(key, at);
  }
  return last;
}

/**
 * The writes in the order a run cut by `--max-duration` should send them: values that changed
 * before values rewritten only for `--full`, then the entity written longest ago first (never
 * written before all). A value left by a cut run keeps its older record, so the next run sends
 * it before the values that run wrote: no device waits behind newer changes for ever. Without
 * records the plan's own order stands (the sort is stable).
 */
export function orderWrites(actions: readonly FieldWriteAction[], records: Iterable<WrittenRecord>): FieldWriteAction[] {
  const last = lastWrittenByEntity(records);
  const rank = (a: FieldWriteAction) => (a.kind === "write" && a.changed.length === 0 ? 1 : 0);
  const age = (a: FieldWriteAction) => last.get(`${a.scope}:${a.entityId}`) ?? -Infinity;
  return [...actions].sort((a, b) => rank(a) - rank(b) || compare(age(a), age(b)));
}

/**
 * The organizations in the order their batches should go: the one whose values landed longest
 * ago (or never) first, so the organizations a cut run did not reach come first in the next.
 * Ties go by id.
 */
export function orderOrgs(orgIds: readonly number[], records: Iterable<WrittenRecord>, devices: readonly { id: number; organizationId: number }[]): number[] {
  const orgOfDevice = new Map(devices.map((d) => [d.id, d.organizationId]));
  const last = new Map<number, number>();
  for (const [key, at] of lastWrittenByEntity(records)) {
    const [scope, id] = key.split(":") as [string, string];
    const org = scope === "organization" ? Number(id) : orgOfDevice.get(Number(id));
    if (org !== undefined && at > (last.get(org) ?? -Infinity)) last.set(org, at);
  }
  return [...orgIds].sort((a, b) => compare(last.get(a) ?? -Infinity, last.get(b) ?? -Infinity) || a - b);
}

function compare(a: number, b: number): number {
  return a === b ? 0 : a < b ? -1 : 1;
}
