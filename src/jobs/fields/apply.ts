import { readCustomFieldValues, writeCustomFieldValues } from "../../clients/ninjaone/custom-field-values.js";
import type { HttpClient } from "../../http/index.js";
import type { StateHandle } from "../../state/index.js";
import type { JobCounts, JobHooks } from "../job.js";
import { applyEach, LEFT_FOR_NEXT_RUN } from "../shared/apply-loop.js";
import { recordDeviceCounts } from "../shared/estates/emptied-orgs.js";
import type { JobSession } from "../shared/session.js";
import { applyLinkChanges } from "../shared/devices/links.js";
import { recordCippReads } from "./plan/cipp-freshness.js";
import type { FieldScope, FieldValue, FieldWriteAction } from "./plan/index.js";
import { recordTenantSets } from "../shared/estates/acronis-batches.js";
import type { ClearAction } from "./plan/stale.js";
import { sharedNames } from "./plan/shared-values.js";
import { deviceCountsToRecord, fieldsPlanCounts, type FieldsSyncPlan } from "./plan/plan-job.js";

/** PATCHes in flight at once; the NinjaOne client's rate limiter spaces them further. */
const DEFAULT_CONCURRENCY = 4;

export interface WrittenEntity {
  scope: FieldScope;
  entityId: number;
  entityName?: string;
  fields: string[];
}

export interface FailedEntity extends WrittenEntity {
  reason: string;
}

/** One entity's stale values: cleared, replaced by CLEARED_TEXT where NinjaOne kept them, or kept where no text can stand in (a date). */
export interface ClearedEntity extends WrittenEntity {
  replaced: string[];
  kept: string[];
}

export interface FieldWriteOutcome {
  written: WrittenEntity[];
  failed: FailedEntity[];
  /** Entities whose stale values were cleared (absent when the batch cleared none). */
  cleared?: ClearedEntity[];
  /** Writes and clears not started because the run's window closed: nothing recorded, the next run plans them again (absent when none). */
  left?: WrittenEntity[];
  /** The error that stopped the writes (a state that cannot be written, a refused token), if one did. */
  stop?: unknown;
}

/** Sends one entity's fields; the seam tests replace. */
export type FieldWriter = (scope: FieldScope, entityId: number, fields: Readonly<Record<string, FieldValue>>) => Promise<void>;

export interface WriteOptions {
  concurrency?: number;
  now?: () => Date;
  /** False once the run's window (`sync --max-duration`) closed: no write starts after that. */
  open?: () => boolean;
}

/** The values (fields) of these entities, as "N values left for the next run" counts them. */
export function valuesOf(entities: readonly WrittenEntity[]): number {
  return entities.reduce((n, e) => n + e.fields.length, 0);
}

export function entityLabel(a: { scope: FieldScope; entityId: number; entityName?: string }): string {
  const kind = a.scope === "device" ? "device" : "org";
  return a.entityName === undefined ? `${kind} ${a.entityId}` : `${a.entityName} (${kind} ${a.entityId})`;
}

function entityOf(action: Extract<FieldWriteAction, { kind: "write" }>): WrittenEntity {
  return { scope: action.scope, entityId: action.entityId, entityName: action.entityName, fields: sharedNames(Object.keys(action.fields)) as string[] };
}

/**
 * One PATCH per planned entity, a few at once, through the shared apply loop. Each success is
 * recorded in the state right after it lands (the state serialises the writes), so a killed
 * run keeps every hash of what NinjaOne already holds; a failure records nothing and the next
 * run plans it again. A state that cannot be written stops the writes: going on would write
 * values it cannot remember.
 */
