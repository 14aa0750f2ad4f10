import { isConfigured } from "../../clients/connect.js";
import type { ProfileConfig } from "../../config/profile-config.js";
import { ConfigError, UsageError } from "../../errors.js";
import { plural } from "../../plural.js";
import { closest } from "../shared/names/similarity.js";
import type { Unconfigured } from "../job.js";
import { isOn, NINJA_TICKET_PRIORITIES, NINJA_TICKET_SEVERITIES, NINJA_TICKET_TYPES, TicketSettingsSchema, type AlertTypeRule, type StatusRef, type TicketSettings } from "./plan/index.js";

/** What one tickets sync runs with: the profile's `tickets config`, and the command's flags. */
export interface TicketsJobSettings {
  tickets: TicketSettings;
  /** The board that lists every ticket; default: the tenant's "All tickets" board, found by name. */
  boardId?: number;
  /** Read alerts changed since this time, not since the cursor (`tickets sync --since`). */
  since?: Date;
}

/**
 * The profile's settings, as `sync` runs the job: only once `tickets config` has been run,
 * since the job creates tickets customers may see.
 */
export function ticketsSettings(config: ProfileConfig, env: NodeJS.ProcessEnv): TicketsJobSettings | Unconfigured {
  if (!isConfigured(config, env, "acronis")) return { unconfigured: "Acronis is not configured" };
  if (config.jobSettings(TICKETS_JOB) === undefined) {
    return { unconfigured: "tickets are not configured: run `ninja-bridge tickets config` to choose the form and the alert types" };
  }
  return { tickets: readTicketSettings(config) };
}

/** The job name its settings are stored under in the profile. */
export const TICKETS_JOB = "tickets";

