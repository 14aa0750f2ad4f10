import type { TargetService } from "../../../services.js";
import { plural } from "../../../plural.js";
import type { DesiredEntityFields, FieldHashEntry } from "./plan-writes.js";
import { findSource } from "./sources.js";
import type { FieldScope } from "./types.js";

/**
 * Values this tool wrote that nothing stands behind any more: the source was unmapped, the
 * organization was unlinked (`orgs unmap`), or the device is no longer paired. Only values
 * the state's field-write records say we wrote are ever cleared.
 */
export interface ClearAction {
  scope: FieldScope;
  entityId: number;
  entityName?: string;
  /** Field API name → its NinjaOne type, which decides how a value NinjaOne keeps is replaced. */
  fields: Record<string, string>;
  /** The field-write records to drop once cleared. */
  keys: string[];
  reason: string;
}

export interface StaleFields {
  clears: ClearAction[];
  /** Records of fields NinjaOne no longer has: nothing to clear, the records are dropped. */
  drop: string[];
}

type Record_ = Pick<FieldHashEntry, "key" | "scope" | "entityId" | "field">;

export interface StaleContext {
  /** The services whose sources are mapped to a field, from every mapping of the profile (several when two sources share it). */
  ownersOf(field: string): readonly TargetService[];
  /** NinjaOne's definitions: type, and whether the API may write the field. */
  definitions: ReadonlyMap<string, { type: string; writable: boolean }>;
  /** NinjaOne device id → its organization; a device NinjaOne no longer lists is left to --forget-after. */
  deviceOrg: ReadonlyMap<number, number>;
  entityName(scope: FieldScope, id: number): string;
}

const SERVICE_WORD: Readonly<Record<TargetService, string>> = { acronis: "Acronis", cipp: "Microsoft 365" };

/** Field API name → the services whose sources are mapped to it, from the profile's mappings (source id → field). */
export function fieldOwners(mappings: Readonly<Record<string, string>>): (field: string) => readonly TargetService[] {
  const owners = new Map<string, Set<TargetService>>();
  for (const [sourceId, field] of Object.entries(mappings)) {
    const service = findSource(sourceId)?.service;
    if (service !== undefined) owners.set(field, (owners.get(field) ?? new Set()).add(service));
  }
  return (field) => [...(owners.get(field) ?? [])];
}

function orgOf(record: Record_, ctx: StaleContext): number | undefined {
  return record.scope === "organization" ? record.entityId : ctx.deviceOrg.get(record.entityId);
}

/** Groups cleared fields per entity, one action (one PATCH) each, organizations first. */
function group(items: Array<{ record: Record_; type: string; reason: string }>, ctx: StaleContext): ClearAction[] {
  const byEntity = new Map<string, ClearAction>();
  for (const { record, type, reason } of items) {
    const id = `${record.scope}:${record.entityId}`;
    const action = byEntity.get(id) ?? { scope: record.scope, entityId: record.entityId, entityName: ctx.entityName(record.scope, record.entityId), fields: {}, keys: [], reason };
    action.fields[record.field] = type;
    action.keys.push(record.key);
    if (!action.reason.includes(reason)) action.reason = `${action.reason}; ${reason}`;
    byEntity.set(id, action);
  }
  return [...byEntity.values()].sort((a, b) => (a.scope === b.scope ? a.entityId - b.entityId : a.scope === "organization" ? -1 : 1));
}

function clearable(records: readonly Record_[], ctx: StaleContext, why: (record: Record_) => string | undefined): StaleFields {
  const items: Array<{ record: Record_; type: string; reason: string }> = [];
  const drop: string[] = [];
  for (const record of records) {
    const reason = why(record);
    if (reason === undefined) continue;
    const def = ctx.definitions.get(record.field);
    if (def === undefined) drop.push(record.key);
    else if (def.writable) items.push({ record, type: def.type, reason });
  }
  return { clears: group(items, ctx), drop };
}

/**
 * Values whose source was unmapped, or whose organization is no longer linked to the source's
 * service, among the organizations `only` keeps (all when undefined). Run once per job run.
 */
export function staleByMapping(records: readonly Record_[], ctx: StaleContext, linked: Readonly<Record<TargetService, ReadonlySet<number>>>, services: readonly TargetService[], only?: ReadonlySet<number>): StaleFields {
  return clearable(records, ctx, (record) => {
    const org = orgOf(record, ctx);
    if (org === undefined || (only !== undefined && !only.has(org))) return undefined;
    const owners = ctx.ownersOf(record.field);
    if (owners.length === 0) return `no source is mapped to ${record.field} any more`;
    const unlinked = owners.filter((s) => services.includes(s) && !linked[s].has(org));
    return unlinked.length === owners.length ? `the organization is no longer linked to ${unlinked.map((s) => SERVICE_WORD[s]).join(" or ")}` : undefined;
  });
}

/**
 * Values of the organizations read in full this batch that the batch no longer writes: a device
 * whose workload or Intune device is gone or paired elsewhere keeps nothing from that service.
 * `read` lists, per service, the organizations whose read succeeded; a field shared by sources
 * of two services is left alone.
 */
export function staleInBatch(records: readonly Record_[], ctx: StaleContext, read: Readonly<Partial<Record<TargetService, ReadonlySet<number>>>>, desired: readonly DesiredEntityFields[]): StaleFields {
  const wanted = new Set(desired.flatMap((d) => Object.keys(d.fields).map((f) => `${d.scope}:${d.entityId}:${f}`)));
  return clearable(records, ctx, (record) => {
    const org = orgOf(record, ctx);
    const owners = ctx.ownersOf(record.field);
    const [service] = owners;
    if (org === undefined || service === undefined || owners.length > 1 || read[service]?.has(org) !== true) return undefined;
    if (wanted.has(`${record.scope}:${record.entityId}:${record.field}`)) return undefined;
    return record.scope === "device" ? `no ${SERVICE_WORD[service]} device is paired with it any more` : `${SERVICE_WORD[service]} gives no value for it any more`;
  });
}

export function mergeStale(a: StaleFields, b: StaleFields): StaleFields {
  return { clears: [...a.clears, ...b.clears], drop: [...a.drop, ...b.drop] };
}

export function describeClears(clears: readonly ClearAction[]): string {
  return plural(clears.reduce((n, c) => n + Object.keys(c.fields).length, 0), "stale value");
}
