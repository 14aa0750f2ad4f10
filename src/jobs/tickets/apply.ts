import { dismissAlert } from "../../clients/acronis/alerts.js";
import { addTicketComment, createTicket, getTicket, runBoard, statusUpdateOf, updateTicket } from "../../clients/ninjaone/tickets.js";
import { ConfigError, ConflictError } from "../../errors.js";
import type { HttpClient } from "../../http/index.js";
import { keyDigest, markerOf, type CreateAction, type EffectAction, type StatusChangeAction, type TicketLink } from "./plan/index.js";
import { SET_REQUESTER_HINT } from "./plan/requester.js";

export interface ActionDeps {
  ninja: HttpClient;
  acronis: HttpClient;
  /** The board that lists every ticket, for the check before a create. */
  boardId: number;
  /** Requester of every ticket written (an update requires one); the plan sets it whenever it writes tickets. */
  requesterUid?: string;
  /** Tickets above this id may be ours with no link (see unlinked-window.ts); set before any create. */
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
