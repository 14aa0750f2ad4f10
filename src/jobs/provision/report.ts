import type { OfferingItem } from "../../clients/acronis/tenant-admin.js";
import { orgLabel } from "../shared/acronis-customers/read.js";
import type { ProvisionOutcome, ProvisionResult } from "./apply.js";
import { isWork, provisionPlanCounts, type ProvisionAction, type ProvisionJobPlan } from "./plan/plan-provision.js";

/** The --json document's own part: the plan in full and each organization's result (null when nothing was applied). */
export function provisionJson(dryRun: boolean, actions: readonly ProvisionAction[], services: readonly OfferingItem[], results: readonly ProvisionResult[] | null) {
  return {
    dryRun,
    services: services.map((i) => i.name),
    plan: actions.map((a) => ({
      org: a.org,
      action: a.kind,
      tenant: a.tenant,
      mode: a.mode,
      adminEmail: a.adminEmail,
      mfa: a.mfa,
      steps: a.steps,
      reason: a.reason,
      ...(a.candidates === undefined ? {} : { candidates: a.candidates }),
    })),
    results: results === null ? null : results.map(resultJson),
  };
}

function resultJson(r: ProvisionResult) {
  return {
    org: r.action.org,
    action: r.action.kind,
    result: r.result,
    tenant: { id: r.tenantId, name: r.action.tenant.name },
    steps: r.done,
    notes: r.notes,
    ...(r.failedStep === undefined ? {} : { failedStep: r.failedStep }),
    ...(r.error === undefined ? {} : { error: r.error }),
  };
}

/** The shared report with provision's own document beside it. */
export function provisionReport(dryRun: boolean, plan: ProvisionJobPlan, outcome: ProvisionOutcome | null) {
  const results = outcome?.results ?? null;
  return {
    ...provisionJson(dryRun, plan.actions, plan.services, results),
    job: "provision" as const,
    counts: outcome?.counts ?? provisionPlanCounts(plan),
    actions: plan.actions.map((a) => ({ kind: a.kind, target: isWork(a) ? orgLabel(a.org, a.tenant) : orgLabel(a.org), reason: a.reason })),
    problems: (results ?? []).flatMap((r) => (r.error === undefined ? [] : [{ subject: orgLabel(r.action.org), reason: r.failedStep === undefined ? r.error : `${r.failedStep}: ${r.error}` }])),
    notes: plan.actions.filter((a) => a.kind === "refuse").map((a) => `${orgLabel(a.org)}: ${a.reason}`),
    applied: results === null ? null : results.filter((r) => r.result === "applied").map(resultJson),
  };
}
