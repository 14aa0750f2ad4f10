import { alertStats, listAlerts, rfc3339ToNanos, type AlertStats } from "../../clients/acronis/alerts.js";
import { collect, mapConcurrent } from "../../clients/async-lists.js";
import { getTicket, listBoards, listTicketForms, listTicketStatuses, runBoard, type BoardRow, type NinjaTicketForm } from "../../clients/ninjaone/tickets.js";
import { listUsers } from "../../clients/ninjaone/users.js";
import { ApiError, ConfigError } from "../../errors.js";
import type { HttpClient } from "../../http/index.js";
import type { ReadonlyStateDocument } from "../../state/index.js";
import { matcherDevices } from "../shared/devices/device.js";
import { learnCustomerNumericId } from "../shared/estates/customer-numeric-id.js";
import type { JobSession } from "../shared/session.js";
import { keyDigest, markerOf, ruleForType, type TicketAlert, type TicketDevice, type TicketSettings, type TicketStatusInfo, type TicketTenantMapping, type TicketView } from "./plan/index.js";
import { ALERT_CURSOR, unlinkedAbove } from "./plan/alert-cursor.js";
import { dueName, dueTenants, FULL_READ_CURSOR, missedChanges, planAlertRead, STATS_CURSOR, type AlertReadMode } from "./plan/alert-read.js";
import { toTicketAlert } from "./plan/alert-view.js";
import type { PlanNotice } from "./plan/notices.js";
import { requesterMissing, signedInUser } from "./plan/requester.js";
import { TenantIndex, type AlertTenant } from "./plan/tenant-index.js";

export const ALL_TICKETS_BOARD = "All tickets";
const LOOKUP_CONCURRENCY = 4;

export interface TicketsRead {
  alerts: TicketAlert[];
  mappings: TicketTenantMapping[];
  devices: TicketDevice[];
  statuses: TicketStatusInfo[];
  forms: NinjaTicketForm[];
  tickets: TicketView[];
  boardId: number;
  consoleUrl: string;
  /** How the alerts were read: `full` also when an incremental read turned out to miss changes. */
  readMode: AlertReadMode;
  /** The cursor the run started from (the stored one, clamped to now when it lay in the future). */
  previousCursor: string | undefined;
  /** The newest `updatedAt` among the alerts read. */
  newestRead: string | undefined;
  /** `GET /stats` as read before the alerts, when it could be read. */
  stats: AlertStats | undefined;
  /** Due entries (alert-read.ts) this run's reads settled: each tenant read in full, or all by a full read. */
  settledDue: string[];
  /** The due entry of every alert read, by alert id as given. */
  dueOf: Record<string, string>;
  /** What the reader did beyond the plain incremental read, for the operator. */
  notices: PlanNotice[];
  /** Numeric ids of mapped tenants (by UUID) learned this run, for the state file to keep. */
  learnedTenantIds: Record<string, string>;
}

/** Mapped Acronis customers, from the state file. */
export function mappingsOf(state: ReadonlyStateDocument): TicketTenantMapping[] {
  return Object.values(state.mappings.acronis).map((m) => ({
    acronisTenantId: m.acronisTenantId.toLowerCase(),
    acronisTenantName: m.acronisTenantName,
    ninjaOrgId: m.ninjaOrgId,
    ninjaOrgName: m.ninjaOrgName,
  }));
}

/** The board to search: the one given, else the tenant's "All tickets" (board ids differ between tenants). */
async function boardToSearch(http: HttpClient, given: number | undefined): Promise<number> {
  if (given !== undefined) return given;
  const boards = await listBoards(http);
  const named = boards.filter((b) => b.name.trim().toLowerCase() === ALL_TICKETS_BOARD.toLowerCase());
  const board = named.find((b) => b.system) ?? named[0];
  if (board === undefined) {
    throw new ConfigError(`NinjaOne has no "${ALL_TICKETS_BOARD}" ticket board to search for ninja-bridge's tickets (boards: ${boards.map((b) => `${b.name} (${b.id})`).join(", ") || "none"})`, {
      hint: "name a board that shows every ticket with `ninja-bridge tickets sync --board <id>`",
    });
  }
  return board.id;
}

/**
 * Learns the numeric ids of mapped tenants the alerts alone did not reveal, from the
 * customers' own workloads (never from a unit's). A customer whose lookup fails or cannot
 * decide stays unknown: its alerts wait rather than go to the wrong place.
 */
async function learnTenantIds(http: HttpClient, index: TenantIndex, alerts: readonly AlertTenant[]): Promise<void> {
  index.learnFromAlerts(alerts);
  const unknown = index.unknownTenants();
  if (unknown.length === 0 || index.placesAll(alerts)) return;
  const lookup = async (uuid: string) => {
    try {
      return { uuid, numeric: await learnCustomerNumericId(http, uuid) };
    } catch (error) {
      if (error instanceof ApiError) return { uuid, numeric: undefined };
      throw error;
    }
  };
  for await (const found of mapConcurrent(unknown, LOOKUP_CONCURRENCY, lookup)) {
    if (found.numeric !== undefined) index.learn(found.numeric, found.uuid);
  }
}

export interface ReadOptions {
  settings: TicketSettings;
  boardId?: number;
  /** Read alerts changed since this time instead of since the cursor (`--since`). */
  since?: Date;
  now?: Date;
}

async function statsOrNote(http: HttpClient, notices: PlanNotice[]): Promise<AlertStats | undefined> {
  try {
    return await alertStats(http);
  } catch (error) {
    notices.push({ level: "warn", text: `could not read Acronis alert stats (${error instanceof Error ? error.message : String(error)}); only the periodic full read catches up missed changes this run` });
    return undefined;
  }
}

