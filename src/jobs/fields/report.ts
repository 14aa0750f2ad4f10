import type { FieldWriteOutcome } from "./apply.js";
import type { FieldsSyncPlan } from "./run-job.js";

/**
 * `fields sync --json`: the plan and, once applied, what landed. Values are left out (a
 * summary is kilobytes of HTML); field names, reasons and problems are all there.
 */
export function fieldsSyncJson(plan: FieldsSyncPlan, options: { dryRun: boolean }, applied: FieldWriteOutcome | null) {
  const writes = plan.writes.actions.flatMap((a) =>
    a.kind === "write" ? [{ scope: a.scope, entityId: a.entityId, entityName: a.entityName ?? null, fields: Object.keys(a.fields).sort(), changed: a.changed, reason: a.reason }] : [],
  );
  return {
    dryRun: options.dryRun,
    full: plan.full,
    skippedBecause: plan.skippedBecause ?? null,
    services: plan.services,
    notConfigured: plan.notConfigured,
    mappings: plan.mappings,
    blocked: plan.blocked,
    orgs: plan.orgs,
    summary: { ...plan.writes.counts, problems: plan.problems.length, blocked: plan.blocked.length },
    writes,
    problems: plan.problems,
    applied,
  };
}
