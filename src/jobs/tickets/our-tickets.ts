import { mapConcurrent } from "../../clients/async-lists.js";
import { getTicket, runBoard, type BoardRow } from "../../clients/ninjaone/tickets.js";
import type { HttpClient } from "../../http/index.js";
import type { ReadonlyStateDocument } from "../../state/index.js";
import { keyDigest, markerOf, type TicketView } from "./plan/index.js";
import { unlinkedAbove } from "./unlinked-window.js";

/** What every ticket ninja-bridge raised carries in a tag and its subject. */
export const MARKER_SEARCH = "ninja-bridge:alert:";
const LOOKUP_CONCURRENCY = 4;

function viewOf(row: BoardRow & { status: NonNullable<BoardRow["status"]> }, clientId: number): TicketView {
  const view: TicketView = { id: row.id, clientId, status: row.status, tags: row.tags };
  if (row.summary !== undefined) view.subject = row.summary;
  if (row.createTime !== undefined) view.createTime = row.createTime;
  if (row.lastUpdated !== undefined) view.lastUpdated = row.lastUpdated;
  return view;
}

/** The ticket in full, for a row that lacks what the planner needs. */
async function readTicket(http: HttpClient, row: BoardRow): Promise<TicketView> {
  const t = await getTicket(http, row.id);
  const view: TicketView = {
    id: t.id,
    version: t.version,
    clientId: t.clientId,
    subject: t.subject,
    status: { statusId: t.status.statusId, ...(t.status.parentId == null ? {} : { parentId: t.status.parentId }) },
    tags: t.tags ?? [],
    deleted: t.deleted ?? false,
  };
  if (t.nodeId != null) view.nodeId = t.nodeId;
  if (t.createTime != null) view.createTime = t.createTime;
  if (row.lastUpdated !== undefined) view.lastUpdated = row.lastUpdated;
  return view;
}

/**
 * The tickets a tickets sync plans from: every linked ticket and every marked ticket it could
 * adopt. Links in the state file come first. A board search for the marker is the cheap way
 * to see them, but what `searchCriteria` matches is undocumented (reference §6), so linked
 * tickets it missed, and tickets above the unlinked cursor, are found by reading the board's
 * newest rows down to the oldest one needed and matching on our side. Rows name the
 * organization, not its id: a linked ticket takes it from its link, so only a ticket to adopt
 * (after a crash) is read in full.
 */
export async function ourTickets(http: HttpClient, boardId: number, state: ReadonlyStateDocument): Promise<TicketView[]> {
  const links = Object.values(state.alertLinks);
  const linkById = new Map(links.map((l) => [l.ninjaTicketId, l]));
  const newestLinkedByDigest = new Map<string, number>();
  for (const l of links) {
    const digest = keyDigest(l.key);
    newestLinkedByDigest.set(digest, Math.max(newestLinkedByDigest.get(digest) ?? 0, l.ninjaTicketId));
  }
  const rows = new Map<number, BoardRow>();
  const ours = (row: BoardRow) => linkById.has(row.id) || markerOf(row.tags, row.summary) !== undefined;
  for await (const row of runBoard(http, boardId, { searchCriteria: MARKER_SEARCH })) if (ours(row)) rows.set(row.id, row);

  const above = unlinkedAbove(state);
  const floors = links.filter((l) => !rows.has(l.ninjaTicketId)).map((l) => l.ninjaTicketId);
  if (above !== undefined) floors.push(above + 1);
  if (floors.length > 0) {
    const floor = Math.min(...floors);
    for await (const row of runBoard(http, boardId, { direction: "DESC" })) {
      if (row.id < floor) break;
      if (ours(row)) rows.set(row.id, row);
    }
  }

  const views: TicketView[] = [];
  const toRead: BoardRow[] = [];
  for (const row of rows.values()) {
    const link = linkById.get(row.id);
    if (link !== undefined) {
      if (row.status === undefined) toRead.push(row);
      else views.push(viewOf({ ...row, status: row.status }, link.ninjaOrgId));
      continue;
    }
    // An unlinked marked ticket matters only when it is newer than its key's linked ticket (a candidate to adopt).
    const digest = markerOf(row.tags, row.summary);
    if (digest !== undefined && row.id > (newestLinkedByDigest.get(digest) ?? 0)) toRead.push(row);
  }
  for await (const view of mapConcurrent(toRead, LOOKUP_CONCURRENCY, (row) => readTicket(http, row))) views.push(view);
  return views.sort((a, b) => a.id - b.id);
}
