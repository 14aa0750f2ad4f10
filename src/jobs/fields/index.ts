import { plural } from "../../plural.js";
import { emptyCounts, stoppedWith, windowCheck, type Job, type JobCounts, type JobHooks, type JobRun } from "../job.js";
import { applyFieldsBatch, valuesOf, type ClearedEntity, type FailedEntity, type WrittenEntity } from "./apply.js";
import { addCounts, appliedPlanForReport, chooseServices, fieldsBasis, hasStaleValues, fieldsPlanCounts, mergePlans, orgBatches, planBatch, type FieldsBasis, type FieldsSyncPlan } from "./plan/plan-job.js";
import { readBatch, readFieldsBasis } from "./read.js";
import { fieldsReport } from "./report.js";
import { withExcludedNote } from "../shared/exclusions.js";
import { complianceJobSettings, fieldsJobSettings, type FieldsJobSettings } from "./settings.js";

export interface FieldsJobPlan {
  /** What every batch plans from; null when there is nothing to do (then `planned` holds the one plan that says why). */
  basis: FieldsBasis | null;
  /** The batches read and planned so far: all of them for a dry run or an unbatched run, else the first. */
  planned: FieldsSyncPlan[];
  /** The organizations of the batches still to read: apply reads each while it writes the one before. */
  unread: number[][];
}

export interface FieldsOutcome {
  /** The plan of every batch that was applied, in order. */
  plans: FieldsSyncPlan[];
  written: WrittenEntity[];
  failed: FailedEntity[];
  /** Entities whose stale values were cleared. */
  cleared: ClearedEntity[];
  /** Writes and clears the run's window (`sync --max-duration`) left for the next run. */
  left: WrittenEntity[];
  /** Organizations of the batches the window left unread: the next run takes them first. */
  unreached: number;
  counts: JobCounts;
}

async function planOrgs(run: JobRun<FieldsJobSettings>, basis: FieldsBasis, orgIds: readonly number[], first: boolean): Promise<FieldsSyncPlan> {
  return planBatch(run.settings, basis, await readBatch(run.session, basis, orgIds), run.state.data, first);
}

/** Progress over every batch: writes done of those planned so far. */
function batchHooks(hooks: JobHooks, before: { done: number; planned: number }): JobHooks {
  return {
    ...(hooks.onAction ? { onAction: hooks.onAction } : {}),
    onProgress: (done) => hooks.onProgress?.(before.done + done, before.planned),
  };
}

/** What the run's window left, in the words `sync` prints: "12 values left for the next run". */
function leftNote(values: number, orgs: number): string {
  const parts = [`${plural(values, "value")} left for the next run`];
  if (orgs > 0) parts.push(`${plural(orgs, "organization")} not read (the next run takes them first)`);
  return `${parts.join("; ")}: the --max-duration window closed`;
}

/**
 * fields: every mapped source's value written into NinjaOne's custom fields, only what changed
 * since the last write (all with `full`), one PATCH per device or organization, each recorded
 * as it lands. Under `sync` the linked organizations go in batches, the next batch read while
 * this one is written, so the reads of Acronis and CIPP overlap NinjaOne's writes; `fields
 * sync` plans everything first, to show it. A tenant that cannot be read costs only itself.
 */
