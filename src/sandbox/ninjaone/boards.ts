import { z } from "zod";
import type { SandboxResponse } from "../contract.js";
import { describeZodError, jsonResponse, parseJsonBody } from "../http-util.js";
import { badRequest, notFound, pathId, type ApiRoute, type RouteContext } from "./routing.js";
import { BOARDS, TICKET_ATTRIBUTES, TICKET_FORMS, type TicketRecord } from "./ticket-records.js";
import type { NinjaOneOptions } from "./options.js";
import type { NinjaWorld } from "./world.js";

/**
 * Boards, the only way to list tickets (reference §6). A run returns flat rows of board
 * columns, paged by sending back `metadata.lastCursorId`. Server-side filter fields are
 * undocumented and real tenants rejected status/client filters with 400, so only `tags`
 * filters are accepted here and everything else is a 400. What `searchCriteria` matches is
 * undocumented: the `boardSearch` option chooses (default: nothing). Rows name the
 * organization and location, not their ids (`boardRowIds` adds `clientId`/`nodeId`).
 */

const COLUMNS = [
  "id", "summary", "status", "priority", "severity", "type", "organization", "location", "device",
  "requester", "assignedAppUser", "tags", "ticketForm", "source", "createTime", "lastUpdated", "totalTimeTracked", "attributeValues",
] as const;
const ID_COLUMNS = ["clientId", "nodeId"] as const;

const SORTABLE = new Set(["id", "createTime", "lastUpdated", "priority", "severity", "summary"]);

const Filter = z.object({
  field: z.string(),
  operator: z.string(),
  value: z.string(),
  params: z.object({ repeat: z.boolean().optional(), value: z.string().optional() }).optional(),
});

const RunBoard = z
  .object({
    sortBy: z.array(z.object({ field: z.string(), direction: z.enum(["ASC", "DESC"]) })).optional(),
    filters: z.array(Filter).optional(),
    pageSize: z.number().int().min(1).optional(),
    searchCriteria: z.string().max(512).optional(),
    includeColumns: z.array(z.string()).optional(),
    lastCursorId: z.number().int().min(0).optional(),
  })
  .strict();

type Row = Record<string, unknown>;

function row(world: NinjaWorld, t: TicketRecord): Row {
  const device = t.nodeId !== undefined ? world.devices.get(t.nodeId) : undefined;
  const org = world.orgs.get(t.clientId);
  const r: Row = {
    id: t.id,
    summary: t.subject,
    status: { statusId: t.status.statusId, name: t.status.name, displayName: t.status.displayName },
    priority: t.priority,
    severity: t.severity,
    type: t.type,
    organization: org?.name,
    location: t.locationId === undefined ? undefined : org?.locations.find((l) => l.id === t.locationId)?.name,
    clientId: t.clientId,
    device: device?.displayName,
    nodeId: t.nodeId,
    requester: t.requesterUid,
    assignedAppUser: t.assignedAppUserId,
    tags: [...t.tags],
    ticketForm: TICKET_FORMS.find((f) => f.id === t.ticketFormId)?.name,
    source: t.source,
    createTime: t.createTime,
    lastUpdated: t.lastUpdated,
    totalTimeTracked: t.totalTimeTracked,
    attributeValues: t.attributeValues.map((a) => ({ ...a, value: structuredClone(a.value) })),
  };
  // Empty cells are left out: the spec's row values are objects, never null.
  for (const key of Object.keys(r)) if (r[key] === undefined) delete r[key];
  return r;
}

type TicketPredicate = (t: TicketRecord) => boolean;

function tagFilter(filter: z.infer<typeof Filter>): TicketPredicate | string {
  if (filter.field !== "tags") return `Unsupported filter field: ${filter.field}`;
  const values = filter.value.split(",").map((v) => v.trim()).filter((v) => v !== "");
  switch (filter.operator) {
    case "in":
    case "contains_any":
      return (t) => values.some((v) => t.tags.includes(v));
    case "contains_all":
      return (t) => values.every((v) => t.tags.includes(v));
    case "not_in":
    case "contains_none":
      return (t) => !values.some((v) => t.tags.includes(v));
    default:
      return `Unsupported filter operator: ${filter.operator}`;
  }
}

function matchesSearch(t: TicketRecord, search: string, mode: NinjaOneOptions["boardSearch"]): boolean {
  if (mode === "none") return false;
  const needle = search.toLowerCase();
  if (t.subject.toLowerCase().includes(needle)) return true;
  if (mode === "subject") return false;
  if (t.tags.some((tag) => tag.toLowerCase().includes(needle))) return true;
  return t.attributeValues.some((a) => JSON.stringify(a.value).toLowerCase().includes(needle));
}

