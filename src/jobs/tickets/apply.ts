import { dismissAlert, rfc3339ToNanos } from "../../clients/acronis/alerts.js";
import { addTicketComment, createTicket, getTicket, runBoard, statusUpdateOf, updateTicket } from "../../clients/ninjaone/tickets.js";
import { ConfigError, ConflictError } from "../../errors.js";
import type { HttpClient } from "../../http/index.js";
import type { StateHandle } from "../../state/index.js";
import { stoppedWith, type JobCounts, type JobRun } from "../job.js";
import { applyEach } from "../shared/apply-loop.js";
import { ALERT_CURSOR, nextCursor, UNLINKED_CURSOR, unlinkedAbove } from "./plan/alert-cursor.js";
import { FULL_READ_CURSOR, STATS_CURSOR, statsText } from "./plan/alert-read.js";
import { alertIdKey, effectActions, keyDigest, markerOf, type CreateAction, type EffectAction, type StatusChangeAction, type TicketLink } from "./plan/index.js";
import { ticketsPlanCounts, type TicketsJobPlan } from "./plan/job-plan.js";
import { SET_REQUESTER_HINT } from "./plan/requester.js";
import { explainUserContext, isUserContextRequired } from "./plan/user-context.js";
import type { TicketsJobSettings } from "./settings.js";

/** Writes in flight at once: enough to overlap round trips, few enough to stay polite to both APIs. */
const CONCURRENCY = 4;

export interface ActionDeps {
  ninja: HttpClient;
  acronis: HttpClient;
  /** The board that lists every ticket, for the check before a create. */
  boardId: number;
  /** Requester of every ticket written (an update requires one); the plan sets it whenever it writes tickets. */
  requesterUid?: string;
  /** Tickets above this id may be ours with no link (see UNLINKED_CURSOR in plan/alert-cursor.ts); set before any create. */
  unlinkedAbove: number;
}

export interface ActionResult {
  /** The link to store now that the action landed. */
  link: TicketLink;
  /** What happened, when it is not what the plan said (a ticket adopted instead of created). */
  note?: string;
}

/**
 * A ticket that already carries the key's marker and is newer than the one this create
 * follows: an earlier run created it and stopped before saving the link, or the board the
 * plan read lagged behind. Board search is undocumented, so the board's newest rows down to
 * the unlinked cursor are read and matched on our side, right before the create.
 */
async function markedTicketFor(deps: ActionDeps, action: CreateAction): Promise<number | undefined> {
  const digest = keyDigest(action.key);
  const floor = Math.max(deps.unlinkedAbove, action.previousTicketId ?? 0);
  for await (const row of runBoard(deps.ninja, deps.boardId, { direction: "DESC" })) {
    if (row.id <= floor) return undefined;
    if (markerOf(row.tags, row.summary) === digest) return row.id;
  }
  return undefined;
}

function requesterOf(deps: ActionDeps): string {
  if (deps.requesterUid === undefined) throw new ConfigError("no requester is set for the tickets this run writes", { hint: SET_REQUESTER_HINT });
  return deps.requesterUid;
}

async function create(deps: ActionDeps, action: CreateAction): Promise<ActionResult> {
  const found = await markedTicketFor(deps, action);
  if (found !== undefined) {
    return { link: { ...action.link, ninjaTicketId: found }, note: `ticket #${found} already carried this alert's marker; linked it instead of creating another` };
  }
  const ticket = await createTicket(deps.ninja, { ...action.ticket, requesterUid: requesterOf(deps) });
  return { link: { ...action.link, ninjaTicketId: ticket.id } };
}

/**
 * GET, then PUT the ticket back with every field kept and the version read; a version
 * conflict (someone saved it meanwhile) re-reads and tries once more. A ticket already at
 * the status was moved by someone else: no PUT and no comment claiming we did it.
 */
async function changeStatus(deps: ActionDeps, action: StatusChangeAction): Promise<ActionResult> {
  const target = Number(action.status);
  let ticket = await getTicket(deps.ninja, action.ticketId);
  if (ticket.status.statusId === target) return { link: action.link, note: `ticket #${action.ticketId} already had that status` };
  try {
    await updateTicket(deps.ninja, action.ticketId, statusUpdateOf(ticket, target, requesterOf(deps)));
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    ticket = await getTicket(deps.ninja, action.ticketId);
    if (ticket.status.statusId === target) return { link: action.link, note: `ticket #${action.ticketId} already had that status` };
    await updateTicket(deps.ninja, action.ticketId, statusUpdateOf(ticket, target, requesterOf(deps)));
  }
  await addTicketComment(deps.ninja, action.ticketId, action.comment);
  return { link: action.link };
}

