import type { JobReport } from "../job.js";
import type { UsersOutcome } from "./apply.js";
import { describeAction } from "./plan/plan-access.js";
import type { UsersPlan } from "./plan-run.js";

/** `users apply --json`: the shared report, with the instance and, for a request, its ticket. */
export function usersReport(plan: UsersPlan, dryRun: boolean, outcome: UsersOutcome | null): JobReport & Record<string, unknown> {
  return {
    job: "users",
    dryRun,
    counts: { planned: plan.actions.length, applied: outcome?.applied.length ?? 0, failed: outcome?.failed.length ?? 0, skipped: plan.refused.length },
    instance: plan.instance,
    ...(plan.ticket === undefined ? {} : { ticket: plan.ticket }),
    actions: plan.actions.map((a) => ({ ...a, target: describeAction(a), reason: plan.ticket === undefined ? "the access file says so" : `approved on ticket ${plan.ticket.id}` })),
    problems: (outcome?.failed ?? []).map((f) => ({ subject: describeAction(f.action), reason: f.error })),
    notes: plan.refused.map((r) => `not applied: ${describeAction(r.action)}: ${r.reason}`),
    applied:
      outcome === null
        ? null
        : { changes: outcome.applied.map(describeAction), failed: outcome.failed.map((f) => ({ change: describeAction(f.action), reason: f.error })), ...(outcome.commented === undefined ? {} : { commented: outcome.commented }) },
  };
}
