import { createHash } from "node:crypto";
import type { NinjaTicketStatus } from "../../../clients/ninjaone/tickets.js";
import type { UserAction } from "../../../state/index.js";
import type { InstanceKey } from "./access-file.js";
import { describeAction, type RefusedAction } from "./plan-access.js";

/** Every request ticket carries this tag, and its own marker tag beside it. */
export const REQUEST_TAG = "ninja-bridge-users-request";
const MARKER_PREFIX = "nb-users:";

export function requestMarker(instance: InstanceKey, actions: readonly UserAction[], at: Date): string {
  const digest = createHash("sha256").update(JSON.stringify({ instance, actions, at: at.toISOString() })).digest("hex");
  return `${MARKER_PREFIX}${digest.slice(0, 16)}`;
}

/** NinjaOne caps a ticket subject at 200 characters (spec, create_1). */
export function requestSubject(actions: readonly UserAction[], marker: string): string {
  const n = actions.length;
  return `Approve NinjaOne access change: ${n} ${n === 1 ? "change" : "changes"} [${marker}]`.slice(0, 200);
}

/** The ticket's description: the diff a person approves, one change a line, and how to approve it. */
export function requestBody(actions: readonly UserAction[], refused: readonly RefusedAction[], approvalStatus: string, ticketHint: string): string {
  const lines = [
    "ninja-bridge asks to change who holds which NinjaOne role:",
    "",
    ...actions.map((a) => `${a.kind === "add-member" || a.kind === "create-end-user" ? "+" : "-"} ${describeAction(a)}`),
  ];
  if (refused.length > 0) lines.push("", "Not part of this request (refused by ninja-bridge's safety rules):", ...refused.map((r) => `  ${describeAction(r.action)}: ${r.reason}`));
  lines.push("", `To approve, set this ticket's status to ${approvalStatus}; closing it otherwise rejects the request.`, `Once approved: ${ticketHint}`);
  return lines.join("\n");
}

export type RequestVerdict = { verdict: "approved" | "rejected" | "pending"; status: string };

/**
 * Where a request ticket stands. Approved: its status is the approval status (by id or by
 * name, never by the localized display name). Rejected: deleted, or under a RESOLVED or CLOSED
 * system status without being approved. NinjaOne has no "approved" or "rejected" status (the
 * spec lists none); Saviynt's NinjaOne integration guide (forums.saviynt.com, "NinjaOne
 * Integration Guide", as issue 19 quotes it) polls a ticket's status (Open, Pending, Closed)
 * until someone works it, and takes Closed as worked, not as granted. Anything else is still waiting.
 */
export function judgeRequest(ticket: { statusId: number; deleted: boolean }, statuses: readonly NinjaTicketStatus[], approvalStatus: string): RequestVerdict {
  const status = statuses.find((s) => s.statusId === ticket.statusId);
  const name = status?.name ?? String(ticket.statusId);
  const wanted = approvalStatus.trim().toLowerCase();
  if (String(ticket.statusId) === wanted || name.toLowerCase() === wanted) return { verdict: "approved", status: name };
  if (ticket.deleted) return { verdict: "rejected", status: `${name} (deleted)` };
  const parent = statuses.find((s) => s.statusId === (status?.parentId ?? ticket.statusId));
  if (parent !== undefined && (parent.name === "RESOLVED" || parent.name === "CLOSED")) return { verdict: "rejected", status: name };
  return { verdict: "pending", status: name };
}

/** The approval status as configured, checked against the tenant's statuses; undefined when it names none. */
export function findApprovalStatus(statuses: readonly NinjaTicketStatus[], approvalStatus: string): NinjaTicketStatus | undefined {
  const wanted = approvalStatus.trim().toLowerCase();
  return statuses.find((s) => String(s.statusId) === wanted || s.name.toLowerCase() === wanted);
}

/**
 * Waits between polls of a request ticket: 2 s doubling to a minute, never shorter than one
 * request slot of the NinjaOne rate limit (requests per second).
 */
export function pollDelayMs(attempt: number, rateLimit: number): number {
  const backoff = Math.min(60_000, 2_000 * 2 ** Math.max(0, attempt));
  return Math.max(backoff, Math.ceil(1000 / rateLimit));
}

/** The comment `users apply --ticket` leaves on the ticket: what landed, what failed, what was refused. */
export function resultComment(applied: readonly UserAction[], failed: readonly { action: UserAction; error: string }[], refused: readonly RefusedAction[]): string {
  const lines = [failed.length === 0 ? `ninja-bridge applied this request: ${applied.length} of ${applied.length + failed.length} changes.` : `ninja-bridge applied ${applied.length} of ${applied.length + failed.length} changes; ${failed.length} failed and are retried by the next \`users apply --ticket\`.`];
  if (applied.length > 0) lines.push("", "Applied:", ...applied.map((a) => `  ${describeAction(a)}`));
  if (failed.length > 0) lines.push("", "Failed:", ...failed.map((f) => `  ${describeAction(f.action)}: ${f.error}`));
  if (refused.length > 0) lines.push("", "Refused:", ...refused.map((r) => `  ${describeAction(r.action)}: ${r.reason}`));
  return lines.join("\n");
}