export const fieldsJob: Job<FieldsJobSettings, FieldsJobPlan, FieldsOutcome> = {
  name: "fields",
  readsDevicesOf: ["ninjaone"],
  yieldsToWindow: true,
  settings: fieldsJobSettings,

  async plan(run) {
    const { settings } = run;
    const chosen = chooseServices(settings);
    // With no source mapped there is nothing to write, but values of unmapped sources may still be ours to clear.
    const clearsOnly = "writes" in chosen && !settings.complianceOnly && Object.keys(run.state.data.fieldWrites).length > 0 && chosen.notConfigured.length === 0;
    if ("writes" in chosen && !clearsOnly) return { basis: null, planned: [chosen], unread: [] };
    const basis = fieldsBasis(settings, "writes" in chosen ? { services: [], notConfigured: [] } : chosen, await readFieldsBasis(run.session), run.state.data, new Date());
    if ("writes" in chosen && !hasStaleValues(basis)) return { basis: null, planned: [chosen], unread: [] };
    const [first = [], ...rest] = orgBatches(basis, settings.batchSize, Object.values(run.state.data.fieldWrites));
    const planned = [await planOrgs(run, basis, first, true)];
    // A dry run writes nothing that later reads could overlap: it plans every batch now.
    if (run.dryRun) for (const orgIds of rest) planned.push(await planOrgs(run, basis, orgIds, false));
    return { basis, planned, unread: run.dryRun ? [] : rest };
  },

  pending: (plan) => plan.planned.reduce((n, p) => n + fieldsPlanCounts(p).planned, 0),

  async apply(run, plan) {
    const outcome: FieldsOutcome = { plans: [], written: [], failed: [], cleared: [], left: [], unreached: 0, counts: emptyCounts() };
    const open = windowCheck(run.window);
    const { basis } = plan;
    if (basis === null) return { ...outcome, plans: plan.planned };
    const total = plan.planned.length + plan.unread.length;
    const batch = (i: number): Promise<FieldsSyncPlan> => {
      const ready = plan.planned[i];
      return ready !== undefined ? Promise.resolve(ready) : planOrgs(run, basis, plan.unread[i - plan.planned.length] ?? [], false);
    };
    let next = batch(0);
    // Batches below `read` are planned or being read; the window closing stops the reads of the rest.
    let read = plan.planned.length;
    for (let i = 0; i < total; i++) {
      if (i >= read) {
        outcome.unreached = plan.unread.slice(i - plan.planned.length).reduce((n, orgIds) => n + orgIds.length, 0);
        break;
      }
      const current = await next;
      if (i + 1 < total && (i + 1 < read || open?.() !== false)) {
        read = Math.max(read, i + 2);
        // Read the next batch now, while this one is written. A failure there surfaces when it
        // is awaited, not as an unhandled rejection meanwhile.
        next = batch(i + 1);
        next.catch(() => undefined);
      }
      const planned = fieldsPlanCounts(current).planned;
      const hooks = batchHooks(run.hooks, { done: outcome.written.length + outcome.cleared.length + outcome.failed.length, planned: outcome.counts.planned + planned });
      const landed = await applyFieldsBatch(run.session, run.state, current, hooks, open === undefined ? {} : { open });
      outcome.plans.push(appliedPlanForReport(current));
      outcome.written.push(...landed.written);
      outcome.failed.push(...landed.failed);
      outcome.cleared.push(...(landed.cleared ?? []));
      outcome.left.push(...(landed.left ?? []));
      outcome.counts = addCounts(outcome.counts, landed.counts);
      if (landed.stop !== undefined) throw stoppedWith(landed.stop, outcome);
    }
    return outcome;
  },

  report(run, plan, outcome) {
    const plans = outcome?.plans ?? plan.planned;
    const counts = outcome?.counts ?? plans.map(fieldsPlanCounts).reduce(addCounts, emptyCounts());
    const applied = outcome === null || plan.basis === null ? null : { written: outcome.written, failed: outcome.failed, cleared: outcome.cleared };
    const report = withExcludedNote(fieldsReport(mergePlans(plans), { dryRun: run.dryRun, cippFreshForMinutes: run.settings.cippFreshForMinutes, counts }, applied), run.state.data, "fields");
    if (outcome === null) return report;
    const left = valuesOf(outcome.left);
    const notes = left > 0 || outcome.unreached > 0 ? [...report.notes, leftNote(left, outcome.unreached)] : report.notes;
    return { ...report, notes, left, unreached: outcome.unreached };
  },
};

/**
 * compliance: the fields job's lane for Intune compliance alone (`sync --jobs compliance`),
 * for cron every few minutes. It reads NinjaOne's devices and each mapped tenant's Intune
 * device list, nothing else, and writes only the compliance values that changed, through the
 * same per-field hashes as the fields job, so neither writes again what the other wrote.
 */
export const complianceJob: Job<FieldsJobSettings, FieldsJobPlan, FieldsOutcome> = {
  ...fieldsJob,
  name: "compliance",
  readsDevicesOf: ["ninjaone"],
  settings: complianceJobSettings,
  report: (run, plan, outcome) => ({ ...fieldsJob.report(run, plan, outcome), job: "compliance" }),
};
