import { emptyCounts, type JobReport } from "../job.js";
import type { AgentsOutcome, AgentsPlan } from "./index.js";

/**
 * The shared report plus the job's own detail: every organization's devices by category, the
 * tokens minted (organization, field, expiry: never a token) and the scripts sent.
 */
export function agentsReport(dryRun: boolean, plan: AgentsPlan, outcome: AgentsOutcome | null): JobReport & Record<string, unknown> {
  const runs = plan.deploy?.runs ?? [];
  const counts = outcome?.counts ?? { ...emptyCounts(), planned: plan.mints.length + runs.length, skipped: (plan.deploy?.skipped.length ?? 0) + (plan.deploy?.deferred ?? 0) };
  const expiries = new Map(outcome?.mints.applied.map((m) => [m.action.orgId, m.result.toISOString()]) ?? []);
  return {
    job: "agents",
    dryRun,
    counts,
    actions: [
      ...plan.mints.map((m) => ({ kind: m.kind, target: `${m.orgName} (org ${m.orgId}) → ${m.field}`, reason: m.reason })),
      ...runs.map((r) => ({ kind: r.kind, target: `${r.deviceName} (device ${r.deviceId}, ${r.orgName})`, reason: `${r.reason}: ${r.scriptName}` })),
    ],
    problems: [
      ...(plan.orgs ?? []).filter((o) => o.unread !== undefined).map((o) => ({ subject: `Acronis ${o.tenantName}`, reason: o.unread ?? "" })),
      ...(outcome?.mints.failed ?? []).map((f) => ({ subject: `${f.action.orgName} (org ${f.action.orgId})`, reason: f.error })),
      ...(outcome?.runs.failed ?? []).map((f) => ({ subject: `${f.action.deviceName} (device ${f.action.deviceId})`, reason: f.error })),
    ],
    notes: [
      ...(plan.deploy?.skipped ?? []).map((s) => `${s.deviceName} (${s.orgName}) skipped: ${s.reason}`),
      ...(plan.deploy !== null && plan.deploy.deferred > 0 ? [`${plan.deploy.deferred} more devices wait for the next run (--max)`] : []),
    ],
    applied: outcome === null || counts.planned === 0 ? null : { tokens: outcome.mints.applied.length, scripts: outcome.runs.applied.length },
    summary: plan.summary,
    organizations: plan.orgs,
    tokens: plan.mints.map((m) => ({ orgId: m.orgId, orgName: m.orgName, tenantId: m.tenantId, field: m.field, reason: m.reason, expiresAt: expiries.get(m.orgId) ?? null })),
    deploy: plan.deploy,
  };
}
