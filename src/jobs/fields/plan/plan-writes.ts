import type { FieldScope, FieldValue } from "./types.js";
import { hashFieldValue } from "./value-hash.js";
import { plural } from "../../../plural.js";

/** The values one device or organization should carry, keyed by field API name. */
export interface DesiredEntityFields {
  scope: FieldScope;
  entityId: number;
  /** For the plan's reader only. */
  entityName?: string;
  fields: Readonly<Record<string, FieldValue>>;
}

/** What the state file remembers of one written field. */
export interface FieldHashEntry {
  key: string;
  scope: FieldScope;
  entityId: number;
  field: string;
  hash: string;
}

/** Hashes of the values last written, by `fieldWriteKey`. */
export type FieldHashCache = Pick<ReadonlyMap<string, string>, "get" | "has">;

export type FieldWriteAction =
  | {
      kind: "write";
      scope: FieldScope;
      entityId: number;
      entityName?: string;
      /** The PATCH body: only these keys are touched. */
      fields: Record<string, FieldValue>;
      /** Fields whose value differs from the last write, or were never written. */
      changed: string[];
      /** Fields left out of the PATCH (or, with `full`, rewritten anyway) because they did not change. */
      unchanged: string[];
      reason: string;
      /** Record these once the PATCH succeeded; a failed write records nothing and is retried next run. */
      record: FieldHashEntry[];
    }
  | { kind: "skip"; scope: FieldScope; entityId: number; entityName?: string; unchanged: string[]; reason: string };

export interface FieldWritePlan {
  actions: FieldWriteAction[];
  counts: { entitiesWritten: number; entitiesUnchanged: number; fieldsWritten: number; fieldsUnchanged: number };
}

export interface PlanFieldWritesOptions {
  /** Rewrite every field, changed or not (`fields sync --full`). */
  full?: boolean;
}

export function fieldWriteKey(scope: FieldScope, entityId: number, field: string): string {
  // join makes one flat string; a template makes a tree of four, some 100 bytes more for each of 75,000 records.
  return [scope, entityId, field].join(":");
}

export function fieldHashCache(entries: Iterable<Pick<FieldHashEntry, "key" | "hash">>): FieldHashCache {
  return new Map([...entries].map((e) => [e.key, e.hash]));
}

/**
 * One PATCH per device or organization carrying only the fields whose value changed since
 * the last successful write (all of them with `full`); entities with nothing new are skipped.
 * Several entries for one entity (Acronis and CIPP fields of one device) become one PATCH.
 */
export function planFieldWrites(desired: readonly DesiredEntityFields[], cache: FieldHashCache, options: PlanFieldWritesOptions = {}): FieldWritePlan {
  const full = options.full === true;
  const actions: FieldWriteAction[] = [];
  const counts = { entitiesWritten: 0, entitiesUnchanged: 0, fieldsWritten: 0, fieldsUnchanged: 0 };
  for (const entity of mergeByEntity(desired)) {
    const names = Object.keys(entity.fields).sort();
    if (names.length === 0) continue;
    const hashes = new Map(names.map((name) => [name, hashFieldValue(entity.fields[name] as FieldValue)]));
    const fresh = names.filter((name) => !cache.has(fieldWriteKey(entity.scope, entity.entityId, name)));
    const changed = names.filter((name) => {
      const before = cache.get(fieldWriteKey(entity.scope, entity.entityId, name));
      return before !== undefined && before !== hashes.get(name);
    });
    const unchanged = names.filter((name) => !fresh.includes(name) && !changed.includes(name));
    const named = entity.entityName === undefined ? {} : { entityName: entity.entityName };
    const target = { scope: entity.scope, entityId: entity.entityId, ...named };
    if (!full && fresh.length === 0 && changed.length === 0) {
      actions.push({ kind: "skip", ...target, unchanged, reason: `no change since the last write (${plural(unchanged.length, "field")})` });
      counts.entitiesUnchanged += 1;
      counts.fieldsUnchanged += unchanged.length;
      continue;
    }
    const written = full ? names : names.filter((name) => !unchanged.includes(name));
    const fields: Record<string, FieldValue> = {};
    for (const name of written) fields[name] = entity.fields[name] as FieldValue;
    const record = written.map((field) => ({ key: fieldWriteKey(entity.scope, entity.entityId, field), scope: entity.scope, entityId: entity.entityId, field, hash: hashFieldValue(fields[field] as FieldValue) }));
    actions.push({ kind: "write", ...target, fields, changed: [...changed, ...fresh].sort(), unchanged, reason: writeReason(full, changed, fresh, unchanged), record });
    counts.entitiesWritten += 1;
    counts.fieldsWritten += written.length;
    if (!full) counts.fieldsUnchanged += unchanged.length;
  }
  return { actions, counts };
}

function mergeByEntity(desired: readonly DesiredEntityFields[]): DesiredEntityFields[] {
  const merged = new Map<string, DesiredEntityFields>();
  for (const entry of desired) {
    const key = `${entry.scope}:${entry.entityId}`;
    const seen = merged.get(key);
    merged.set(key, seen === undefined ? { ...entry, fields: { ...entry.fields } } : { ...seen, entityName: seen.entityName ?? entry.entityName, fields: { ...seen.fields, ...entry.fields } });
  }
  // Organizations first, then by id: the order of the plan never depends on the order of reads.
  return [...merged.values()].sort((a, b) => (a.scope === b.scope ? a.entityId - b.entityId : a.scope === "organization" ? -1 : 1));
}

function writeReason(full: boolean, changed: readonly string[], fresh: readonly string[], unchanged: readonly string[]): string {
  const parts: string[] = [];
  if (changed.length > 0) parts.push(`${plural(changed.length, "field")} changed (${changed.join(", ")})`);
  if (fresh.length > 0) parts.push(`${plural(fresh.length, "field")} not written before (${fresh.join(", ")})`);
  if (full && unchanged.length > 0) parts.push(`--full rewrites ${plural(unchanged.length, "unchanged field")} (${unchanged.join(", ")})`);
  return parts.join("; ");
}
