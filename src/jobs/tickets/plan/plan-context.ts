import { ConfigError } from "../../../errors.js";
import { isOn, ruleForType, type AlertTypeRule, type TicketSettings } from "./ticket-settings.js";
import { resolveStatus } from "./ticket-status.js";
import type { TicketAlert, TicketDevice, TicketStatusInfo, TicketSyncInput, TicketTenantMapping, TicketView } from "./types.js";

const DAY_MS = 86_400_000;

/** What every per-key decision reads: settings resolved against NinjaOne, lookups, the clock. */
export interface PlanContext {
  nowIso: string;
  settings: TicketSettings;
  statuses: readonly TicketStatusInfo[];
  devices: readonly TicketDevice[];
  consoleUrl: string | undefined;
  windowMs: number;
  /** Only the statuses of enabled rules are resolved, so a disabled rule cannot fail a run. */
  reopenStatus: TicketStatusInfo | undefined;
  resolveStatus: TicketStatusInfo | undefined;
  clearStatus: TicketStatusInfo | undefined;
  ticketById: ReadonlyMap<number, TicketView>;
  /** Tickets carrying each key digest, deleted ones left out. */
  ticketsByDigest: ReadonlyMap<string, readonly TicketView[]>;
  ruleFor(type: string): AlertTypeRule | undefined;
  mappingFor(alert: TicketAlert): TicketTenantMapping | undefined;
  /** Form and status of a new ticket; throws a ConfigError when the settings cannot be met. */
  newTicketForm(): number;
  newTicketStatus(rule: AlertTypeRule): TicketStatusInfo;
}

export function planContext(input: TicketSyncInput, ticketsByDigest: ReadonlyMap<string, readonly TicketView[]>): PlanContext {
  const { settings, statuses } = input;
  const byUuid = new Map(input.mappings.map((m) => [m.acronisTenantId.toLowerCase(), m]));
  const byNumeric = new Map(input.mappings.flatMap((m) => (m.acronisNumericTenantId === undefined ? [] : [[m.acronisNumericTenantId, m] as const])));
  return {
    nowIso: input.now.toISOString(),
    settings,
    statuses,
    devices: input.devices,
    consoleUrl: input.acronisConsoleUrl,
    windowMs: settings.reopen.windowDays * DAY_MS,
    reopenStatus: isOn(settings.reopen) ? resolveStatus(settings.reopen.status, statuses, "reopen.status") : undefined,
    resolveStatus: isOn(settings.resolveTicket) ? resolveStatus(settings.resolveTicket.status, statuses, "resolveTicket.status") : undefined,
    clearStatus: isOn(settings.clearAlert) ? resolveStatus(settings.clearAlert.status, statuses, "clearAlert.status") : undefined,
    ticketById: new Map(input.tickets.filter((t) => t.deleted !== true).map((t) => [t.id, t])),
    ticketsByDigest,
    ruleFor: (type) => ruleForType(settings, type),
    mappingFor: (alert) =>
      (alert.tenantUuid === undefined ? undefined : byUuid.get(alert.tenantUuid.toLowerCase())) ??
      byNumeric.get(alert.tenantId) ??
      byUuid.get(alert.tenantId.toLowerCase()),
    newTicketForm: () => {
      const id = settings.ticketFormId ?? input.defaultTicketFormId;
      if (id === undefined) {
        throw new ConfigError("No ticket form is set for tickets sync and NinjaOne marks no form as default.", {
          hint: "Choose a form without required fields with `ninja-bridge tickets config --form <id>`.",
        });
      }
      return id;
    },
    newTicketStatus: (rule) => resolveStatus(rule.status ?? settings.defaults.status, statuses, rule.status === undefined ? "defaults.status" : "the alert type's status"),
  };
}
