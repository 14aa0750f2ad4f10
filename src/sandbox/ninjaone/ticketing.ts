import { isDeepStrictEqual } from "node:util";
import { z } from "zod";
import type { SandboxResponse } from "../contract.js";
import { describeZodError, emptyResponse, header, jsonResponse, parseJsonBody } from "../http-util.js";
import { SANDBOX_USER } from "./apps.js";
import { appError } from "./errors.js";
import { multipartBoundary, parseMultipart } from "./multipart.js";
import { badRequest, notFound, pathId, type ApiRoute, type RouteContext } from "./routing.js";
import { attributeView, findStatus, formView, TICKET_ATTRIBUTES, TICKET_FORMS, TICKET_STATUSES, ticketView, type LogEntryRecord, type TicketRecord } from "./ticket-records.js";
import type { NinjaWorld } from "./world.js";

/**
 * Ticketing endpoints (reference §6): statuses, forms, attributes, create, read, versioned
 * update, comments and log entries. Bodies are checked against the spec's NewTicket and
 * UpdateTicket shapes, unknown keys included, so misnamed fields (organizationId, deviceId)
 * fail loudly instead of being dropped.
 */

const int = z.number().int();
const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, "must be a UUID");

const TicketFields = {
  clientId: int,
  ticketFormId: int,
  locationId: int.nullable().optional(),
  nodeId: int.nullable().optional(),
  subject: z.string().max(200),
  // The spec types status as a string holding a status id ("1000"); a number is refused.
  status: z.string(),
  type: z
    .enum(["PROBLEM", "QUESTION", "INCIDENT", "TASK", "CHANGE_REQUEST", "SERVICE_REQUEST", "PROJECT", "APPOINTMENT", "MISCELLANEOUS"])
    .nullable()
    .optional(),
  cc: z.object({ uids: z.array(uuid).optional(), emails: z.array(z.string()).optional() }).strict().optional(),
  assignedAppUserId: int.nullable().optional(),
  requesterUid: uuid.optional(),
  severity: z.enum(["NONE", "MINOR", "MODERATE", "MAJOR", "CRITICAL"]).nullable().optional(),
  priority: z.enum(["NONE", "LOW", "MEDIUM", "HIGH"]).nullable().optional(),
  parentTicketId: int.nullable().optional(),
  tags: z.array(z.string()).optional(),
  // The spec's request types value as a string; a value read back as other JSON is checked against the stored one.
  attributes: z.array(z.object({ id: int.nullable().optional(), attributeId: int, value: z.unknown() }).strict()).optional(),
  additionalAssignedTechnicianIds: z.array(int).optional(),
  followupTime: z.number().nullable().optional(),
};

const Description = z
  .object({
    public: z.boolean(),
    body: z.string().nullable().optional(),
    htmlBody: z.string().nullable().optional(),
    timeTracked: int.nullable().optional(),
    duplicateInIncidents: z.boolean().optional(),
  })
  .strict();

const NewTicket = z.object({ ...TicketFields, description: Description.optional() }).strict();
const UpdateTicket = z.object({ ...TicketFields, version: int, requesterUid: uuid }).strict();
type TicketInput = z.infer<typeof NewTicket> | z.infer<typeof UpdateTicket>;

function parseBody<T>(rc: RouteContext, schema: z.ZodType<T>): T | SandboxResponse {
  const raw = parseJsonBody(rc.req);
  if (!raw.ok) return badRequest(rc, raw.error);
  const result = schema.safeParse(raw.value);
  if (!result.success) return badRequest(rc, describeZodError(result.error));
  return result.data;
}

function isResponse(value: unknown): value is SandboxResponse {
  return typeof value === "object" && value !== null && "status" in value && typeof (value as { status: unknown }).status === "number" && "route" in value;
}

