import type { JobCounts } from "../job.js";
import { effectActions, type EffectAction, type TicketAction, type TicketSyncPlan } from "./plan/index.js";
import type { TicketsJobPlan, TicketsOutcome } from "./run-job.js";

/** One planned action as `--json` shows it: a stable shape, not the planner's internals. */
export interface ActionJson {
  kind: TicketAction["kind"];
  key: string;
  reason: string;
  alertId?: string;
  ticketId?: number;
  organizationId?: number;
  subject?: string;
}

export interface TicketsSyncJson {
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
}

function actionJson(a: TicketAction): ActionJson {
  const out: ActionJson = { kind: a.kind, key: a.key, reason: a.reason };
  if ("alertId" in a && a.alertId !== undefined) out.alertId = a.alertId;
  if (a.kind === "clear-alert") out.alertId = a.alertIds.join(",");
  if ("ticketId" in a && a.ticketId !== undefined) out.ticketId = a.ticketId;
  if (a.kind === "create") {
    out.organizationId = a.ninjaOrgId;
    out.subject = a.ticket.subject;
  }
  return out;
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

export interface PlanNotice {
  /** Warnings need attention (work deferred, customers unmapped); info only explains. */
  level: "warn" | "info";
  text: string;
}

/** What the read did beyond the plain incremental read, then what was left out and why. */
export function ticketsNotices(planned: TicketsJobPlan, cap: number): PlanNotice[] {
  return [...planned.notices, ...planNotices(planned.plan, cap)];
}

/** What was left out and why: the cap, unmapped customers, the rest. */
export function planNotices(plan: TicketSyncPlan, cap: number): PlanNotice[] {
  const notes: PlanNotice[] = [];
  const { deferred, unmapped, skip } = plan.counts;
  if (deferred > 0) {
    notes.push({
      level: "warn",
      text:
        `alert storm: ${deferred} alert(s) over the cap of ${cap} ticket(s) raised per run were deferred to the next run (most severe and oldest go first); ` +
        "raise the cap with `ninja-bridge tickets config --max-tickets <n>`",
    });
  }
  if (unmapped > 0) {
    notes.push({
      level: "warn",
      text:
        `${unmapped} alert(s) from ${plan.unmappedTenants.length} Acronis tenant(s) not mapped to a NinjaOne organization were not ticketed ` +
        `(tenant ids ${plan.unmappedTenants.join(", ")}); map them with \`ninja-bridge automap\` or \`ninja-bridge orgs map\`: the next run then tickets them`,
    });
  }
  if (skip > 0) notes.push({ level: "info", text: `${skip} alert(s) or ticket(s) left alone (types not selected, cleared before a ticket, deleted tickets); --json lists them` });
  return notes;
}
