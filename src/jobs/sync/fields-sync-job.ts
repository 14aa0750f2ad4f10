import { emptyCounts, type JobCounts, type JobHooks } from "../job.js";
import { applyFieldsSync, fieldsPlanCounts, planFieldsSyncInBatches, type FieldsSyncPlan } from "../fields/run-job.js";
import { readFieldsSettings } from "../fields/settings.js";
import type { SyncJob } from "./legacy-job.js";

/**
 * Organizations per batch: small enough that NinjaOne's writes start early, large enough
 * that the next batch's reads (CIPP, Acronis) finish while this one is written.
 */
const BATCH_SIZE = 50;

/** What a person should hear about a fields plan: fields that cannot be written, and what was left out and why. */
function fieldsNotes(plans: readonly FieldsSyncPlan[], cippFreshForMinutes: number): string[] {
  const notes = plans.flatMap((p) => p.blocked.map((b) => `${b.sourceId} → ${b.fieldName}: ${b.reason} (${b.fix})`));
  const fresh = plans.reduce((n, p) => n + p.cippFresh, 0);
  if (fresh > 0) {
    notes.push(`${fresh} Microsoft 365 tenant(s) read less than ${cippFreshForMinutes} min ago were not read again (setting sync.cippRefreshMinutes; \`ninja-bridge fields sync\` reads them all)`);
  }
  const byKind = new Map<string, number>();
  for (const p of plans.flatMap((plan) => plan.problems)) byKind.set(p.kind, (byKind.get(p.kind) ?? 0) + 1);
  if (byKind.size > 0) {
    notes.push(`not written: ${[...byKind].map(([kind, n]) => `${n} ${kind}`).join(", ")}; \`ninja-bridge fields sync --dry-run\` lists them`);
  }
  return notes;
}

function add(a: JobCounts, b: JobCounts): JobCounts {
  return { planned: a.planned + b.planned, applied: a.applied + b.applied, failed: a.failed + b.failed, skipped: a.skipped + b.skipped };
}

/** Progress over every batch: items done of those planned so far. */
function batchHooks(hooks: JobHooks, before: { done: number; planned: number }): JobHooks {
  return {
    ...(hooks.onAction ? { onAction: hooks.onAction } : {}),
    onProgress: (done) => hooks.onProgress?.(before.done + done, before.planned),
  };
}

/**
 * fields sync inside `sync`: every mapped source, only what changed since the last write,
 * in batches of organizations so the next batch is read while this one is written.
 */
export function createFieldsSyncJob(batchSize = BATCH_SIZE): SyncJob {
  return {
    name: "fields",
    async run(session, state, options, hooks) {
      const config = await session.ctx.config();
      const settings = readFieldsSettings(config);
      const cippFreshForMinutes = Number(config.resolve("sync.cippRefreshMinutes", session.ctx.env)?.value ?? 0);
      const batches = planFieldsSyncInBatches(session, () => state.data, settings, { cippFreshForMinutes, batchSize });
      const plans: FieldsSyncPlan[] = [];
      let counts = emptyCounts();
      let next = batches.next();
      for (;;) {
        const step = await next;
        if (step.done === true) break;
        const plan = step.value;
        // Start reading the next batch now; it runs while this one is written. A failure there
        // surfaces when it is awaited, not as an unhandled rejection meanwhile.
        next = batches.next();
        next.catch(() => undefined);
        plans.push(plan);
        if (plan.skippedBecause !== undefined) return { counts: fieldsPlanCounts(plan), skippedBecause: plan.skippedBecause, notes: [] };
        const planned = fieldsPlanCounts(plan);
        if (options.dryRun) {
          counts = add(counts, planned);
          continue;
        }
        const outcome = await applyFieldsSync(session, state, plan, batchHooks(hooks, { done: counts.applied + counts.failed, planned: counts.planned + planned.planned }));
        counts = add(counts, outcome.counts);
      }
      return { counts, notes: fieldsNotes(plans, cippFreshForMinutes) };
    },
  };
}

export const fieldsSyncJob = createFieldsSyncJob();