export async function writeEach(write: FieldWriter, state: StateHandle, actions: readonly FieldWriteAction[], hooks: JobHooks, options: WriteOptions = {}): Promise<FieldWriteOutcome> {
  const now = options.now ?? (() => new Date());
  const writes = actions.flatMap((a) => (a.kind === "write" ? [a] : []));
  const result = await applyEach(
    writes,
    {
      job: "fields",
      describe: (action) => ({ action: "write-fields", target: entityLabel(action) }),
      run: (action) => write(action.scope, action.entityId, action.fields),
      record: (action) => {
        const writtenAt = now().toISOString();
        return state.update((draft) => {
          // Named one by one, not `{ ...r, writtenAt }`, which puts the sixth in an array of its own: 3 MB on 75,000 records.
          for (const r of action.record) draft.fieldWrites[r.key] = { key: r.key, scope: r.scope, entityId: r.entityId, field: r.field, hash: r.hash, writtenAt };
        });
      },
      detail: (action) => Object.keys(action.fields).join(", "),
    },
    loopOptions(options, hooks),
  );
  const left = (result.left ?? []).map(entityOf);
  return {
    written: result.applied.map(({ action }) => entityOf(action)),
    failed: result.failed.map(({ action, error }) => ({ ...entityOf(action), reason: error })),
    ...(left.length === 0 ? {} : { left }),
    ...(result.stop === undefined ? {} : { stop: result.stop }),
  };
}

function loopOptions(options: WriteOptions, hooks: JobHooks) {
  return { concurrency: options.concurrency ?? DEFAULT_CONCURRENCY, hooks, ...(options.open === undefined ? {} : { open: options.open }) };
}

/** What stands in for a stale text value NinjaOne will not clear: it says the value is no longer kept up to date. */
export const CLEARED_TEXT = "No longer synced by ninja-bridge";

const TEXT_TYPES = new Set(["TEXT", "TEXT_MULTILINE"]);

function standIn(type: string): FieldValue | undefined {
  if (type === "WYSIWYG") return { html: `<p>${CLEARED_TEXT}</p>` };
  return TEXT_TYPES.has(type) ? CLEARED_TEXT : undefined;
}

const isBlank = (value: unknown) => value === undefined || value === null || value === "";

/**
 * Clears one entity's stale values. How NinjaOne clears a value is undocumented: the reference
 * (§5, homotechsual/NinjaOne#29, 2024) says `""` and `null` left a text field as it was with no
 * error, and a search of GitHub issues, code and pages (2026-12) found no PATCH that clears. So
 * `null` is sent (what a PATCH means by "no value"), the values are read back, and any value
 * NinjaOne kept is replaced by CLEARED_TEXT where the type takes text; a date is kept and said.
 */
export async function clearStale(http: HttpClient, action: ClearAction): Promise<{ replaced: string[]; kept: string[] }> {
  const names = Object.keys(action.fields);
  await writeCustomFieldValues(http, action.scope, action.entityId, Object.fromEntries(names.map((n) => [n, null])));
  const now = await readCustomFieldValues(http, action.scope, action.entityId);
  const left = names.filter((n) => !isBlank(now[n]));
  const replacements: Record<string, FieldValue> = {};
  for (const name of left) {
    const value = standIn(action.fields[name] ?? "");
    if (value !== undefined) replacements[name] = value;
  }
  if (Object.keys(replacements).length > 0) await writeCustomFieldValues(http, action.scope, action.entityId, replacements);
  return { replaced: Object.keys(replacements), kept: left.filter((n) => !(n in replacements)) };
}

/** Clears each entity's stale values, a few at once, dropping their field-write records as each lands. */
export async function clearEach(http: HttpClient, state: StateHandle, clears: readonly ClearAction[], hooks: JobHooks, options: WriteOptions = {}): Promise<{ cleared: ClearedEntity[]; failed: FailedEntity[]; left: WrittenEntity[]; stop?: unknown }> {
  const entity = (a: ClearAction): WrittenEntity => ({ scope: a.scope, entityId: a.entityId, ...(a.entityName === undefined ? {} : { entityName: a.entityName }), fields: Object.keys(a.fields) });
  const result = await applyEach(
    clears,
    {
      job: "fields",
      describe: (action) => ({ action: "clear-fields", target: entityLabel(action) }),
      run: (action) => clearStale(http, action),
      record: (action) =>
        state.update((draft) => {
          for (const key of action.keys) delete draft.fieldWrites[key];
        }),
      detail: (action, r) => [Object.keys(action.fields).join(", "), r.kept.length > 0 ? `NinjaOne kept ${r.kept.join(", ")}: clear by hand` : ""].filter((t) => t !== "").join("; "),
    },
    loopOptions(options, hooks),
  );
  return {
    cleared: result.applied.map(({ action, result: r }) => ({ ...entity(action), ...r })),
    failed: result.failed.map(({ action, error }) => ({ ...entity(action), reason: error })),
    left: (result.left ?? []).map(entity),
    ...(result.stop === undefined ? {} : { stop: result.stop }),
  };
}

