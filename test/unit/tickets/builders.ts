import { markerTags } from "../../../src/jobs/tickets/plan/alert-key.js";
import { planTicketSync } from "../../../src/jobs/tickets/plan/plan.js";
import { TicketSettingsSchema, type TicketSettingsInput } from "../../../src/jobs/tickets/plan/ticket-settings.js";
import type { TicketAction, TicketAlert, TicketDevice, TicketLink, TicketStatusInfo, TicketSyncInput, TicketSyncPlan, TicketTenantMapping, TicketView } from "../../../src/jobs/tickets/plan/types.js";

export const DAY = 86_400_000;
export const T0 = Date.parse("2026-03-01T12:00:00.000Z");
export const iso = (ms: number): string => new Date(ms).toISOString();

export const STATUSES: TicketStatusInfo[] = [
  { statusId: 1000, name: "NEW", parentId: 1000 },
  { statusId: 2000, name: "OPEN", parentId: 2000 },
  { statusId: 3000, name: "WAITING", parentId: 3000 },
  { statusId: 5000, name: "RESOLVED", parentId: 5000 },
  { statusId: 6000, name: "CLOSED", parentId: 6000 },
  { statusId: 3001, name: "Waiting on vendor", parentId: 3000 },
  { statusId: 5001, name: "Fixed by vendor", parentId: 5000 },
];

export const CONTOSO: TicketTenantMapping = {
  acronisTenantId: "5f0e2c1a-0000-4000-8000-000000000056",
  acronisNumericTenantId: "56",
  acronisTenantName: "Contoso Ltd",
  ninjaOrgId: 42,
  ninjaOrgName: "Contoso",
};

export const FABRIKAM: TicketTenantMapping = {
  acronisTenantId: "5f0e2c1a-0000-4000-8000-000000000057",
  acronisNumericTenantId: "57",
  ninjaOrgId: 43,
  ninjaOrgName: "Fabrikam",
};

export const DEVICES: TicketDevice[] = [
  { id: 1234, organizationId: 42, systemName: "SRV-01", dnsName: "srv-01.contoso.local" },
  { id: 1235, organizationId: 42, systemName: "PC-07" },
  { id: 1300, organizationId: 43, systemName: "SRV-01" },
];

/** The settings these tests plan with: reopening and resolving turned on, as a profile that chose them. */
export function settings(overrides: TicketSettingsInput = {}) {
  return TicketSettingsSchema.parse({ ticketFormId: 1, ...overrides, reopen: { enabled: true, ...overrides.reopen }, resolveTicket: { enabled: true, ...overrides.resolveTicket } });
}

let counter = 0;

/** A BackupFailed alert on SRV-01 of tenant 56, raised at T0, unless told otherwise. */
export function alert(overrides: Partial<TicketAlert> = {}): TicketAlert {
  counter += 1;
  const created = overrides.createdAt ?? iso(T0);
  return {
    id: `01C2D69A-112B-4DE1-98AE-${String(counter).padStart(12, "0")}`,
    type: "BackupFailed",
    category: "Backup",
    severity: "critical",
    tenantId: "56",
    workload: { id: "5C350066-2BA6-4EEB-AA91-1213DD35F033", name: "SRV-01" },
    plan: { id: "796c0000-0000-4000-8000-000000000001", name: "Servers daily" },
    message: "Failed to connect to the backup storage.",
    createdAt: created,
    updatedAt: overrides.updatedAt ?? created,
    ...overrides,
  };
}

export function dismissed(a: TicketAlert, at: number): TicketAlert {
  return { ...a, dismissedAt: iso(at), updatedAt: iso(at) };
}

export function raisedAgain(a: TicketAlert, at: number): TicketAlert {
  const { dismissedAt: _gone, ...rest } = a;
  return { ...rest, updatedAt: iso(at) };
}

export function ticket(id: number, key: string, statusId: number, overrides: Partial<TicketView> = {}): TicketView {
  return { id, version: 1, clientId: 42, status: { statusId }, tags: markerTags(key), createTime: T0 / 1000, lastUpdated: T0 / 1000, ...overrides };
}