/** Cross-reference checks the shape cannot express; returns an error message or undefined. */
function checkReferences(world: NinjaWorld, input: TicketInput, current?: TicketRecord): string | undefined {
  if (input.requesterUid !== undefined && ![...world.users.values()].some((u) => u.uid === input.requesterUid)) return `User ${input.requesterUid} not found`;
  const org = world.liveOrg(input.clientId);
  if (org === undefined) return `Organization ${input.clientId} not found`;
  const form = TICKET_FORMS.find((f) => f.id === input.ticketFormId);
  if (form === undefined) return `Ticket form ${input.ticketFormId} not found`;
  if (findStatus(input.status) === undefined || !/^[0-9]+$/.test(input.status)) return `Invalid status: ${input.status}`;
  if (input.nodeId !== undefined && input.nodeId !== null) {
    const device = world.devices.get(input.nodeId);
    if (device === undefined || device.organizationId !== input.clientId) return `Device ${input.nodeId} not found in organization ${input.clientId}`;
  }
  if (input.locationId !== undefined && input.locationId !== null && !org.locations.some((l) => l.id === input.locationId)) {
    return `Location ${input.locationId} not found in organization ${input.clientId}`;
  }
  const given = new Map((input.attributes ?? []).map((a) => [a.attributeId, a.value]));
  for (const [attributeId, value] of given) {
    if (!form.fieldIds.includes(attributeId)) return `Attribute ${attributeId} is not part of ticket form ${form.id}`;
    const stored = current?.attributeValues.find((a) => a.attributeId === attributeId)?.value;
    if (typeof value !== "string" && (stored === undefined || !isDeepStrictEqual(value, stored))) return `attributes: value of attribute ${attributeId} must be a string`;
  }
  for (const attributeId of form.fieldIds) {
    const attribute = TICKET_ATTRIBUTES.find((a) => a.id === attributeId);
    if (attribute === undefined) continue;
    const value = given.get(attributeId);
    if (attribute.required && (value === undefined || (typeof value === "string" && value.trim() === ""))) return `Attribute '${attribute.name}' is required`;
    if (typeof value === "string" && attribute.attributeType === "DROPDOWN" && !attribute.values.some((v) => v.id === value)) {
      return `Invalid value for attribute '${attribute.name}'`;
    }
  }
  return undefined;
}

function applyInput(world: NinjaWorld, ticket: TicketRecord, input: TicketInput): void {
  ticket.clientId = input.clientId;
  ticket.ticketFormId = input.ticketFormId;
  ticket.subject = input.subject;
  ticket.status = { ...(findStatus(input.status) as TicketRecord["status"]) };
  ticket.priority = input.priority ?? "NONE";
  ticket.severity = input.severity ?? "NONE";
  ticket.tags = [...(input.tags ?? [])];
  ticket.cc = { uids: [...(input.cc?.uids ?? [])], emails: [...(input.cc?.emails ?? [])] };
  ticket.additionalAssignedTechnicianIds = [...(input.additionalAssignedTechnicianIds ?? [])];
  const previous = new Map(ticket.attributeValues.map((a) => [a.attributeId, a.id]));
  ticket.attributeValues = (input.attributes ?? []).map((a) => ({
    id: previous.get(a.attributeId) ?? world.nextAttributeValueId++,
    attributeId: a.attributeId,
    value: structuredClone(a.value),
  }));
  // PUT is a full replace (reference §6: treat it so): optional fields left out are cleared.
  const optional = ["locationId", "nodeId", "type", "requesterUid", "assignedAppUserId", "parentTicketId", "followupTime"] as const;
  for (const key of optional) {
    const value = input[key];
    if (value === undefined || value === null) delete ticket[key];
    else (ticket as unknown as Record<string, unknown>)[key] = value;
  }
}

function addLogEntry(world: NinjaWorld, ticketId: number, entry: Omit<LogEntryRecord, "id">): void {
  const list = world.logEntries.get(ticketId) ?? [];
  list.push({ id: world.nextLogEntryId++, ...entry });
  world.logEntries.set(ticketId, list);
}

function author(rc: RouteContext): Pick<LogEntryRecord, "appUserContactUid" | "appUserContactId"> {
  return rc.token.userContext ? { appUserContactUid: SANDBOX_USER.uid, appUserContactId: SANDBOX_USER.id } : {};
}