/** Carries out one planned action against NinjaOne or Acronis; the caller stores the link it returns. */
export async function runAction(deps: ActionDeps, action: EffectAction): Promise<ActionResult> {
  switch (action.kind) {
    case "create":
      return create(deps, action);
    case "reopen":
    case "resolve":
      return changeStatus(deps, action);
    case "clear-alert": {
      const already: string[] = [];
      for (const id of action.alertIds) if ((await dismissAlert(deps.acronis, id)) === "already-dismissed") already.push(id);
      return { link: action.link, ...(already.length === 0 ? {} : { note: `alert ${already.join(", ")} was already dismissed in Acronis` }) };
    }
    case "adopt":
    case "record":
      return { link: action.link };
  }
}

/** The newest ticket id on the board (ids only grow), 0 for an empty board. */
async function newestTicketId(http: HttpClient, boardId: number): Promise<number> {
  for await (const row of runBoard(http, boardId, { direction: "DESC", pageSize: 1 })) return row.id;
  return 0;
}

/** Stores the cursor before creates, keeping an older one a failed run left; returns it. */
export async function openUnlinkedWindow(state: StateHandle, http: HttpClient, boardId: number): Promise<number> {
  const kept = unlinkedAbove(state.data);
  if (kept !== undefined) return kept;
  const newest = await newestTicketId(http, boardId);
  const at = new Date().toISOString();
  await state.update((draft) => {
    draft.cursors[UNLINKED_CURSOR] = { name: UNLINKED_CURSOR, cursor: String(newest), updatedAt: at };
  });
  return newest;
}

/** Every ticket created so far is linked: the next run needs no scan. */
export async function closeUnlinkedWindow(state: StateHandle): Promise<void> {
  if (unlinkedAbove(state.data) === undefined) return;
  await state.update((draft) => {
    delete draft.cursors[UNLINKED_CURSOR];
  });
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

/** Who an action touches, in words a person recognises: the alert and organization of a ticket still to create, else the ticket. */
export function targetOf(action: EffectAction): string {
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

/** Numeric ids of mapped tenants learned while reading, kept so later runs need not look them up. */
async function recordLearnedTenantIds(state: StateHandle, learned: Record<string, string>): Promise<void> {
  if (Object.keys(learned).length === 0) return;
  await state.update((draft) => {
    for (const mapping of Object.values(draft.mappings.acronis)) {
      const numeric = learned[mapping.acronisTenantId.toLowerCase()];
      if (numeric !== undefined) mapping.acronisTenantNumericId = numeric;
    }
  });
}

/**
 * Applies a plan: each action's API calls, then its link in the state file, a few at a time
 * (the shared apply loop), so a kill at any point loses at most the action in flight (which
 * the next run adopts or repeats safely). Then stores the alert cursor, held before deferred
 * and failed alerts. No prompt, no output: each result goes to `hooks`.
 */
export async function applyTickets({ session, state, hooks }: Pick<JobRun<TicketsJobSettings>, "session" | "state" | "hooks">, planned: TicketsJobPlan): Promise<TicketsOutcome> {
  const actions = effectActions(planned.plan) as EffectAction[];
  const base = ticketsPlanCounts(planned.plan);
  await recordLearnedTenantIds(state, planned.learnedTenantIds);
  const applied: AppliedTicketAction[] = [];
  const failed: FailedTicketAction[] = [];
  let stop: unknown;
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
    const result = await applyEach(
      actions,
      {
        job: "tickets",
        describe: (action) => ({ action: EVENT_NAMES[action.kind], target: targetOf(action) }),
        run: (action) => runAction(deps, action),
        record: async (_action, landed) => {
          await state.update((draft) => {
            draft.alertLinks[landed.link.key] = { ...landed.link };
          });
        },
        detail: (_action, landed) => landed.note,
        appliedTarget: (_action, landed) => `ticket ${landed.link.ninjaTicketId}`,
      },
      { concurrency: CONCURRENCY, hooks },
    );
    for (const { action, result: landed } of result.applied) {
      applied.push({ kind: action.kind, key: action.key, ticketId: landed.link.ninjaTicketId, ...(landed.note === undefined ? {} : { note: landed.note }) });
    }
    for (const { action, error } of result.failed) {
      const ticketId = ticketIdOf(action);
      failed.push({ kind: action.kind, key: action.key, ...(ticketId === undefined ? {} : { ticketId }), error });
    }
    stop = result.stop;
  }
  if (failed.length === 0 && stop === undefined) await closeUnlinkedWindow(state);
  const cursor = await storeCursor(state, planned, actions, failed);
  const outcome: TicketsOutcome = { counts: { ...base, applied: applied.length, failed: failed.length }, applied, failed, cursor };
  if (stop !== undefined) {
    const touched = `${applied.length} action(s) landed and were recorded; ${failed.length} did not.`;
    throw stoppedWith(isUserContextRequired(stop) ? explainUserContext(stop, touched) : stop, outcome);
  }
  return outcome;
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
