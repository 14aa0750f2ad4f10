import { randomBytes } from "node:crypto";
import { z } from "zod";
import { InvalidResponseError } from "../../errors.js";
import type { HttpClient } from "../../http/index.js";
import { judgePage, learnPage, pageSizeMemory } from "./paging.js";

/**
 * NinjaOne ticketing (reference §6): statuses, forms, boards (the only way to list tickets),
 * create, read, versioned update and comments. Field names are exactly NinjaOne's.
 */

const int = z.number().int();
const optionalText = z.string().nullish();

export interface NinjaTicketStatus {
  statusId: number;
  /** NEW, OPEN, … for system statuses; the name a custom one was given. Never localized. */
  name: string;
  /** Localized and renamable: for people only. */
  displayName: string;
  /** Itself for system statuses; the system status a custom one belongs to. */
  parentId: number;
}

const statusSchema = z.object({ statusId: int, name: z.string(), displayName: optionalText, parentId: int.nullish() });

/** Every ticket status of the tenant, custom ones included (not paged). */
export async function listTicketStatuses(http: HttpClient): Promise<NinjaTicketStatus[]> {
  const list = await http.request({ method: "GET", path: "/v2/ticketing/statuses", schema: z.array(statusSchema) });
  return list.map((s) => ({ statusId: s.statusId, name: s.name, displayName: s.displayName ?? s.name, parentId: s.parentId ?? s.statusId }));
}

export interface NinjaTicketForm {
  id: number;
  name: string;
  active: boolean;
  /** The form NinjaOne uses when none is named. */
  isDefault: boolean;
  /** Names of the form's attributes marked required: the API refuses a ticket without them. */
  requiredFields: string[];
}

const formSchema = z.object({
  id: int,
  name: z.string(),
  active: z.boolean().nullish(),
  default: z.boolean().nullish(),
  fields: z
    .array(z.object({ id: int, name: optionalText, content: z.object({ required: z.boolean().nullish() }).nullish() }))
    .nullish(),
});

/** Ticket forms with their required attributes (not paged). */
export async function listTicketForms(http: HttpClient): Promise<NinjaTicketForm[]> {
  const list = await http.request({ method: "GET", path: "/v2/ticketing/ticket-form", schema: z.array(formSchema) });
  return list.map((f) => ({
    id: f.id,
    name: f.name,
    active: f.active ?? true,
    isDefault: f.default ?? false,
    requiredFields: (f.fields ?? []).filter((a) => a.content?.required === true).map((a) => a.name ?? `attribute ${a.id}`),
  }));
}

/** The spec types `value` as an object: any JSON is accepted and sent back as it came. */
const attributeValueSchema = z.object({ id: int.nullish(), attributeId: int, value: z.unknown() });

/** A ticket as `GET /v2/ticketing/ticket/{id}` returns it: every field an update must send back. */
const ticketSchema = z.object({
  id: int,
  version: int,
  clientId: int,
  ticketFormId: int,
  subject: z.string(),
  status: z.object({ statusId: int, name: optionalText, parentId: int.nullish() }),
  type: optionalText,
  priority: optionalText,
  severity: optionalText,
  nodeId: int.nullish(),
  locationId: int.nullish(),
  requesterUid: optionalText,
  assignedAppUserId: int.nullish(),
  additionalAssignedTechnicianIds: z.array(int).nullish(),
  parentTicketId: int.nullish(),
  ccList: z.object({ uids: z.array(z.string()).nullish(), emails: z.array(z.string()).nullish() }).nullish(),
  tags: z.array(z.string()).nullish(),
  attributeValues: z.array(attributeValueSchema).nullish(),
  followupTime: z.number().nullish(),
  createTime: z.number().nullish(),
  deleted: z.boolean().nullish(),
});
export type NinjaTicket = z.infer<typeof ticketSchema>;

export interface NewTicket {
  clientId: number;
  ticketFormId: number;
  subject: string;
  /** A status id as a string, as the API expects. */
  status: string;
  type?: string;
  priority?: string;
  severity?: string;
  nodeId?: number;
  /** A user uid; create does not require it, update does, so a ticket that will be updated gets one from the start. */
  requesterUid?: string;
  description?: TicketComment;
  tags?: string[];
}

