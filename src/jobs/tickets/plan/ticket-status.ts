import { ConfigError } from "../../../errors.js";
import type { StatusRef } from "./ticket-settings.js";
import type { TicketStatusInfo, TicketView } from "./types.js";

const RESOLVED_NAMES = new Set(["RESOLVED", "CLOSED"]);

/**
 * Finds a configured status in the tenant's list: a number by id, a string by `name` (a number
 * written as a string by id too). Never by `displayName`, which is localized and renamable.
 */
export function resolveStatus(ref: StatusRef, statuses: readonly TicketStatusInfo[], setting: string): TicketStatusInfo {
  const text = String(ref).trim();
  const found = /^[0-9]+$/.test(text)
    ? statuses.find((s) => s.statusId === Number(text))
    : statuses.find((s) => s.name.toUpperCase() === text.toUpperCase());
  if (found === undefined) {
    const known = statuses.map((s) => `${s.name} (${s.statusId})`).join(", ");
    throw new ConfigError(`The ticket status "${text}" set for ${setting} does not exist in NinjaOne (known: ${known || "none"}).`, {
      hint: "Pick one of the listed statuses with `ninja-bridge tickets config`.",
    });
  }
  return found;
}

/** The system status a status belongs to: itself for system ones, its parent for custom ones. */
function systemStatus(statusId: number, statuses: readonly TicketStatusInfo[]): TicketStatusInfo | undefined {
  const own = statuses.find((s) => s.statusId === statusId);
  if (own === undefined) return undefined;
  return own.parentId === own.statusId ? own : (statuses.find((s) => s.statusId === own.parentId) ?? own);
}

/** Resolved or closed (or a custom status under either) counts as resolved; anything else is open. */
export function statusCategory(status: TicketView["status"], statuses: readonly TicketStatusInfo[]): "open" | "resolved" {
  const system =
    systemStatus(status.statusId, statuses) ?? (status.parentId === undefined ? undefined : systemStatus(status.parentId, statuses));
  return system !== undefined && RESOLVED_NAMES.has(system.name.toUpperCase()) ? "resolved" : "open";
}

/**
 * Whether a ticket has reached the chosen status: that status, a custom status under it, or
 * CLOSED when RESOLVED was chosen (closing comes after resolving, and a technician may skip it).
 */
export function hasReached(ticket: TicketView, chosen: TicketStatusInfo, statuses: readonly TicketStatusInfo[]): boolean {
  const id = ticket.status.statusId;
  if (id === chosen.statusId) return true;
  const parentId = ticket.status.parentId ?? statuses.find((s) => s.statusId === id)?.parentId;
  if (parentId === chosen.statusId) return true;
  const system = systemStatus(id, statuses);
  return chosen.name.toUpperCase() === "RESOLVED" && system?.name.toUpperCase() === "CLOSED";
}