/** The profile's `tickets config`, or the defaults when none is stored. A bad document names the field. */
export function readTicketSettings(config: ProfileConfig): TicketSettings {
  const stored = config.jobSettings(TICKETS_JOB);
  const parsed = TicketSettingsSchema.safeParse(stored ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue === undefined || issue.path.length === 0 ? "(root)" : issue.path.map(String).join(".");
  throw new ConfigError(`the tickets settings of profile "${config.profile}" in ${config.path} are not valid: ${field}: ${issue?.message ?? "invalid"}`, {
    hint: "fix it with `ninja-bridge tickets config`, or start again from the defaults with `ninja-bridge tickets config --reset`",
  });
}

/** Validates and stores the settings; the stored document is the parsed one, defaults filled in. */
export function storeTicketSettings(config: ProfileConfig, settings: unknown): TicketSettings {
  const parsed = TicketSettingsSchema.parse(settings);
  config.setJobSettings(TICKETS_JOB, parsed);
  return parsed;
}

/** `tickets config` flags as commander parses them (strings; lists for repeatable ones). */
export interface TicketsConfigFlags {
  reset?: boolean;
  form?: string;
  enableType?: string[];
  disableType?: string[];
  /** `Type=VALUE` pairs. */
  severity?: string[];
  priority?: string[];
  status?: string[];
  ticketType?: string[];
  defaultStatus?: string;
  defaultType?: string;
  create?: boolean;
  reopen?: boolean;
  reopenDays?: string;
  reopenStatus?: string;
  resolve?: boolean;
  resolveStatus?: string;
  clearAlert?: boolean;
  clearStatus?: string;
  maxTickets?: string;
  fullReadHours?: string;
  /** An e-mail or user uid, or "default" for the signed-in user. */
  requester?: string;
}

/** Whether `--requester` names a user (to look up in NinjaOne) rather than asking for the default. */
export function namesRequester(flags: TicketsConfigFlags): flags is TicketsConfigFlags & { requester: string } {
  return flags.requester !== undefined && flags.requester.trim().toLowerCase() !== "default";
}

/** A status as typed: digits are an id, anything else a status name. */
export function statusRefOf(text: string): StatusRef {
  const trimmed = text.trim();
  if (trimmed === "") throw new UsageError("a ticket status cannot be empty", { hint: "give a status name (NEW, OPEN, RESOLVED…) or id" });
  if (!/^[0-9]+$/.test(trimmed)) return trimmed;
  const id = Number(trimmed);
  // Caught here so a bad id is a usage error naming the value, not a settings-schema failure.
  if (id < 1 || !Number.isSafeInteger(id)) throw new UsageError(`a ticket status id must be a whole number from 1 up, not "${text}"`, { hint: "give a status name (NEW, OPEN, RESOLVED…) or id" });
  return id;
}

function wholeNumber(flag: string, text: string, min: number, max: number): number {
  const n = Number(text.trim());
  if (!/^[0-9]+$/.test(text.trim()) || n < min || n > max) throw new UsageError(`${flag} must be a whole number from ${min} to ${max}, not "${text}"`);
  return n;
}

function oneOf<T extends string>(flag: string, text: string, allowed: readonly T[]): T {
  const upper = text.trim().toUpperCase();
  const found = allowed.find((a) => a === upper);
  if (found === undefined) throw new UsageError(`${flag} must be one of ${allowed.join(", ")}, not "${text}"`);
  return found;
}

function pair(flag: string, text: string): [string, string] {
  const at = text.indexOf("=");
  const type = text.slice(0, at).trim();
  const value = text.slice(at + 1).trim();
  if (at < 1 || type === "" || value === "") throw new UsageError(`${flag} takes <alert type>=<value>, e.g. BackupFailed=MAJOR, not "${text}"`);
  return [type, value];
}

/** The alert types the flags turn on or configure (`--disable-type` may name one Acronis no longer lists). */
export function typesNamed(flags: TicketsConfigFlags): string[] {
  const fromPairs = [flags.severity, flags.priority, flags.status, flags.ticketType].flatMap((list) => (list ?? []).map((text) => text.slice(0, text.indexOf("=")).trim()));
  return [...new Set([...(flags.enableType ?? []).map((t) => t.trim()), ...fromPairs])].filter((t) => t !== "");
}

/**
 * Refuses an alert type Acronis does not list, with the nearest one it does. `known` is the
 * Alert Manager's own catalogue (`GET /types`), not a copy of the documented examples: the
 * catalogue grows with Acronis' features and CyberApp types.
 */
export function checkAlertTypes(named: readonly string[], known: readonly string[]): void {
  const byLower = new Map(known.map((k) => [k.toLowerCase(), k]));
  for (const type of named) {
    if (known.includes(type)) continue;
    const suggestion = byLower.get(type.toLowerCase()) ?? byLower.get(closest(type.toLowerCase(), [...byLower.keys()]) ?? "");
    throw new UsageError(`Acronis has no alert type "${type}"${suggestion === undefined ? "" : `: did you mean ${suggestion}?`}; nothing was saved`, {
      hint: `alert types Acronis lists: ${known.join(", ")}`,
    });
  }
}

/** Whether the flags change the form or a status: those are checked against NinjaOne before saving. */
export function touchesNinjaOne(flags: TicketsConfigFlags): boolean {
  return [flags.form, flags.defaultStatus, flags.reopenStatus, flags.resolveStatus, flags.clearStatus].some((f) => f !== undefined) || (flags.status?.length ?? 0) > 0;
}

/**
 * The settings with the flags applied; a flag with a bad value is a usage error naming it.
 * `requester` is the user `--requester` named, looked up in NinjaOne by the caller.
 */
export function applyConfigFlags(current: TicketSettings, flags: TicketsConfigFlags, requester?: TicketSettings["requester"]): TicketSettings {
  const next: TicketSettings = structuredClone(flags.reset === true ? TicketSettingsSchema.parse({}) : current);
  if (flags.form !== undefined) {
    if (flags.form.trim().toLowerCase() === "default") delete next.ticketFormId;
    else next.ticketFormId = wholeNumber("--form", flags.form, 1, 2 ** 31 - 1);
  }
  const rule = (type: string): AlertTypeRule => (next.alertTypes[type] ??= { enabled: true });
  for (const type of flags.enableType ?? []) rule(type.trim()).enabled = true;
  for (const type of flags.disableType ?? []) rule(type.trim()).enabled = false;
  for (const text of flags.severity ?? []) {
    const [type, value] = pair("--severity", text);
    rule(type).severity = oneOf("--severity", value, NINJA_TICKET_SEVERITIES);
  }
  for (const text of flags.priority ?? []) {
    const [type, value] = pair("--priority", text);
    rule(type).priority = oneOf("--priority", value, NINJA_TICKET_PRIORITIES);
  }
  for (const text of flags.status ?? []) {
    const [type, value] = pair("--status", text);
    rule(type).status = statusRefOf(value);
  }
  for (const text of flags.ticketType ?? []) {
    const [type, value] = pair("--ticket-type", text);
    rule(type).type = oneOf("--ticket-type", value, NINJA_TICKET_TYPES);
  }
  if (flags.defaultStatus !== undefined) next.defaults.status = statusRefOf(flags.defaultStatus);
  if (flags.defaultType !== undefined) next.defaults.type = oneOf("--default-type", flags.defaultType, NINJA_TICKET_TYPES);
  if (flags.create !== undefined) next.createTickets.enabled = flags.create;
  if (flags.reopen !== undefined) next.reopen.enabled = flags.reopen;
  if (flags.reopenDays !== undefined) next.reopen.windowDays = wholeNumber("--reopen-days", flags.reopenDays, 0, 365);
  if (flags.reopenStatus !== undefined) next.reopen.status = statusRefOf(flags.reopenStatus);
  if (flags.resolve !== undefined) next.resolveTicket.enabled = flags.resolve;
  if (flags.resolveStatus !== undefined) next.resolveTicket.status = statusRefOf(flags.resolveStatus);
  if (flags.clearAlert !== undefined) next.clearAlert.enabled = flags.clearAlert;
  if (flags.clearStatus !== undefined) next.clearAlert.status = statusRefOf(flags.clearStatus);
  if (flags.maxTickets !== undefined) next.maxTicketsPerRun = wholeNumber("--max-tickets", flags.maxTickets, 1, 10_000);
  if (flags.fullReadHours !== undefined) next.fullReadHours = wholeNumber("--full-read-hours", flags.fullReadHours, 0, 8760);
  if (flags.requester !== undefined && !namesRequester(flags)) delete next.requester;
  else if (namesRequester(flags)) {
    if (requester === undefined) throw new UsageError(`--requester "${flags.requester}" was not looked up in NinjaOne`);
    next.requester = requester;
  }
  return TicketSettingsSchema.parse(next);
}

/** The settings as lines a person reads (`tickets config show`). */
export function describeSettings(s: TicketSettings): string[] {
  const status = (ref: StatusRef) => String(ref);
  const onOff = (option: { enabled?: boolean | undefined }) => (option.enabled === undefined ? "off (Acronis' default; not chosen)" : isOn(option) ? "on" : "off");
  const lines = [
    `ticket form:        ${s.ticketFormId ?? "NinjaOne's default form"}`,
    `requester:          ${s.requester === undefined ? "the signed-in NinjaOne user (where it can be told)" : `${s.requester.email ?? ""} ${s.requester.email === undefined ? s.requester.uid : `(${s.requester.uid})`}`.trim()}`,
    `create tickets:     ${s.createTickets.enabled ? "on" : "off"} (new tickets: status ${status(s.defaults.status)}, type ${s.defaults.type}; at most ${s.maxTicketsPerRun} per run)`,
    `reopen:             ${onOff(s.reopen)} (within ${plural(s.reopen.windowDays, "day")} of resolution, as ${status(s.reopen.status)})`,
    `resolve ticket:     ${onOff(s.resolveTicket)} (when the alert clears, set ${status(s.resolveTicket.status)})`,
    `clear alert:        ${onOff(s.clearAlert)} (when the ticket reaches ${status(s.clearAlert.status)})`,
    `full alert read:    ${s.fullReadHours === 0 ? "never (only changes since the last run)" : `every ${s.fullReadHours} hour(s)`}`,
    "alert types:",
  ];
  for (const [type, rule] of Object.entries(s.alertTypes).sort(([a], [b]) => a.localeCompare(b))) {
    const parts = [rule.severity && `severity ${rule.severity}`, rule.priority && `priority ${rule.priority}`, rule.status !== undefined && `status ${status(rule.status)}`, rule.type && `type ${rule.type}`].filter(
      (p): p is string => typeof p === "string",
    );
    lines.push(`  ${rule.enabled ? "✓" : "✗"} ${type}${parts.length > 0 ? ` (${parts.join(", ")})` : ""}`);
  }
  return lines;
}
