import { writeCustomFieldValues } from "../../clients/ninjaone/custom-field-values.js";
import type { StateHandle } from "../../state/index.js";
import type { JobCounts, JobHooks } from "../job.js";
import { applyEach } from "../shared/apply-loop.js";
import { recordDeviceCounts } from "../shared/estates/emptied-orgs.js";
import type { JobSession } from "../shared/session.js";
import { applyLinkChanges } from "../shared/devices/links.js";
import { recordCippReads } from "./plan/cipp-freshness.js";
import type { FieldScope, FieldValue, FieldWriteAction } from "./plan/index.js";
import { recordTenantSets } from "../shared/estates/acronis-batches.js";
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

export interface FieldWriteOutcome {
  written: WrittenEntity[];
  failed: FailedEntity[];
  /** The error that stopped the writes (a state that cannot be written, a refused token), if one did. */
  stop?: unknown;
}

/** Sends one entity's fields; the seam tests replace. */
export type FieldWriter = (scope: FieldScope, entityId: number, fields: Readonly<Record<string, FieldValue>>) => Promise<void>;

export interface WriteOptions {
  concurrency?: number;
  now?: () => Date;
}

export function entityLabel(a: { scope: FieldScope; entityId: number; entityName?: string }): string {
  const kind = a.scope === "device" ? "device" : "org";
  return a.entityName === undefined ? `${kind} ${a.entityId}` : `${a.entityName} (${kind} ${a.entityId})`;
}

function entityOf(action: Extract<FieldWriteAction, { kind: "write" }>): WrittenEntity {
  return { scope: action.scope, entityId: action.entityId, ...(action.entityName === undefined ? {} : { entityName: action.entityName }), fields: Object.keys(action.fields) };
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
          for (const r of action.record) draft.fieldWrites[r.key] = { ...r, writtenAt };
        });
      },
      detail: (action) => Object.keys(action.fields).join(", "),
    },
    { concurrency: options.concurrency ?? DEFAULT_CONCURRENCY, hooks },
  );
  return {
    written: result.applied.map(({ action }) => entityOf(action)),
    failed: result.failed.map(({ action, error }) => ({ ...entityOf(action), reason: error })),
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
  }
  const counts = { ...base, applied: outcome.written.length, failed: base.failed + outcome.failed.length };
  if (outcome.stop !== undefined) return { ...outcome, counts };
  const deviceCounts = deviceCountsToRecord(plan, state.data);
  if (plan.cippRead.length > 0 || deviceCounts.length > 0) {
    const now = options.now ?? (() => new Date());
    await state.update((draft) => {
      if (plan.cippRead.length > 0) recordCippReads(draft, plan.cippRead, outcome.failed, plan.orgOfDevice, now());
      recordDeviceCounts(draft, deviceCounts);
    });
  }
  return { ...outcome, counts };
}
