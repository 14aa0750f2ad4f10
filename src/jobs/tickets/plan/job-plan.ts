import type { AlertStats } from "../../../clients/acronis/alerts.js";
import type { JobCounts } from "../../job.js";
import type { AlertReadMode } from "./alert-read.js";
import type { PlanNotice } from "./notices.js";
import { effectActions } from "./plan.js";
import type { TicketSyncPlan } from "./types.js";

/** A planned run: the plan, and what apply needs to record the alert cursor afterwards. Plain data. */
export interface TicketsJobPlan {
  plan: TicketSyncPlan;
  boardId: number;
  /** The cursor the read started from (clamped to now when the stored one lay ahead), the stored one, and the newest `updatedAt` read. */
  cursor: { previous?: string; stored?: string; newestRead?: string };
  /** What the alert read settled, for apply to record (see alert-read.ts). */
  read: {
    mode: AlertReadMode;
    stats?: AlertStats;
    /** Due entries this run read in full: removed, unless their alerts stay unplaced. */
    settledDue: string[];
    /** The due entry of each alert read, by folded id. */
    dueOf: Record<string, string>;
  };
  /** What the read did beyond the plain incremental read (clamped cursor, full or catch-up reads). */
  notices: PlanNotice[];
  /** `updatedAt` of every alert read, by folded id (`alertIdKey`): a failed action holds the cursor before its alert. */
  alertUpdatedAt: Record<string, string>;
  /** Numeric ids of mapped tenants (by UUID) learned while reading, recorded by apply. */
  learnedTenantIds: Record<string, string>;
  /** The requester of the tickets written; set whenever the plan writes tickets. */
  requesterUid?: string;
}

/** Counts of a plan that is not applied (dry run): everything planned, nothing done. */
export function ticketsPlanCounts(plan: TicketSyncPlan): JobCounts {
  const { counts } = plan;
  return { planned: effectActions(plan).length, applied: 0, failed: 0, skipped: counts.deferred + counts.unmapped + counts.skip };
}