export interface TicketComment {
  /** False: an internal note technicians see, not the end user. */
  public: boolean;
  body?: string;
  htmlBody?: string;
}

function ticketPath(ticketId: number): string {
  return `/v2/ticketing/ticket/${encodeURIComponent(String(ticketId))}`;
}

/**
 * Creates a ticket. Never retried blindly (a POST that may have landed would duplicate the
 * ticket): callers look for the ticket's marker before creating again.
 */
export function createTicket(http: HttpClient, ticket: NewTicket): Promise<NinjaTicket> {
  return http.request({ method: "POST", path: "/v2/ticketing/ticket", json: ticket, schema: ticketSchema });
}

export function getTicket(http: HttpClient, ticketId: number): Promise<NinjaTicket> {
  return http.request({ method: "GET", path: ticketPath(ticketId), schema: ticketSchema });
}

/** What `PUT /v2/ticketing/ticket/{id}` takes: the ticket as read, every field kept, with changes. */
export type TicketUpdate = Record<string, unknown> & { version: number; status: string };

/**
 * The update body that changes only the status: PUT replaces the whole ticket (reference §6,
 * UNVERIFIED whether omitted fields are cleared), so every field read is sent back, tags
 * above all (they carry ninja-bridge's marker), with the version as read. Update requires
 * `requesterUid`: the ticket's own, else `requesterUid`.
 */
export function statusUpdateOf(ticket: NinjaTicket, statusId: number, requesterUid: string): TicketUpdate {
  const body: TicketUpdate = {
    version: ticket.version,
    clientId: ticket.clientId,
    ticketFormId: ticket.ticketFormId,
    subject: ticket.subject,
    status: String(statusId),
    tags: [...(ticket.tags ?? [])],
    cc: { uids: [...(ticket.ccList?.uids ?? [])], emails: [...(ticket.ccList?.emails ?? [])] },
    additionalAssignedTechnicianIds: [...(ticket.additionalAssignedTechnicianIds ?? [])],
    attributes: (ticket.attributeValues ?? []).map((a) => ({ ...(a.id == null ? {} : { id: a.id }), attributeId: a.attributeId, value: a.value })),
    requesterUid: ticket.requesterUid ?? requesterUid,
  };
  const optional = ["type", "priority", "severity", "nodeId", "locationId", "assignedAppUserId", "parentTicketId", "followupTime"] as const;
  for (const key of optional) {
    const value = ticket[key];
    if (value !== undefined && value !== null) body[key] = value;
  }
  return body;
}

/** A versioned update; a stale version is refused by NinjaOne (a ConflictError here). */
export function updateTicket(http: HttpClient, ticketId: number, update: TicketUpdate): Promise<NinjaTicket> {
  return http.request({ method: "PUT", path: ticketPath(ticketId), json: update, schema: ticketSchema });
}

/** The multipart body of a comment: one part named `comment` holding JSON (reference §6). */
export function commentMultipart(comment: TicketComment, boundary: string): string {
  return [
    `--${boundary}`,
    'Content-Disposition: form-data; name="comment"',
    "Content-Type: application/json",
    "",
    JSON.stringify(comment),
    `--${boundary}--`,
    "",
  ].join("\r\n");
}

/** Adds a comment (an internal note when `public` is false). Not retried: a repeat would post it twice. */
export async function addTicketComment(http: HttpClient, ticketId: number, comment: TicketComment): Promise<void> {
  const boundary = `ninja-bridge-${randomBytes(12).toString("hex")}`;
  await http.send({
    method: "POST",
    path: `${ticketPath(ticketId)}/comment`,
    body: { text: commentMultipart(comment, boundary), contentType: `multipart/form-data; boundary=${boundary}` },
    expectedStatus: [200, 201, 204],
  });
}

export interface NinjaBoard {
  id: number;
  name: string;
  system: boolean;
}

const boardSchema = z.object({ id: int, name: z.string(), system: z.boolean().nullish() });