function createTicket(rc: RouteContext): SandboxResponse {
  const input = parseBody(rc, NewTicket);
  if (isResponse(input)) return input;
  const problem = checkReferences(rc.world, input);
  if (problem !== undefined) return badRequest(rc, problem);
  const nowSec = rc.ctx.now() / 1000;
  const ticket: TicketRecord = {
    id: rc.world.nextTicketId++,
    version: 1,
    clientId: input.clientId,
    ticketFormId: input.ticketFormId,
    subject: input.subject,
    status: { ...TICKET_STATUSES[0]! },
    priority: "NONE",
    severity: "NONE",
    additionalAssignedTechnicianIds: [],
    cc: { uids: [], emails: [] },
    tags: [],
    attributeValues: [],
    source: "TECHNICIAN",
    createTime: nowSec,
    lastUpdated: nowSec,
    totalTimeTracked: input.description?.timeTracked ?? 0,
    deleted: false,
  };
  applyInput(rc.world, ticket, input);
  if (ticket.requesterUid === undefined && rc.token.userContext && rc.options.requesterFromToken) ticket.requesterUid = SANDBOX_USER.uid;
  rc.world.tickets.set(ticket.id, ticket);
  if (input.description !== undefined) {
    const d = input.description;
    const entry: Omit<LogEntryRecord, "id"> = { type: "DESCRIPTION", publicEntry: d.public, system: false, createTime: nowSec, ...author(rc) };
    if (d.body !== undefined && d.body !== null) entry.body = d.body;
    if (d.htmlBody !== undefined && d.htmlBody !== null) entry.htmlBody = d.htmlBody;
    if (d.timeTracked !== undefined && d.timeTracked !== null) entry.timeTracked = d.timeTracked;
    addLogEntry(rc.world, ticket.id, entry);
  }
  return jsonResponse(200, ticketView(ticket), { route: rc.route });
}

function findTicket(rc: RouteContext): TicketRecord | SandboxResponse {
  const id = pathId(rc, "ticketId");
  if (typeof id !== "number") return id;
  const ticket = rc.world.tickets.get(id);
  if (ticket === undefined || ticket.deleted) return notFound(rc, "Ticket");
  return ticket;
}

function getTicket(rc: RouteContext): SandboxResponse {
  const ticket = findTicket(rc);
  if (isResponse(ticket)) return ticket;
  return jsonResponse(200, ticketView(ticket), { route: rc.route });
}

/**
 * Optimistic locking on `version`. The conflict response is UNVERIFIED ("expect 4xx"); the
 * sandbox answers 409 with the application-layer body.
 */
function updateTicket(rc: RouteContext): SandboxResponse {
  const ticket = findTicket(rc);
  if (isResponse(ticket)) return ticket;
  const input = parseBody(rc, UpdateTicket);
  if (isResponse(input)) return input;
  if (input.version !== ticket.version) {
    return { ...appError(409, `Ticket ${ticket.id} was changed by someone else (version ${ticket.version}, sent ${input.version})`), route: rc.route };
  }
  const problem = checkReferences(rc.world, input, ticket);
  if (problem !== undefined) return badRequest(rc, problem);
  const before = ticket.status.statusId;
  applyInput(rc.world, ticket, input);
  recordSave(rc.world, ticket, before, rc.ctx.now() / 1000, author(rc));
  return jsonResponse(200, ticketView(ticket), { route: rc.route });
}

/** Bumps the version and logs the change, for API updates and technicians in the UI alike. */
export function recordSave(
  world: NinjaWorld,
  ticket: TicketRecord,
  statusBefore: number,
  nowSec: number,
  who: Pick<LogEntryRecord, "appUserContactUid" | "appUserContactId">,
): void {
  ticket.version += 1;
  ticket.lastUpdated = nowSec;
  const entry: Omit<LogEntryRecord, "id"> = { type: "SAVE", publicEntry: false, system: false, createTime: nowSec, ...who };
  if (statusBefore !== ticket.status.statusId) entry.changeDiff = { status: { old: statusBefore, new: ticket.status.statusId } };
  addLogEntry(world, ticket.id, entry);
}

const CommentSchema = Description;

/**
 * Comments are multipart/form-data with a JSON part named `comment`; a plain JSON body is
 * rejected (reference §6). The success body is not described by the spec; 204 is answered.
 */
