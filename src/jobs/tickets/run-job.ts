import pLimit from "p-limit";
import { listUsers } from "../../clients/ninjaone/users.js";
import { AuthenticationError, ConfigError, DeadlineError, PermissionError, StateError } from "../../errors.js";
import type { ReadonlyStateDocument, StateHandle } from "../../state/index.js";
import { stoppedWith, type JobCounts, type JobHooks } from "../job.js";
import type { JobSession } from "../shared/session.js";
import { alertIdKey, effectActions, planTicketSync, type EffectAction, type TicketSettings, type TicketSyncPlan } from "./plan/index.js";
import { rfc3339ToNanos, type AlertStats } from "../../clients/acronis/alerts.js";
import { ALERT_CURSOR, nextCursor } from "./plan/alert-cursor.js";
import { FULL_READ_CURSOR, STATS_CURSOR, statsText, type AlertReadMode } from "./plan/alert-read.js";
import { runAction, type ActionDeps } from "./apply.js";
import { formProblem, usableForms } from "./plan/form-check.js";
import { readTicketInputs } from "./read.js";
import { requesterMissing, signedInUser } from "./plan/requester.js";
import type { PlanNotice } from "./report.js";
import { closeUnlinkedWindow, openUnlinkedWindow, unlinkedAbove } from "./unlinked-window.js";
import { explainUserContext, isUserContextRequired } from "./plan/user-context.js";

/** Writes in flight at once: enough to overlap round trips, few enough to stay polite to both APIs. */
const CONCURRENCY = 4;

export interface TicketsJobOptions {
  settings: TicketSettings;
  /** The board that lists every ticket; default: the tenant's "All tickets" board, found by name. */
  boardId?: number;
  /** The planner's clock; default now. */
  now?: Date;
  /** Read alerts changed since this time, not since the cursor (`tickets sync --since`). */
  since?: Date;
}

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

/** The configured requester, else the signed-in user where it can be told; refused otherwise. */
async function requesterFor(session: JobSession, settings: TicketSettings): Promise<string> {
  if (settings.requester !== undefined) return settings.requester.uid;
  const ninja = await session.ninjaone();
  const user = ninja.flow === "authorization-code" ? signedInUser(ninja.flow, await listUsers(ninja.http, "TECHNICIAN")) : undefined;
  if (user === undefined) throw requesterMissing(ninja.flow);
  return user.uid;
}

export interface AppliedTicketAction {
  kind: EffectAction["kind"];
  key: string;
  ticketId: number;
  note?: string;
}

export interface FailedTicketAction {
  kind: EffectAction["kind"];
  key: string;
  ticketId?: number;
  error: string;
}

export interface TicketsOutcome {
  counts: JobCounts;
  applied: AppliedTicketAction[];
  failed: FailedTicketAction[];
  /** The alert cursor stored after the run (unchanged when undefined). */
  cursor: string | undefined;
}

/** Reads both sides and plans one tickets sync. No prompt, no output. */
export async function planTickets(session: JobSession, state: ReadonlyStateDocument, options: TicketsJobOptions): Promise<TicketsJobPlan> {
  const read = await readTicketInputs(session, state, {
    settings: options.settings,
    ...(options.boardId === undefined ? {} : { boardId: options.boardId }),
    ...(options.now === undefined ? {} : { now: options.now }),
    ...(options.since === undefined ? {} : { since: options.since }),
  });
  const defaultForm = read.forms.find((f) => f.isDefault && f.active);
  const plan = planTicketSync({
    now: options.now ?? new Date(),
    settings: options.settings,
    ...(defaultForm === undefined ? {} : { defaultTicketFormId: defaultForm.id }),
    statuses: read.statuses,
    alerts: read.alerts,
    mappings: read.mappings,
    devices: read.devices,
    links: Object.values(state.alertLinks),
    tickets: read.tickets,
    acronisConsoleUrl: read.consoleUrl,
  });
  if (plan.counts.create > 0) {
    const problem = formProblem(read.forms, options.settings.ticketFormId ?? defaultForm?.id);
    if (problem !== undefined) {
      const usable = usableForms(read.forms).map((f) => `${f.name} (${f.id})`);
      throw new ConfigError(`tickets sync cannot create tickets: ${problem}`, {
        hint: `choose a form without required fields with \`ninja-bridge tickets config --form <id>\`${usable.length > 0 ? ` (usable: ${usable.join(", ")})` : ""}`,
      });
    }
  }
  const writesTickets = plan.actions.some((a) => a.kind === "create" || a.kind === "reopen" || a.kind === "resolve");
  const requesterUid = writesTickets ? await requesterFor(session, options.settings) : undefined;
  const alertUpdatedAt: Record<string, string> = {};
  for (const a of read.alerts) alertUpdatedAt[alertIdKey(a.id)] = a.updatedAt;
  const stored = state.cursors[ALERT_CURSOR]?.cursor;
  const dueOf: Record<string, string> = {};
  for (const [id, name] of Object.entries(read.dueOf)) dueOf[alertIdKey(id)] = name;
  return {
    plan,
    boardId: read.boardId,
    cursor: {
      ...(read.previousCursor === undefined ? {} : { previous: read.previousCursor }),
      ...(stored === undefined ? {} : { stored }),
      ...(read.newestRead === undefined ? {} : { newestRead: read.newestRead }),
    },
    read: { mode: read.readMode, ...(read.stats === undefined ? {} : { stats: read.stats }), settledDue: read.settledDue, dueOf },
    notices: read.notices,
    alertUpdatedAt,
    learnedTenantIds: read.learnedTenantIds,
    ...(requesterUid === undefined ? {} : { requesterUid }),
  };
}