export async function listBoards(http: HttpClient): Promise<NinjaBoard[]> {
  const list = await http.request({ method: "GET", path: "/v2/ticketing/trigger/boards", schema: z.array(boardSchema) });
  return list.map((b) => ({ id: b.id, name: b.name, system: b.system ?? false }));
}

/**
 * A board row: flat board columns, not a ticket object (reference §6). Rows name the
 * organization rather than carry `clientId`, so callers take the organization from elsewhere.
 */
export interface BoardRow {
  id: number;
  /** The subject. */
  summary?: string;
  /** Absent when the board does not show the status column. */
  status?: { statusId: number; parentId?: number };
  tags: string[];
  /** Epoch seconds. */
  createTime?: number;
  lastUpdated?: number;
}

const rowSchema = z.object({
  id: int,
  summary: z.string().nullish(),
  status: z.object({ statusId: int, parentId: int.nullish() }).nullish(),
  tags: z.array(z.string()).nullish(),
  createTime: z.number().nullish(),
  lastUpdated: z.number().nullish(),
});

const runSchema = z.object({
  data: z.array(rowSchema),
  metadata: z.object({ lastCursorId: int.nullish() }).nullish(),
});

export interface RunBoardOptions {
  /** Text NinjaOne matches in subjects, tags and attribute values. */
  searchCriteria?: string;
  /** Rows per request; default 500. */
  pageSize?: number;
  /** Id order; DESC reads the newest rows first, so a caller can stop early. Default ASC. */
  direction?: "ASC" | "DESC";
}

const DEFAULT_BOARD_PAGE = 500;

function toRow(body: z.infer<typeof rowSchema>): BoardRow {
  const row: BoardRow = { id: body.id, tags: body.tags ?? [] };
  if (body.summary != null) row.summary = body.summary;
  if (body.status != null) row.status = { statusId: body.status.statusId, ...(body.status.parentId == null ? {} : { parentId: body.status.parentId }) };
  if (body.createTime != null) row.createTime = body.createTime;
  if (body.lastUpdated != null) row.lastUpdated = body.lastUpdated;
  return row;
}

/**
 * Every row of a board run, in id order, paged by sending `metadata.lastCursorId` back (a
 * descending sort pages the same way: [LW ninja_api.py] pages `lastUpdated DESC`). A run is a
 * search, safe to repeat, so it is retried like a GET.
 */
export async function* runBoard(http: HttpClient, boardId: number, options: RunBoardOptions = {}): AsyncGenerator<BoardRow> {
  const pageSize = options.pageSize ?? DEFAULT_BOARD_PAGE;
  const path = `/v2/ticketing/trigger/board/${encodeURIComponent(String(boardId))}/run`;
  // Board runs page like the `after` lists and may be capped the same way (paging.ts).
  const memory = pageSizeMemory(http, "/v2/ticketing/trigger/board/run");
  let cursor: number | undefined;
  let doubted: { doubted: number } | undefined;
  for (;;) {
    const json = {
      pageSize,
      sortBy: [{ field: "id", direction: options.direction ?? "ASC" }],
      ...(options.searchCriteria === undefined ? {} : { searchCriteria: options.searchCriteria }),
      ...(cursor === undefined ? {} : { lastCursorId: cursor }),
    };
    const page = await http.request({ method: "POST", path, json, idempotent: true, schema: runSchema });
    learnPage(memory, page.data.length, pageSize, doubted);
    for (const row of page.data) yield toRow(row);
    const next = page.metadata?.lastCursorId ?? undefined;
    const verdict = judgePage(page.data.length, pageSize, memory);
    if (verdict === "last" || next === undefined || next === null) return;
    doubted = verdict === "confirm" ? { doubted: page.data.length } : undefined;
    if (next === cursor) {
      throw new InvalidResponseError(`ninjaone POST ${path}: lastCursorId did not change, so paging cannot advance`, {
        service: "ninjaone",
        method: "POST",
        path,
        hint: "The NinjaOne API returned the same page again; re-run with --verbose and report it.",
      });
    }
    cursor = next;
  }
}
