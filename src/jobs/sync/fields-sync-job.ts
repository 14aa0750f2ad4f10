import { applyFieldsSync, fieldsPlanCounts, planFieldsSync, type FieldsSyncPlan } from "../fields-job/run-job.js";
import { readFieldsSettings } from "../fields-job/settings.js";
import type { SyncJob } from "./run-sync.js";

/** What a person should hear about a fields plan: fields that cannot be written, and what was left out and why. */
function fieldsNotes(plan: FieldsSyncPlan, cippFreshForMinutes: number): string[] {
  const notes = plan.blocked.map((b) => `${b.sourceId} → ${b.fieldName}: ${b.reason} (${b.fix})`);
  if (plan.cippFresh > 0) {
    notes.push(`${plan.cippFresh} Microsoft 365 tenant(s) read less than ${cippFreshForMinutes} min ago were not read again (setting sync.cippRefreshMinutes; \`ninja-bridge fields sync\` reads them all)`);
  }
  const byKind = new Map<string, number>();
  for (const p of plan.problems) byKind.set(p.kind, (byKind.get(p.kind) ?? 0) + 1);
  if (byKind.size > 0) {
    notes.push(`not written: ${[...byKind].map(([kind, n]) => `${n} ${kind}`).join(", ")}; \`ninja-bridge fields sync --dry-run\` lists them`);
  }
  return notes;
}

/** fields sync inside `sync`: every mapped source, only what changed since the last write. */
export const fieldsSyncJob: SyncJob = {
  name: "fields",
  async run(session, state, options, hooks) {
    const config = await session.ctx.config();
    const settings = readFieldsSettings(config);
    const cippFreshForMinutes = Number(config.resolve("sync.cippRefreshMinutes", session.ctx.env)?.value ?? 0);
    const plan = await planFieldsSync(session, state.data, settings, { cippFreshForMinutes });
    const planned = fieldsPlanCounts(plan);
    if (plan.skippedBecause !== undefined) return { counts: planned, skippedBecause: plan.skippedBecause, notes: [] };
    if (options.dryRun) return { counts: planned, notes: fieldsNotes(plan, cippFreshForMinutes) };
    const outcome = await applyFieldsSync(session, state, plan, hooks);
    return { counts: outcome.counts, notes: fieldsNotes(plan, cippFreshForMinutes) };
  },
};
