import { z } from "zod";

/** NinjaOne's ticket enums (reference §6); priority has no CRITICAL. */
export const NINJA_TICKET_SEVERITIES = ["NONE", "MINOR", "MODERATE", "MAJOR", "CRITICAL"] as const;
export const NINJA_TICKET_PRIORITIES = ["NONE", "LOW", "MEDIUM", "HIGH"] as const;
export const NINJA_TICKET_TYPES = [
  "PROBLEM", "QUESTION", "INCIDENT", "TASK", "CHANGE_REQUEST", "SERVICE_REQUEST", "PROJECT", "APPOINTMENT", "MISCELLANEOUS",
] as const;

export type NinjaTicketSeverity = (typeof NINJA_TICKET_SEVERITIES)[number];
export type NinjaTicketPriority = (typeof NINJA_TICKET_PRIORITIES)[number];
export type NinjaTicketType = (typeof NINJA_TICKET_TYPES)[number];

/**
 * A ticket status as a setting: a status id (a custom one included) or the `name` of a system
 * status (NEW, OPEN, WAITING, PAUSED, RESOLVED, CLOSED). Ids differ between tenants and only
 * NEW/OPEN/CLOSED ids are confirmed, so defaults use names and are resolved against the live list.
 */
export const StatusRefSchema = z.union([
  z.number().int().positive(),
  z.string().trim().min(1, "must name a ticket status"),
]);
export type StatusRef = z.infer<typeof StatusRefSchema>;

/** How one Acronis alert type becomes a ticket; unset fields follow the alert or the defaults. */
export const AlertTypeRuleSchema = z.strictObject({
  enabled: z.boolean().default(true),
  severity: z.enum(NINJA_TICKET_SEVERITIES).optional(),
  priority: z.enum(NINJA_TICKET_PRIORITIES).optional(),
  status: StatusRefSchema.optional(),
  type: z.enum(NINJA_TICKET_TYPES).optional(),
});
export type AlertTypeRule = z.infer<typeof AlertTypeRuleSchema>;

/**
 * On or off as the profile chose; absent while it has not chosen, which counts as off: Acronis'
 * own integration says "by default, this option is disabled" for resolving, reopening and
 * clearing (reference §8, ticket-options). Kept absent rather than filled in, so a profile that
 * chose on (or off) keeps its choice, and one that never chose follows the default.
 */
const chosen = z.boolean().optional();

const toggledStatus = (status: string) => z.strictObject({ enabled: chosen, status: StatusRefSchema.default(status) }).prefault({});

/** Whether a resolve, reopen or clear option is on: only when the profile turned it on. */
export function isOn(option: { enabled?: boolean | undefined }): boolean {
  return option.enabled === true;
}

/**
 * The `tickets config` contents. Defaults follow Acronis' own integration: reopening (window
 * 1 day), resolving the ticket when the alert clears and clearing the alert from the ticket are
 * all off until the profile turns them on.
 */
export const TicketSettingsSchema = z.strictObject({
  /** Unset: the form NinjaOne marks as default. Forms with required fields are refused by `tickets config`. */
  ticketFormId: z.number().int().positive().optional(),
  /** Alert types that become tickets, by Acronis type id. */
  alertTypes: z
    .record(z.string().trim().min(1), AlertTypeRuleSchema)
    .default(() => ({
      BackupFailed: { enabled: true },
      BackupDidNotStart: { enabled: true },
      NoBackupForXDays: { enabled: true },
      MalwareDetected: { enabled: true },
    })),
  /** Used where an alert type's rule leaves status or type unset. */
  defaults: z
    .strictObject({
      status: StatusRefSchema.default("NEW"),
      type: z.enum(NINJA_TICKET_TYPES).default("PROBLEM"),
    })
    .prefault({}),
  /** Create tickets for new alerts at all (off: only existing tickets are kept in step). */
  createTickets: z.strictObject({ enabled: z.boolean().default(true) }).prefault({}),
  /** The same alert raised again within `windowDays` of its ticket's resolution reopens that ticket. */
  reopen: z
    .strictObject({
      enabled: chosen,
      windowDays: z.number().int().min(0).max(365).default(1),
      status: StatusRefSchema.default("OPEN"),
    })
    .prefault({}),
  /** "Resolve ticket": the status set on the ticket when its alert clears. */
  resolveTicket: toggledStatus("RESOLVED"),
  /** "Clear alert": the ticket status that dismisses the alert in Acronis. */
  clearAlert: toggledStatus("RESOLVED"),
  /**
   * The requester of every ticket written: NinjaOne's update requires one. Unset: the
   * signed-in user where it can be found (see plan/requester.ts).
   */
  requester: z.strictObject({ uid: z.guid("must be a user uid"), email: z.string().optional() }).optional(),
  /** Tickets raised (created or reopened) per run; the rest wait for the next run. */
  maxTicketsPerRun: z.number().int().min(1).max(10_000).default(25),
  /**
   * Hours between full reads of every alert (0: never). A full read catches up whatever an
   * incremental read could not see, e.g. a server that reads the time filter in another unit.
   */
  fullReadHours: z.number().int().min(0).max(8760).default(24),
});

export type TicketSettings = z.infer<typeof TicketSettingsSchema>;
export type TicketSettingsInput = z.input<typeof TicketSettingsSchema>;

export const DEFAULT_TICKET_SETTINGS: TicketSettings = TicketSettingsSchema.parse({});

/** The enabled rule for an alert type, or undefined when that type does not become tickets. */
export function ruleForType(settings: TicketSettings, type: string): AlertTypeRule | undefined {
  const rule = Object.hasOwn(settings.alertTypes, type) ? settings.alertTypes[type] : undefined;
  return rule?.enabled === true ? rule : undefined;
}
