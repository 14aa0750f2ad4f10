import { ask } from "../../io.js";
import type { NinjaTicketForm, NinjaTicketStatus } from "../../../clients/ninjaone/tickets.js";
import { usableForms } from "../../../jobs/tickets/plan/form-check.js";
import { isOn, NINJA_TICKET_PRIORITIES, NINJA_TICKET_SEVERITIES, NINJA_TICKET_TYPES, TicketSettingsSchema, type StatusRef, type TicketSettings } from "../../../jobs/tickets/plan/index.js";

/** Alert types offered besides those already configured: the ones MSPs ticket most (reference §4). */
const COMMON_TYPES = ["BackupFailed", "BackupDidNotStart", "NoBackupForXDays", "MalwareDetected", "MachineIsOffline", "StorageQuotaExceeded"];
const ALERT_DERIVED = "(from the alert)";

async function chooseStatus(message: string, current: StatusRef, statuses: readonly NinjaTicketStatus[]): Promise<StatusRef> {
  const choices = statuses.map((s) => ({ name: `${s.displayName} (${s.name}, ${s.statusId})`, value: s.parentId === s.statusId ? s.name : String(s.statusId) }));
  const chosen = await ask((p, output) => p.select({ message, choices, default: String(current) }, output));
  return /^[0-9]+$/.test(chosen) ? Number(chosen) : chosen;
}

async function chooseOptional<T extends string>(message: string, values: readonly T[], current: T | undefined): Promise<T | undefined> {
  const chosen = await ask((p, output) => p.select({ message, choices: [ALERT_DERIVED, ...values].map((v) => ({ name: v, value: v })), default: current ?? ALERT_DERIVED }, output));
  return chosen === ALERT_DERIVED ? undefined : (chosen as T);
}

/** Every setting of `tickets config`, asked on a terminal through io's door (Ctrl+C exits 130 with nothing saved); starts from `current`. */
export async function promptTicketSettings(current: TicketSettings, forms: readonly NinjaTicketForm[], statuses: readonly NinjaTicketStatus[]): Promise<TicketSettings> {
  const next: TicketSettings = structuredClone(current);
  const formChoices = [{ name: "NinjaOne's default form", value: 0 }, ...usableForms(forms).map((f) => ({ name: `${f.name} (${f.id})`, value: f.id }))];
  const form = await ask((p, output) => p.select({ message: "Ticket form (forms with required fields cannot be used)", choices: formChoices, default: current.ticketFormId ?? 0 }, output));
  if (form === 0) delete next.ticketFormId;
  else next.ticketFormId = form;

  const types = [...new Set([...Object.keys(current.alertTypes), ...COMMON_TYPES])].sort();
  const enabled = await ask((p, output) => p.checkbox({ message: "Acronis alert types that become tickets", choices: types.map((t) => ({ name: t, value: t, checked: current.alertTypes[t]?.enabled === true })) }, output));
  for (const type of types) {
    const rule = (next.alertTypes[type] ??= { enabled: false });
    rule.enabled = enabled.includes(type);
  }
  if (enabled.length > 0 && (await ask((p, output) => p.confirm({ message: "Set severity, priority, status or type per alert type?", default: false }, output)))) {
    for (const type of enabled) {
      const rule = next.alertTypes[type] ?? { enabled: true };
      const severity = await chooseOptional(`${type}: severity`, NINJA_TICKET_SEVERITIES, rule.severity);
      const priority = await chooseOptional(`${type}: priority`, NINJA_TICKET_PRIORITIES, rule.priority);
      const ticketType = await chooseOptional(`${type}: ticket type`, NINJA_TICKET_TYPES, rule.type);
      next.alertTypes[type] = {
        enabled: true,
        ...(severity === undefined ? {} : { severity }),
        ...(priority === undefined ? {} : { priority }),
        ...(ticketType === undefined ? {} : { type: ticketType }),
        ...(rule.status === undefined ? {} : { status: rule.status }),
      };
    }
  }
  next.defaults.status = await chooseStatus("Status of new tickets", current.defaults.status, statuses);
  next.createTickets.enabled = await ask((p, output) => p.confirm({ message: "Create tickets for new alerts?", default: current.createTickets.enabled }, output));
  next.reopen.enabled = await ask((p, output) => p.confirm({ message: "Reopen a resolved ticket when its alert returns soon after?", default: isOn(current.reopen) }, output));
  if (next.reopen.enabled) {
    const days = await ask((p, output) => p.input({ message: "Reopen window in days", default: String(current.reopen.windowDays), validate: (v) => (/^[0-9]+$/.test(v.trim()) && Number(v) <= 365 ? true : "a whole number of days, 0 to 365") }, output));
    next.reopen.windowDays = Number(days.trim());
    next.reopen.status = await chooseStatus("Status of a reopened ticket", current.reopen.status, statuses);
  }
  next.resolveTicket.enabled = await ask((p, output) => p.confirm({ message: "Resolve ticket: set a status when the alert clears?", default: isOn(current.resolveTicket) }, output));
  if (next.resolveTicket.enabled) next.resolveTicket.status = await chooseStatus("Status set when the alert clears", current.resolveTicket.status, statuses);
  next.clearAlert.enabled = await ask((p, output) => p.confirm({ message: "Clear alert: dismiss the Acronis alert when its ticket reaches a status?", default: isOn(current.clearAlert) }, output));
  if (next.clearAlert.enabled) next.clearAlert.status = await chooseStatus("Ticket status that dismisses the alert", current.clearAlert.status, statuses);
  const cap = await ask((p, output) => p.input({ message: "Most tickets raised per run", default: String(current.maxTicketsPerRun), validate: (v) => (/^[1-9][0-9]*$/.test(v.trim()) && Number(v) <= 10_000 ? true : "a whole number from 1 to 10000") }, output));
  next.maxTicketsPerRun = Number(cap.trim());
  return TicketSettingsSchema.parse(next);
}