function addComment(rc: RouteContext): SandboxResponse {
  const ticket = findTicket(rc);
  if (isResponse(ticket)) return ticket;
  const boundary = multipartBoundary(header(rc.req, "content-type"));
  if (boundary === undefined) return { ...appError(415, "Content type must be multipart/form-data"), route: rc.route };
  const parts = parseMultipart(rc.req.body, boundary);
  if (parts === undefined) return badRequest(rc, "Malformed multipart body");
  const part = parts.find((p) => p.name === "comment");
  if (part === undefined) return badRequest(rc, "Missing part 'comment'");
  let json: unknown;
  try {
    json = JSON.parse(part.body.toString("utf8"));
  } catch {
    return badRequest(rc, "Part 'comment' is not valid JSON");
  }
  const parsed = CommentSchema.safeParse(json);
  if (!parsed.success) return badRequest(rc, `comment.${describeZodError(parsed.error)}`);
  const c = parsed.data;
  const nowSec = rc.ctx.now() / 1000;
  const entry: Omit<LogEntryRecord, "id"> = { type: "COMMENT", publicEntry: c.public, system: false, createTime: nowSec, ...author(rc) };
  if (c.body !== undefined && c.body !== null) entry.body = c.body;
  if (c.htmlBody !== undefined && c.htmlBody !== null) entry.htmlBody = c.htmlBody;
  if (c.timeTracked !== undefined && c.timeTracked !== null) {
    entry.timeTracked = c.timeTracked;
    ticket.totalTimeTracked += c.timeTracked;
  }
  addLogEntry(rc.world, ticket.id, entry);
  ticket.lastUpdated = nowSec;
  return emptyResponse(204, { route: rc.route });
}

const LOG_TYPES = new Set(["DESCRIPTION", "COMMENT", "CONDITION", "SAVE", "DELETE", "PRODUCT", "INFO"]);

function logEntries(rc: RouteContext): SandboxResponse {
  const ticket = findTicket(rc);
  if (isResponse(ticket)) return ticket;
  const q = rc.req.query;
  const type = q.get("type");
  if (type !== null && !LOG_TYPES.has(type)) return badRequest(rc, `Invalid type: ${type}`);
  const anchor = q.get("anchorId");
  const size = q.get("pageSize");
  if ((anchor !== null && !/^[0-9]+$/.test(anchor)) || (size !== null && !/^[1-9][0-9]*$/.test(size))) {
    return badRequest(rc, "anchorId and pageSize must be positive integers");
  }
  const pageSize = size === null ? 500 : Number(size);
  const entries = (rc.world.logEntries.get(ticket.id) ?? [])
    .filter((e) => (type === null || e.type === type) && (anchor === null || e.id > Number(anchor)))
    .slice(0, pageSize)
    .map((e) => (e.appUserContactUid !== undefined ? { ...e, appUserContactType: "TECHNICIAN" } : { ...e }));
  return jsonResponse(200, entries, { route: rc.route });
}

function listForms(rc: RouteContext): SandboxResponse {
  return jsonResponse(200, TICKET_FORMS.map(formView), { route: rc.route });
}

function getForm(rc: RouteContext): SandboxResponse {
  const id = pathId(rc, "id");
  if (typeof id !== "number") return id;
  const form = TICKET_FORMS.find((f) => f.id === id);
  if (form === undefined) return notFound(rc, "Ticket form");
  return jsonResponse(200, formView(form), { route: rc.route });
}

export const ticketingRoutes: ApiRoute[] = [
  { method: "GET", template: "/v2/ticketing/statuses", scope: "monitoring", handle: (rc) => jsonResponse(200, TICKET_STATUSES, { route: rc.route }) },
  { method: "GET", template: "/v2/ticketing/ticket-form", scope: "monitoring", handle: listForms },
  { method: "GET", template: "/v2/ticketing/ticket-form/{id}", scope: "monitoring", handle: getForm },
  { method: "GET", template: "/v2/ticketing/attributes", scope: "monitoring", handle: (rc) => jsonResponse(200, TICKET_ATTRIBUTES.map(attributeView), { route: rc.route }) },
  { method: "POST", template: "/v2/ticketing/ticket", scope: "management", ticketWrite: true, handle: createTicket },
  { method: "GET", template: "/v2/ticketing/ticket/{ticketId}", scope: "monitoring", handle: getTicket },
  { method: "PUT", template: "/v2/ticketing/ticket/{ticketId}", scope: "management", ticketWrite: true, handle: updateTicket },
  { method: "POST", template: "/v2/ticketing/ticket/{ticketId}/comment", scope: "management", ticketWrite: true, handle: addComment },
  { method: "GET", template: "/v2/ticketing/ticket/{ticketId}/log-entry", scope: "monitoring", handle: logEntries },
];
