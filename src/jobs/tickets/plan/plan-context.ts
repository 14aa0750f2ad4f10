import { ConfigError } from "../../../errors.js";
import { isOn, ruleForType, type AlertTypeRule, type TicketSettings } from "./ticket-settings.js";
import { resolveStatus } from "./ticket-status.js";
import type { TicketAlert, TicketDevice, TicketStatusInfo, TicketSyncInput, TicketTenantMapping, TicketView } from "./types.js";

const DAY_MS = 86_400_000;
/** A Date header's resolution: it names whole seconds. */
const DATE_HEADER_MS = 1000;

/** When a ticket was resolved, and whose clock that time was read on. */
export interface Resolution {
  at: string;
  clock: "acronis" | "local";
}

/** What every per-key decision reads: settings resolved against NinjaOne, lookups, the clock. */
export interface PlanContext {
  nowIso: string;
  /** The resolution of a ticket seen resolved now, or at NinjaOne's `lastUpdated` (epoch seconds) when given. */
  resolutionNow(lastUpdatedSeconds?: number): Resolution;
  /**
   * Milliseconds from a resolution to the alert's latest update, the words saying whose clock
   * measured them, and whether the update came after the resolution: by more than a second
   * when a Date header took part, as those name whole seconds.
   */
  sinceResolution(alert: TicketAlert, resolution: Resolution): { ms: number; clock: string; after: boolean };
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
  const now = input.now.getTime();
  const acronisNow = input.serviceNow?.acronis?.getTime();
  const ninjaNow = input.serviceNow?.ninjaone?.getTime();
  return {
    nowIso: input.now.toISOString(),
    resolutionNow: (lastUpdated) => {
      if (lastUpdated !== undefined && ninjaNow === undefined) return { at: new Date(Math.round(lastUpdated * 1000)).toISOString(), clock: "local" };
      // How long ago NinjaOne resolved it, on NinjaOne's own clock; carried onto Acronis' clock when it told its time.
      const elapsed = lastUpdated !== undefined && ninjaNow !== undefined ? Math.max(0, ninjaNow - lastUpdated * 1000) : 0;
      return acronisNow === undefined ? { at: new Date(now - elapsed).toISOString(), clock: "local" } : { at: new Date(acronisNow - elapsed).toISOString(), clock: "acronis" };
    },
    sinceResolution: (alert, resolution) => {
      const updated = Date.parse(alert.updatedAt);
      const dated = resolution.clock === "acronis" || acronisNow !== undefined;
      const since = (ms: number, clock: string) => ({ ms, clock, after: ms > (dated ? DATE_HEADER_MS : 0) });
      if (resolution.clock === "acronis") return since(updated - Date.parse(resolution.at), "on Acronis' clock (the alert's update time against Acronis' time when the ticket was seen resolved)");
      // A resolution read on the local clock: the alert's time is moved onto it by Acronis' own offset.
      const offset = acronisNow === undefined ? 0 : acronisNow - now;
      const clock = acronisNow === undefined ? "on the local clock (Acronis sent no Date header)" : "on the local clock (the ticket's resolution was recorded on it; the alert's time moved onto it by Acronis' Date header)";
      return since(updated - offset - Date.parse(resolution.at), clock);
    },
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
