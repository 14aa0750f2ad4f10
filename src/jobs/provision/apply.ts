import { stoppedWith, type JobCounts, type JobRun } from "../job.js";
import { orgLabel } from "../shared/acronis-customers/read.js";
import { applyEach } from "../shared/apply-loop.js";
import { recordOrgsSeen } from "./plan/orgs-seen.js";
import { isWork, provisionPlanCounts, type ProvisionAction, type ProvisionJobPlan } from "./plan/plan-provision.js";
import { provisionOrg, startProgress, type OrgProgress } from "./provision-org.js";

export interface ProvisionResult extends OrgProgress {
  action: ProvisionAction;
  result: "applied" | "failed";
}

export interface ProvisionOutcome {
  /** One per organization to provision, in the plan's order. */
  results: ProvisionResult[];
  counts: JobCounts;
}

/** Organizations provisioned at once: each runs its steps in order, and Acronis counts requests per client. */
const CONCURRENCY = 4;

/**
 * Notes every listed organization as seen (so `sync` can tell the new ones next time), then
 * provisions each planned organization, one action each, recording every step as it lands.
 * An error every organization would meet stops the run: the organizations not started are
 * reported as not tried, and the error is thrown with what landed.
 */
export async function applyProvision(run: Pick<JobRun<unknown>, "session" | "state" | "hooks">, plan: ProvisionJobPlan, now: () => Date = () => new Date()): Promise<ProvisionOutcome> {
  const { session, state, hooks } = run;
  await state.update((draft) => recordOrgsSeen(draft, plan.orgs, now()));
  const work = plan.actions.filter(isWork);
  const counts = provisionPlanCounts(plan);
  for (const refused of plan.actions.filter((a) => a.kind === "refuse")) {
    hooks.onAction?.({ job: "provision", action: "create-tenant", target: orgLabel(refused.org), result: "skipped", detail: refused.reason });
  }
  if (work.length === 0) return { results: [], counts };

  const conn = await session.acronis();
  const deps = { http: conn.http, partnerId: await conn.ownTenantId(), state, services: plan.services, now };
  const progress = new Map(work.map((action) => [action, startProgress(action)]));
  const progressOf = (action: ProvisionAction) => progress.get(action) ?? startProgress(action);
  const loop = await applyEach(
    work,
    {
      job: "provision",
      describe: (action) => ({ action: `${action.kind}-tenant`, target: orgLabel(action.org, action.tenant) }),
      run: (action) => provisionOrg(deps, action, progressOf(action)),
      // Each step was recorded as it landed, inside provisionOrg: a kill between steps resumes at the next.
      record: async () => undefined,
      detail: (action) => {
        const { notes } = progressOf(action);
        return notes.length === 0 ? undefined : notes.join("; ");
      },
    },
    { concurrency: CONCURRENCY, hooks },
  );
  const failed = new Map(loop.failed.map((f) => [f.action, f.error]));
  const results = work.map((action): ProvisionResult => {
    const reached = progressOf(action);
    const error = failed.get(action);
    return error === undefined ? { action, result: "applied", ...reached } : { action, result: "failed", ...reached, error: reached.error ?? error };
  });
  if (results.some((r) => r.done.length > 0)) session.forget("acronis");
  const failures = failed.size;
  const outcome = { results, counts: { ...counts, applied: results.length - failures, failed: failures } };
  if (loop.stop !== undefined) throw stoppedWith(loop.stop, outcome);
  return outcome;
}