/** Counts of a plan that is not applied (dry run): everything planned, nothing done. */
export function ticketsPlanCounts(plan: TicketSyncPlan): JobCounts {
  const { counts } = plan;
  return { planned: effectActions(plan).length, applied: 0, failed: 0, skipped: counts.deferred + counts.unmapped + counts.skip };
}

const EVENT_NAMES: Readonly<Record<EffectAction["kind"], string>> = {
  create: "create-ticket",
  adopt: "adopt-ticket",
  reopen: "reopen-ticket",
  resolve: "resolve-ticket",
  "clear-alert": "clear-alert",
  record: "record-link",
};

function ticketIdOf(action: EffectAction): number | undefined {
  return action.kind === "create" ? undefined : action.ticketId;
}

function targetOf(action: EffectAction): string {
  return action.kind === "create" ? `alert ${action.alertId} (org ${action.ninjaOrgId})` : `ticket ${action.ticketId}`;
}

/** Alerts whose change a failed action did not carry through: the cursor must stay before them. */
function alertIdsOf(action: EffectAction): string[] {
  switch (action.kind) {
    case "clear-alert":
      return action.alertIds;
    case "record":
      return [];
    default:
      return [action.alertId];
  }
}

/** Errors that every further write would meet too (the deadline included): stop instead of failing each action alike. */
export function stopsTheRun(error: unknown): boolean {
  return error instanceof AuthenticationError || error instanceof PermissionError || error instanceof StateError || error instanceof DeadlineError;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Applies a plan: each action's API calls, then its link in the state file, a few at a time,
 * so a kill at any point loses at most the action in flight (which the next run adopts or
 * repeats safely). Then stores the alert cursor, held before deferred and failed alerts.
 * No prompt, no output: each result goes to `hooks`.
 */
export async function applyTickets(session: JobSession, state: StateHandle, planned: TicketsJobPlan, hooks: JobHooks = {}): Promise<TicketsOutcome> {
  const actions = effectActions(planned.plan) as EffectAction[];
  const base = ticketsPlanCounts(planned.plan);
  const applied: AppliedTicketAction[] = [];
  const failed: FailedTicketAction[] = [];
  let stop: unknown;
  let done = 0;
  if (Object.keys(planned.learnedTenantIds).length > 0) {
    await state.update((draft) => {
      for (const mapping of Object.values(draft.mappings.acronis)) {
        const numeric = planned.learnedTenantIds[mapping.acronisTenantId.toLowerCase()];
        if (numeric !== undefined) mapping.acronisTenantNumericId = numeric;
      }
    });
  }
  if (actions.length > 0) {
    const [ninja, acronis] = await Promise.all([session.ninjaone(), session.acronis()]);
    // Before the first create, so a kill after a create lands leaves the next run a place to look.
    const unlinked = actions.some((a) => a.kind === "create") ? await openUnlinkedWindow(state, ninja.http, planned.boardId) : (unlinkedAbove(state.data) ?? 0);
    const deps: ActionDeps = {
      ninja: ninja.http,
      acronis: acronis.http,
      boardId: planned.boardId,
      unlinkedAbove: unlinked,
      ...(planned.requesterUid === undefined ? {} : { requesterUid: planned.requesterUid }),
    };
    const limit = pLimit(CONCURRENCY);
    await Promise.all(
      actions.map((action) =>
        limit(async () => {
          const event = { job: "tickets" as const, action: EVENT_NAMES[action.kind], target: targetOf(action) };
          if (stop !== undefined) {
            failed.push({ kind: action.kind, key: action.key, error: "not tried: the run stopped at an earlier error" });
            hooks.onAction?.({ ...event, result: "failed", detail: "not tried: the run stopped at an earlier error" });
            return;
          }
          try {
            const result = await runAction(deps, action);
            await state.update((draft) => {
              draft.alertLinks[result.link.key] = { ...result.link };
            });
            applied.push({ kind: action.kind, key: action.key, ticketId: result.link.ninjaTicketId, ...(result.note === undefined ? {} : { note: result.note }) });
            hooks.onAction?.({ ...event, target: `ticket ${result.link.ninjaTicketId}`, result: "applied", ...(result.note === undefined ? {} : { detail: result.note }) });
          } catch (error) {
            if (stopsTheRun(error)) stop ??= error;
            const ticketId = ticketIdOf(action);
            failed.push({ kind: action.kind, key: action.key, ...(ticketId === undefined ? {} : { ticketId }), error: message(error) });
            hooks.onAction?.({ ...event, result: "failed", detail: message(error) });
          } finally {
            done += 1;
            hooks.onProgress?.(done, actions.length);
          }
        }),
      ),
    );
  }
  if (failed.length === 0 && stop === undefined) await closeUnlinkedWindow(state);
  const cursor = await storeCursor(state, planned, actions, failed);
  if (stop !== undefined) {
    const touched = `${applied.length} action(s) landed and were recorded; ${failed.length} did not.`;
    const outcome: TicketsOutcome = { counts: { ...base, applied: applied.length, failed: failed.length }, applied, failed, cursor };
    throw stoppedWith(isUserContextRequired(stop) ? explainUserContext(stop, touched) : stop, outcome);
  }
  return { counts: { ...base, applied: applied.length, failed: failed.length }, applied, failed, cursor };
}

async function storeCursor(state: StateHandle, planned: TicketsJobPlan, actions: readonly EffectAction[], failed: readonly FailedTicketAction[]): Promise<string | undefined> {
  const failedKeys = new Set(failed.map((f) => f.key));
  const holdBefore = actions
    .filter((a) => failedKeys.has(a.key))
    .flatMap(alertIdsOf)
    .flatMap((id) => {
      const at = planned.alertUpdatedAt[alertIdKey(id)];
      return at === undefined ? [] : [at];
    });
  if (planned.plan.holdCursorBefore !== undefined) holdBefore.push(planned.plan.holdCursorBefore);
  const next = nextCursor({ previous: planned.cursor.previous, stored: planned.cursor.stored, newestRead: planned.cursor.newestRead, holdBefore });
  const { stats, mode, settledDue } = planned.read;
  const kept = (name: string) => (settledDue.includes(name) ? undefined : state.data.cursors[name]?.cursor);
  const due = [...unplacedByTenant(planned)].map(([name, since]) => [name, older(kept(name), since)] as const);
  const changes =
    next !== undefined ||
    settledDue.length > 0 ||
    due.some(([name, since]) => since !== kept(name)) ||
    mode === "first" ||
    mode === "full" ||
    (stats !== undefined && statsText(stats) !== state.data.cursors[STATS_CURSOR]?.cursor);
  if (!changes) return undefined;
  const at = new Date().toISOString();
  await state.update((draft) => {
    const put = (name: string, cursor: string) => {
      draft.cursors[name] = { name, cursor, updatedAt: at };
    };
    if (next !== undefined) put(ALERT_CURSOR, next);
    for (const name of settledDue) delete draft.cursors[name];
    for (const [name, since] of due) put(name, since);
    if (stats !== undefined) put(STATS_CURSOR, statsText(stats));
    if (mode === "first" || mode === "full") put(FULL_READ_CURSOR, at);
  });
  return next;
}

function older(a: string | undefined, b: string): string {
  return a !== undefined && rfc3339ToNanos(a) < rfc3339ToNanos(b) ? a : b;
}

/** The oldest `updatedAt` of the alerts left unplaced (their tenant not mapped), by due entry. */
function unplacedByTenant(planned: TicketsJobPlan): Map<string, string> {
  const due = new Map<string, string>();
  for (const action of planned.plan.actions) {
    if (action.kind !== "unmapped") continue;
    const key = alertIdKey(action.alertId);
    const name = planned.read.dueOf[key];
    const at = planned.alertUpdatedAt[key];
    if (name !== undefined && at !== undefined) due.set(name, older(due.get(name), at));
  }
  return due;
}