export function link(key: string, a: TicketAlert, ticketId: number, overrides: Partial<TicketLink> = {}): TicketLink {
  return {
    key,
    acronisAlertId: a.id.toUpperCase(),
    acronisTenantId: a.tenantId,
    alertType: a.type,
    workloadId: (a.workload?.id ?? "tenant").toLowerCase(),
    ninjaOrgId: 42,
    ninjaTicketId: ticketId,
    status: "open",
    alertState: "active",
    createdAt: iso(T0),
    updatedAt: iso(T0),
    ...overrides,
  };
}

/** A small simulated world: what Acronis and NinjaOne hold, and the state file's links. */
export interface World {
  now: number;
  alerts: TicketAlert[];
  tickets: TicketView[];
  links: TicketLink[];
  nextTicketId: number;
}

export function world(partial: Partial<World> = {}): World {
  return { now: T0 + DAY, alerts: [], tickets: [], links: [], nextTicketId: 5000, ...partial };
}

export function plan(w: World, s = settings(), extra: { mappings?: TicketTenantMapping[]; devices?: TicketDevice[]; serviceNow?: TicketSyncInput["serviceNow"]; excludedOrgIds?: ReadonlySet<number> } = {}): TicketSyncPlan {
  return planTicketSync({
    now: new Date(w.now),
    ...(extra.serviceNow === undefined ? {} : { serviceNow: extra.serviceNow }),
    ...(extra.excludedOrgIds === undefined ? {} : { excludedOrgIds: extra.excludedOrgIds }),
    settings: s,
    statuses: STATUSES,
    alerts: w.alerts,
    mappings: extra.mappings ?? [CONTOSO, FABRIKAM],
    devices: extra.devices ?? DEVICES,
    links: w.links,
    tickets: w.tickets,
  });
}

function saveLink(w: World, next: TicketLink): void {
  w.links = [...w.links.filter((l) => l.key !== next.key), next];
}

/**
 * Applies one action the way the applier will: the API call, then the link. `crash` stops
 * after the API call, as a kill between the two would.
 */
export function apply(w: World, action: TicketAction, crash = false): void {
  const seconds = w.now / 1000;
  switch (action.kind) {
    case "create": {
      const id = w.nextTicketId++;
      const created: TicketView = {
        id,
        version: 1,
        clientId: action.ticket.clientId,
        status: { statusId: Number(action.ticket.status) },
        tags: action.ticket.tags,
        createTime: seconds,
        lastUpdated: seconds,
        ...(action.ticket.nodeId === undefined ? {} : { nodeId: action.ticket.nodeId }),
      };
      w.tickets = [...w.tickets, created];
      if (!crash) saveLink(w, { ...action.link, ninjaTicketId: id });
      return;
    }
    case "reopen":
    case "resolve":
      w.tickets = w.tickets.map((t) =>
        t.id === action.ticketId ? { ...t, status: { statusId: Number(action.status) }, version: (t.version ?? 0) + 1, lastUpdated: seconds } : t,
      );
      if (!crash) saveLink(w, action.link);
      return;
    case "clear-alert":
      w.alerts = w.alerts.map((a) => (action.alertIds.includes(a.id.toUpperCase()) ? dismissed(a, w.now) : a));
      if (!crash) saveLink(w, action.link);
      return;
    case "adopt":
    case "record":
      if (!crash) saveLink(w, action.link);
      return;
    default:
      return;
  }
}

/** A technician sets a ticket's status in NinjaOne. */
export function setTicketStatus(w: World, ticketId: number, statusId: number, at: number): void {
  w.tickets = w.tickets.map((t) => (t.id === ticketId ? { ...t, status: { statusId }, version: (t.version ?? 0) + 1, lastUpdated: at / 1000 } : t));
}

export function kinds(p: TicketSyncPlan): string[] {
  return p.actions.map((a) => a.kind);
}

export function only<K extends TicketAction["kind"]>(p: TicketSyncPlan, kind: K): Extract<TicketAction, { kind: K }> {
  const found = p.actions.filter((a): a is Extract<TicketAction, { kind: K }> => a.kind === kind);
  if (found.length !== 1) throw new Error(`expected one ${kind} action, got ${JSON.stringify(p.actions.map((a) => a.kind))}`);
  return found[0] as Extract<TicketAction, { kind: K }>;
}
