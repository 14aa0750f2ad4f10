import { escapeHtml } from "../../../html-escape.js";
import { markerTag } from "./alert-key.js";
import type { NinjaTicketPriority, NinjaTicketSeverity } from "./ticket-settings.js";
import type { AcronisSeverity, TicketAlert, TicketDescription } from "./types.js";

const SUBJECT_MAX = 200;

/** Acronis' five severities onto NinjaOne's scales, used where an alert type's rule sets none. */
export const SEVERITY_FROM_ALERT: Readonly<Record<AcronisSeverity, NinjaTicketSeverity>> = {
  critical: "CRITICAL",
  error: "MAJOR",
  warning: "MODERATE",
  information: "MINOR",
  ok: "NONE",
};

export const PRIORITY_FROM_ALERT: Readonly<Record<AcronisSeverity, NinjaTicketPriority>> = {
  critical: "HIGH",
  error: "HIGH",
  warning: "MEDIUM",
  information: "LOW",
  ok: "NONE",
};

/** "NoBackupForXDays" → "No backup for X days"; CTI-style ids and other shapes stay as they are. */
export function alertTypeLabel(type: string): string {
  if (!/^[A-Za-z]+$/.test(type)) return type;
  const words = type.replace(/([a-z])([A-Z])/g, "$1 $2").replace(/([A-Z])([A-Z][a-z])/g, "$1 $2").split(" ");
  return words.map((w, i) => (i === 0 || w.length === 1 ? w : w.toLowerCase())).join(" ");
}

/**
 * Subjects are plain text, one line, at most 200 characters (NinjaOne's limit). They end with
 * the key's marker: what a board search matches is undocumented, and a subject is the likeliest.
 */
export function ticketSubject(alert: TicketAlert, key: string): string {
  const where = alert.workload?.name?.trim() || alert.plan?.name?.trim();
  const marker = ` [${markerTag(key)}]`;
  const room = SUBJECT_MAX - marker.length;
  const text = `Acronis: ${alertTypeLabel(alert.type)}${where ? ` on ${where}` : ""}`.replace(/\s+/g, " ");
  return `${text.length <= room ? text : `${text.slice(0, room - 1)}…`}${marker}`;
}

interface Line {
  label: string;
  text: string;
  href?: string;
}

/** Only http(s) addresses become links; anything else is shown as text. */
function safeHref(url: string | undefined): string | undefined {
  return url !== undefined && /^https?:\/\/[^\s"'<>]+$/i.test(url) ? url : undefined;
}

function render(intro: string, lines: readonly Line[]): TicketDescription {
  const body = [intro, "", ...lines.map((l) => `${l.label}: ${l.text}`)].join("\n");
  const html = [
    `<p>${escapeHtml(intro)}</p>`,
    "<ul>",
    ...lines.map((l) => {
      const value = l.href === undefined ? escapeHtml(l.text) : `<a href="${escapeHtml(l.href)}">${escapeHtml(l.text)}</a>`;
      return `<li><strong>${escapeHtml(l.label)}:</strong> ${value}</li>`;
    }),
    "</ul>",
  ].join("");
  // Internal notes: alert details are for technicians, not for the customer's end users.
  return { public: false, body, htmlBody: html };
}

export interface DescriptionContext {
  key: string;
  tenantName?: string;
  consoleUrl?: string;
}

/** The ticket description: what, where, which plan, the alert's words, when, and where to look. */
export function ticketDescription(alert: TicketAlert, context: DescriptionContext): TicketDescription {
  const lines: Line[] = [{ label: "Alert", text: `${alertTypeLabel(alert.type)} (${alert.type}), severity ${alert.severity}` }];
  if (alert.category) lines.push({ label: "Category", text: alert.category });
  if (alert.workload?.name) lines.push({ label: "Workload", text: alert.workload.name });
  if (alert.plan?.name) lines.push({ label: "Plan", text: alert.plan.name });
  if (alert.message) lines.push({ label: "Message", text: alert.message });
  for (const [name, value] of Object.entries(alert.extra ?? {}).sort(([a], [b]) => a.localeCompare(b))) {
    lines.push({ label: name, text: String(value) });
  }
  lines.push({ label: "Raised", text: alert.createdAt });
  if (alert.updatedAt !== alert.createdAt) lines.push({ label: "Updated", text: alert.updatedAt });
  lines.push({ label: "Customer", text: `${context.tenantName ?? "Acronis tenant"} (tenant ${alert.tenantId})` });
  lines.push({ label: "Acronis alert id", text: alert.id });
  const href = safeHref(context.consoleUrl);
  if (href !== undefined) lines.push({ label: "Acronis console", text: href, href });
  lines.push({ label: "ninja-bridge alert key", text: context.key });
  return render("Acronis Cyber Protect Cloud raised an alert.", lines);
}

export function reopenComment(alert: TicketAlert, resolvedAt: string): TicketDescription {
  return render("Acronis raised this alert again; ninja-bridge reopened the ticket.", [
    { label: "Alert", text: `${alertTypeLabel(alert.type)} (${alert.type}), severity ${alert.severity}` },
    ...(alert.message ? [{ label: "Message", text: alert.message }] : []),
    { label: "Raised again", text: alert.updatedAt },
    { label: "Ticket resolved", text: resolvedAt },
    { label: "Acronis alert id", text: alert.id },
  ]);
}

export function resolveComment(alert: TicketAlert, clearedAt: string): TicketDescription {
  return render("The Acronis alert cleared; ninja-bridge resolved the ticket.", [
    { label: "Alert", text: `${alertTypeLabel(alert.type)} (${alert.type})` },
    { label: "Cleared", text: clearedAt },
    { label: "Acronis alert id", text: alert.id },
  ]);
}
