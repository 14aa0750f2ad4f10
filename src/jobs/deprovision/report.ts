import { orgLabel } from "../shared/acronis-customers/read.js";
import type { DeprovisionOutcome, DeprovisionResult } from "./apply.js";
import { deprovisionPlanCounts, type DeprovisionPlan } from "./plan/plan-deprovision.js";

/** The --json document's own part: the plan in full, the safety stop if any, and each change's result (null when nothing was applied). */
export function deprovisionJson(dryRun: boolean, plan: DeprovisionPlan, results: readonly DeprovisionResult[] | null) {
  return {
    dryRun,
    stopped: plan.stop ?? null,
    plan: plan.actions.map((a) => ({
      org: a.org,
      action: a.kind,
      tenant: a.tenant,
      reason: a.reason,
      ...(a.disabledAt === undefined ? {} : { disabledAt: a.disabledAt }),
      ...(a.deleteFrom === undefined ? {} : { deleteFrom: a.deleteFrom }),
    })),
    results: results === null ? null : results.map(resultJson),
  };
}

function resultJson(r: DeprovisionResult) {
  return { org: r.action.org, action: r.action.kind, tenant: r.action.tenant, result: r.result, ...(r.error === undefined ? {} : { error: r.error }) };
}

/** The shared report with deprovision's own document beside it. A run that changed nothing (stopped, or nothing to do) has no results. */
export function deprovisionReport(dryRun: boolean, plan: DeprovisionPlan, outcome: DeprovisionOutcome | null) {
  const results = outcome === null || outcome.results.length === 0 ? null : outcome.results;
  const held = plan.actions.filter((a) => a.kind === "hold").map((a) => `held: ${a.reason}`);
  return {
    ...deprovisionJson(dryRun, plan, results),
    job: "deprovision" as const,
    counts: outcome?.counts ?? deprovisionPlanCounts(plan),
    actions: plan.actions.map((a) => ({ kind: a.kind, target: orgLabel(a.org, a.tenant), reason: a.reason })),
    problems: (results ?? []).flatMap((r) => (r.error === undefined ? [] : [{ subject: orgLabel(r.action.org, r.action.tenant), reason: r.error }])),
    notes: plan.stop === undefined ? held : [`${dryRun ? "would stop" : "stopped"}: ${plan.stop.reason}`, ...held],
    applied: results === null ? null : results.filter((r) => r.result === "applied").map(resultJson),
  };
}