export interface BatchOutcome extends FieldWriteOutcome {
  counts: JobCounts;
}

/**
 * Applies one batch's plan: the device links it made or saw change are recorded first (they
 * are what the writes below rest on), gone links past --forget-after dropped with their
 * deleted devices' cached values; blocked mappings and problems are reported, the planned PATCHes
 * sent and recorded as they land, then the Microsoft 365 tenants read (those whose writes all
 * landed) and NinjaOne's device counts are recorded. After a stop nothing more is recorded:
 * the next run reads those tenants again.
 */
export async function applyFieldsBatch(session: JobSession, state: StateHandle, plan: FieldsSyncPlan, hooks: JobHooks, options: WriteOptions = {}): Promise<BatchOutcome> {
  const base = fieldsPlanCounts(plan);
  for (const b of plan.blocked) {
    hooks.onAction?.({ job: "fields", action: "write-fields", target: `${b.fieldName} (${b.sourceId})`, result: "failed", detail: `${b.reason}; ${b.fix}` });
  }
  for (const p of plan.problems) {
    hooks.onAction?.({ job: "fields", action: "write-fields", target: `${p.subject} (org ${p.org.id})`, result: "skipped", detail: p.reason });
  }
  const { forget } = plan;
  // What the reads learned, before any write: a later batch or run reads these customers many at once.
  if (Object.keys(plan.acronisTenantSets).length > 0) await state.update((draft) => recordTenantSets(draft, plan.acronisTenantSets));
  if (plan.linkChanges.length > 0 || forget.links.length > 0 || forget.fieldWrites.length > 0) {
    await state.update((draft) => {
      applyLinkChanges(draft, plan.linkChanges);
      for (const key of forget.links) delete draft.deviceLinks[key];
      for (const key of forget.fieldWrites) delete draft.fieldWrites[key];
    });
  }
  let outcome: FieldWriteOutcome = { written: [], failed: [] };
  if (base.planned > 0) {
    const { http } = await session.ninjaone();
    outcome = await writeEach((scope, id, fields) => writeCustomFieldValues(http, scope, id, fields), state, plan.writes.actions, hooks, options);
    if (outcome.stop === undefined && plan.clears.length > 0) {
      const cleared = await clearEach(http, state, plan.clears, hooks, options);
      const left = [...(outcome.left ?? []), ...cleared.left];
      outcome = {
        written: outcome.written,
        failed: [...outcome.failed, ...cleared.failed],
        cleared: cleared.cleared,
        ...(left.length === 0 ? {} : { left }),
        ...(cleared.stop === undefined ? {} : { stop: cleared.stop }),
      };
    }
  }
  const left = outcome.left ?? [];
  const counts = { ...base, applied: outcome.written.length + (outcome.cleared?.length ?? 0), failed: base.failed + outcome.failed.length, skipped: base.skipped + left.length };
  if (outcome.stop !== undefined) return { ...outcome, counts };
  const deviceCounts = deviceCountsToRecord(plan, state.data);
  if (plan.cippRead.length > 0 || deviceCounts.length > 0) {
    const now = options.now ?? (() => new Date());
    await state.update((draft) => {
      // A tenant with values left is not fresh: the next run reads it again and plans them.
      if (plan.cippRead.length > 0) recordCippReads(draft, plan.cippRead, [...outcome.failed, ...left.map((e) => ({ ...e, reason: LEFT_FOR_NEXT_RUN }))], plan.orgOfDevice, now());
      recordDeviceCounts(draft, deviceCounts);
    });
  }
  return { ...outcome, counts };
}