function compare(a: Row, b: Row, field: string): number {
  const x = a[field];
  const y = b[field];
  if (typeof x === "number" && typeof y === "number") return x - y;
  return String(x ?? "").localeCompare(String(y ?? ""));
}

function runBoard(rc: RouteContext): SandboxResponse {
  const id = pathId(rc, "boardId");
  if (typeof id !== "number") return id;
  const board = BOARDS.find((b) => b.id === id);
  if (board === undefined) return notFound(rc, "Board");
  let input: z.infer<typeof RunBoard> = {};
  if (rc.req.body.length > 0) {
    const raw = parseJsonBody(rc.req);
    if (!raw.ok) return badRequest(rc, raw.error);
    const parsed = RunBoard.safeParse(raw.value);
    if (!parsed.success) return badRequest(rc, describeZodError(parsed.error));
    input = parsed.data;
  }
  const predicates: TicketPredicate[] = [];
  for (const f of input.filters ?? []) {
    const p = tagFilter(f);
    if (typeof p === "string") return badRequest(rc, p);
    predicates.push(p);
  }
  const sortBy = input.sortBy ?? [{ field: "id", direction: "ASC" as const }];
  for (const s of sortBy) if (!SORTABLE.has(s.field)) return badRequest(rc, `Unsupported sort field: ${s.field}`);
  const search = input.searchCriteria?.trim() ?? "";
  const rows = [...rc.world.tickets.values()]
    .filter((t) => board.includes(t) && predicates.every((p) => p(t)) && (search === "" || matchesSearch(t, search, rc.options.boardSearch)))
    .map((t) => row(rc.world, t));
  rows.sort((a, b) => {
    for (const s of sortBy) {
      const c = compare(a, b, s.field) * (s.direction === "DESC" ? -1 : 1);
      if (c !== 0) return c;
    }
    return (a.id as number) - (b.id as number);
  });
  let start = 0;
  if (input.lastCursorId !== undefined && input.lastCursorId > 0) {
    // The cursor is the last row of the previous page; rows resume right after it.
    const cursor = input.lastCursorId;
    const at = rows.findIndex((r) => r.id === cursor);
    const byIdAscending = sortBy[0]?.field === "id" && sortBy[0].direction === "ASC";
    // A cursor row that left the board (resolved, say) still marks a position when rows are in id order.
    if (at >= 0) start = at + 1;
    else if (byIdAscending) start = rows.findIndex((r) => (r.id as number) > cursor);
    else start = rows.length;
    if (start < 0) start = rows.length;
  }
  const pageSize = Math.min(input.pageSize ?? 50, rc.options.maxPageSize);
  const page = rows.slice(start, start + pageSize);
  const allColumns: string[] = rc.options.boardRowIds ? [...COLUMNS, ...ID_COLUMNS] : [...COLUMNS];
  const columns = input.includeColumns !== undefined && input.includeColumns.length > 0 ? ["id", ...input.includeColumns.filter((c) => c !== "id" && allColumns.includes(c))] : allColumns;
  const data = page.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => columns.includes(k))));
  const last = page[page.length - 1];
  return jsonResponse(
    200,
    {
      data,
      metadata: {
        columns,
        sortBy,
        attributes: Object.fromEntries(TICKET_ATTRIBUTES.map((a) => [`attribute_${a.id}`, { name: a.name, type: a.attributeType }])),
        filters: input.filters ?? [],
        lastCursorId: last !== undefined ? (last.id as number) : (input.lastCursorId ?? 0),
        allRequiredColumns: ["id"],
        allColumns,
        columnNamesForExporting: allColumns,
      },
    },
    { route: rc.route },
  );
}

function listBoards(rc: RouteContext): SandboxResponse {
  const tickets = [...rc.world.tickets.values()];
  return jsonResponse(
    200,
    BOARDS.map((b) => ({
      id: b.id,
      uid: b.uid,
      name: b.name,
      description: b.description,
      conditions: { any: [], all: [] },
      system: true,
      columns: [...COLUMNS],
      sortBy: [{ field: "id", direction: "ASC" }],
      ticketCount: tickets.filter((t) => b.includes(t)).length,
      createTime: 1704067200.25,
      updateTime: 1704067200.25,
    })),
    { route: rc.route },
  );
}

export const boardRoutes: ApiRoute[] = [
  { method: "GET", template: "/v2/ticketing/trigger/boards", scope: "monitoring", handle: listBoards },
  { method: "POST", template: "/v2/ticketing/trigger/board/{boardId}/run", scope: "monitoring", handle: runBoard },
];