/** Reads what one tickets sync plans from: both sides, incrementally on the Acronis side. */
export async function readTicketInputs(session: JobSession, state: ReadonlyStateDocument, options: ReadOptions): Promise<TicketsRead> {
  const [ninja, acronis] = await Promise.all([session.ninjaone(), session.acronis()]);
  const mappings = mappingsOf(state);
  const cursor = state.cursors[ALERT_CURSOR]?.cursor;
  const notices: PlanNotice[] = [];
  // Stats first: a change landing between the two reads shows in the next run's stats. Its answer also tells Acronis' time.
  const stats = await statsOrNote(acronis.http, notices);
  const read = planAlertRead({
    now: options.now ?? new Date(),
    acronisNow: acronis.http.serviceNow(),
    cursor,
    lastFullRead: state.cursors[FULL_READ_CURSOR]?.cursor,
    fullReadHours: options.settings.fullReadHours,
    ...(options.since === undefined ? {} : { since: options.since }),
  });
  notices.unshift(...read.notes);
  // Dismissals only matter once there are links; a first run reads active alerts alone.
  const showDeleted = cursor !== undefined || Object.keys(state.alertLinks).length > 0;
  const alertsAfter = (after: string | undefined, tenant?: string) =>
    collect(listAlerts(acronis.http, { ...(after === undefined ? {} : { updatedAfter: after }), ...(tenant === undefined ? {} : { tenant }), showDeleted }));
  const [statuses, forms, boardId, firstRead] = await Promise.all([
    listTicketStatuses(ninja.http),
    listTicketForms(ninja.http),
    boardToSearch(ninja.http, options.boardId),
    alertsAfter(read.after),
  ]);
  let rawAlerts = firstRead;
  let mode = read.mode;
  if (mode === "incremental" && missedChanges(state.cursors[STATS_CURSOR]?.cursor, stats, read.previous, rawAlerts)) {
    notices.push({
      level: "warn",
      text: "Acronis' alert stats moved since the last run but the read since the cursor found nothing newer: reading every alert instead (the server may read the time filter in another unit than nanoseconds)",
    });
    rawAlerts = await alertsAfter(undefined);
    mode = "full";
  }
  const tickets = await ourTickets(ninja.http, boardId, state);

  const known = new Map<string, string>();
  for (const m of Object.values(state.mappings.acronis)) if (m.acronisTenantNumericId !== undefined) known.set(m.acronisTenantId, m.acronisTenantNumericId);
  const index = new TenantIndex(new Set(mappings.map((m) => m.acronisTenantId)), known);
  const due = dueTenants(state);
  await learnTenantIds(acronis.http, index, [...rawAlerts, ...due]);
  // A full read saw every tenant; otherwise each due tenant that can now be placed is read alone, from the beginning.
  const settledDue = mode === "first" || mode === "full" ? due.map((d) => d.name) : due.filter((d) => index.mappedTenantOf(d) !== undefined).map((d) => d.name);
  if (mode !== "first" && mode !== "full") {
    for (const d of due.filter((x) => settledDue.includes(x.name))) {
      const caught = await alertsAfter(undefined, d.tenantId);
      notices.push({ level: "info", text: `read the ${caught.length} alert(s) of Acronis tenant ${d.tenantId} from the beginning: it could not be placed before (alerts since ${d.since})` });
      rawAlerts = [...rawAlerts, ...caught];
    }
  }
  const alerts = rawAlerts.map((a) => toTicketAlert(a, index.mappedTenantOf(a)));

  // Devices only matter for new tickets: read them when an active alert of a selected type has a mapped customer.
  const wantsDevices = alerts.some((a) => a.dismissedAt === undefined && a.tenantUuid !== undefined && ruleForType(options.settings, a.type) !== undefined);
  const orgIds = new Set(mappings.map((m) => m.ninjaOrgId));
  const devices = wantsDevices
    ? matcherDevices((await session.ninjaEstate({ devices: true })).devices
        .filter((d) => orgIds.has(d.organizationId)))
    : [];

  const newestRead = rawAlerts.reduce<string | undefined>((newest, a) => (newest === undefined || rfc3339ToNanos(a.updatedAt) > rfc3339ToNanos(newest) ? a.updatedAt : newest), undefined);
  return {
    alerts,
    mappings,
    devices,
    statuses: statuses.map((s) => ({ statusId: s.statusId, name: s.name, parentId: s.parentId })),
    forms,
    tickets,
    boardId,
    consoleUrl: new URL(acronis.http.baseUrl).origin,
    readMode: mode,
    previousCursor: read.previous,
    newestRead,
    stats,
    settledDue,
    dueOf: Object.fromEntries(rawAlerts.map((a) => [a.id, dueName(a)])),
    notices,
    learnedTenantIds: index.newlyLearned(),
  };
}

/** What every ticket ninja-bridge raised carries in a tag and its subject. */
export const MARKER_SEARCH = "ninja-bridge:alert:";

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

/** The configured requester, else the signed-in user where it can be told; refused otherwise. */
export async function requesterFor(session: JobSession, settings: TicketSettings): Promise<string> {
  if (settings.requester !== undefined) return settings.requester.uid;
  const ninja = await session.ninjaone();
  const user = ninja.flow === "authorization-code" ? signedInUser(ninja.flow, await listUsers(ninja.http, "TECHNICIAN")) : undefined;
  if (user === undefined) throw requesterMissing(ninja.flow);
  return user.uid;
}
