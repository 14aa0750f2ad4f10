import type { JobCounts } from "../job.js";
import { effectActions, type EffectAction, type TicketAction, type TicketSyncPlan } from "./plan/index.js";
import { targetOf, type TicketsOutcome } from "./apply.js";
import { ticketsPlanCounts, type TicketsJobPlan } from "./plan/job-plan.js";
import { planNotices, type PlanNotice } from "./plan/notices.js";

/** One planned action as `--json` shows it: a stable shape, not the planner's internals. */
export interface ActionJson {
  kind: TicketAction["kind"];
  key: string;
  /** Who the action is about, as every job's report names it: "ticket 881", "alert 0A1B… (org 42)". */
  target: string;
  reason: string;
  alertId?: string;
  ticketId?: number;
  organizationId?: number;
  subject?: string;
}

export type TicketsSyncJson = {
  dryRun: boolean;
  /** Planned actions by kind. */
  plan: TicketSyncPlan["counts"];
  counts: JobCounts;
  unmappedTenants: string[];
  actions: ActionJson[];
  /** null for a dry run or when nothing was applied. */
  applied: Pick<TicketsOutcome, "applied" | "failed"> | null;
  /** The alert cursor after the run. */
  cursor: string | null;
  /** How the alerts were read: first (everything), incremental, since (`--since`) or full. */
  read: TicketsJobPlan["read"]["mode"];
};

function actionJson(a: TicketAction): ActionJson {
  const out: ActionJson = { kind: a.kind, key: a.key, target: actionTarget(a), reason: a.reason };
  if ("alertId" in a && a.alertId !== undefined) out.alertId = a.alertId;
  if (a.kind === "clear-alert") out.alertId = a.alertIds.join(",");
  if ("ticketId" in a && a.ticketId !== undefined) out.ticketId = a.ticketId;
  if (a.kind === "create") {
    out.organizationId = a.ninjaOrgId;
    out.subject = a.ticket.subject;
  }
  return out;
}

function actionTarget(a: TicketAction): string {
  switch (a.kind) {
    case "unmapped":
      return `alert ${a.alertId} (Acronis tenant ${a.tenantId})`;
    case "skip":
    case "deferred":
      return a.ticketId !== undefined ? `ticket ${a.ticketId}` : a.alertId !== undefined ? `alert ${a.alertId}` : a.key;
    default:
      return targetOf(a);
  }
}

export function ticketsSyncJson(planned: TicketsJobPlan, counts: JobCounts, dryRun: boolean, outcome: TicketsOutcome | null, storedCursor: string | undefined): TicketsSyncJson {
  return {
    dryRun,
    plan: planned.plan.counts,
    counts,
    unmappedTenants: planned.plan.unmappedTenants,
    actions: planned.plan.actions.map(actionJson),
    applied: outcome === null ? null : { applied: outcome.applied, failed: outcome.failed },
    cursor: outcome?.cursor ?? storedCursor ?? null,
    read: planned.read.mode,
  };
}

/** Rows of the plan table: what changes, on which ticket or alert, and why. */
export function planTableRows(plan: TicketSyncPlan): string[][] {
  return (effectActions(plan) as EffectAction[]).map((a) => {
    const ticket = a.kind === "create" ? "new" : `#${a.ticketId}`;
    const alert = a.kind === "clear-alert" ? a.alertIds.join(", ") : a.kind === "record" ? "" : a.alertId;
    return [a.kind, ticket, alert, a.reason];
  });
}

/** What the read did beyond the plain incremental read, then what was left out and why. */
export function ticketsNotices(planned: TicketsJobPlan, cap: number): PlanNotice[] {
  return [...planned.notices, ...planNotices(planned.plan, cap)];
}

/**
 * The --json document of `tickets sync` and the job's report under `sync`: the shared report
 * (counts, actions with their targets, failed actions as problems, notices as notes) with the
 * job's own keys beside it. The cursor is the one after the run, else the one the plan read.
 */
export function ticketsReport(planned: TicketsJobPlan, dryRun: boolean, outcome: TicketsOutcome | null, cap: number) {
  const json = ticketsSyncJson(planned, outcome?.counts ?? ticketsPlanCounts(planned.plan), dryRun, outcome, planned.cursor.stored);
  return {
    ...json,
    job: "tickets" as const,
    problems: (outcome?.failed ?? []).map((f) => ({ subject: f.ticketId === undefined ? `alert key ${f.key}` : `ticket ${f.ticketId}`, reason: f.error })),
    notes: ticketsNotices(planned, cap).map((n) => n.text),
  };
}
