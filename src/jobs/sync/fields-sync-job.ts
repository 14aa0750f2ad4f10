import { applyFieldsSync, fieldsPlanCounts, planFieldsSync, type FieldsSyncPlan } from "../fields-job/run-job.js";
import { readFieldsSettings } from "../fields-job/settings.js";
import type { SyncJob } from "./run-sync.js";

/** What a person should hear about a fields plan: fields that cannot be written, and what was left out and why. */
function fieldsNotes(plan: FieldsSyncPlan): string[] {
  const notes = plan.blocked.map((b) => `${b.sourceId} → ${b.fieldName}: ${b.reason} (${b.fix})`);
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
    const settings = readFieldsSettings(await session.ctx.config());
    const plan = await planFieldsSync(session, state.data, settings);
    const planned = fieldsPlanCounts(plan);
    if (plan.skippedBecause !== undefined) return { counts: planned, skippedBecause: plan.skippedBecause, notes: [] };
    if (options.dryRun) return { counts: planned, notes: fieldsNotes(plan) };
    const outcome = await applyFieldsSync(session, state, plan, hooks);
    return { counts: outcome.counts, notes: fieldsNotes(plan) };
  },
};
