import { listAlerts, rfc3339ToNanos, type AcronisAlert } from "../../clients/acronis/alerts.js";
import { collect, mapConcurrent } from "../../clients/async-lists.js";
import { listBoards, listTicketForms, listTicketStatuses, type NinjaTicketForm } from "../../clients/ninjaone/tickets.js";
import { ApiError, ConfigError } from "../../errors.js";
import type { HttpClient } from "../../http/index.js";
import type { ReadonlyStateDocument } from "../../state/index.js";
import { learnCustomerNumericId } from "../estate/customer-numeric-id.js";
import type { JobSession } from "../job-session.js";
import {
  ruleForType,
  type TicketAlert,
  type TicketDevice,
  type TicketSettings,
  type TicketStatusInfo,
  type TicketTenantMapping,
  type TicketView,
} from "../tickets/index.js";
import { ALERT_CURSOR, readAfter } from "./alert-cursor.js";
import { toTicketAlert } from "./alert-view.js";
import { ourTickets } from "./our-tickets.js";
import { TenantIndex } from "./tenant-index.js";

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
  /** Where the alert read started (the cursor minus the overlap); undefined: from the beginning. */
  readAfter: string | undefined;
  /** The newest `updatedAt` among the alerts read. */
  newestRead: string | undefined;
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
async function learnTenantIds(http: HttpClient, index: TenantIndex, alerts: readonly AcronisAlert[]): Promise<void> {
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
}

/** Reads what one tickets sync plans from: both sides, incrementally on the Acronis side. */
export async function readTicketInputs(session: JobSession, state: ReadonlyStateDocument, options: ReadOptions): Promise<TicketsRead> {
  const [ninja, acronis] = await Promise.all([session.ninjaone(), session.acronis()]);
  const mappings = mappingsOf(state);
  const cursor = state.cursors[ALERT_CURSOR]?.cursor;
  const after = readAfter(cursor);
  // Dismissals only matter once there are links; a first run reads active alerts alone.
  const showDeleted = cursor !== undefined || Object.keys(state.alertLinks).length > 0;
  const [statuses, forms, boardId, rawAlerts] = await Promise.all([
    listTicketStatuses(ninja.http),
    listTicketForms(ninja.http),
    boardToSearch(ninja.http, options.boardId),
    collect(listAlerts(acronis.http, { ...(after === undefined ? {} : { updatedAfter: after }), showDeleted })),
  ]);
  const tickets = await ourTickets(ninja.http, boardId, state);

  const known = new Map<string, string>();
  for (const m of Object.values(state.mappings.acronis)) if (m.acronisTenantNumericId !== undefined) known.set(m.acronisTenantId, m.acronisTenantNumericId);
  const index = new TenantIndex(new Set(mappings.map((m) => m.acronisTenantId)), known);
  await learnTenantIds(acronis.http, index, rawAlerts);
  const alerts = rawAlerts.map((a) => toTicketAlert(a, index.mappedTenantOf(a)));

  // Devices only matter for new tickets: read them when an active alert of a selected type has a mapped customer.
  const wantsDevices = alerts.some((a) => a.dismissedAt === undefined && a.tenantUuid !== undefined && ruleForType(options.settings, a.type) !== undefined);
  const orgIds = new Set(mappings.map((m) => m.ninjaOrgId));
  const devices = wantsDevices
    ? (await session.ninjaEstate({ devices: true })).devices
        .filter((d) => orgIds.has(d.organizationId))
        .map((d) => ({ id: d.id, organizationId: d.organizationId, systemName: d.systemName, dnsName: d.dnsName }))
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
    readAfter: after,
    newestRead,
    learnedTenantIds: index.newlyLearned(),
  };
}
