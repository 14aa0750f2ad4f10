import type { AcronisAlert } from "../../../clients/acronis/alerts.js";
import type { AcronisSeverity, TicketAlert } from "./index.js";

const SEVERITIES: readonly AcronisSeverity[] = ["ok", "information", "warning", "error", "critical"];

/** Details shown under their own labels (workload, plan, message), so not repeated as extras. */
const SHOWN = new Set(["planId", "planName", "resourceId", "resourceName", "errorMessage", "description", "title", "message"]);
const MAX_EXTRAS = 12;
const MAX_EXTRA_LENGTH = 300;

function text(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
}

/** A severity Acronis may add later is treated as a warning: shown, never dropped. */
function severityOf(raw: string): AcronisSeverity {
  const lower = raw.toLowerCase();
  return SEVERITIES.find((s) => s === lower) ?? "warning";
}

function extrasOf(details: Record<string, unknown>): Record<string, string | number | boolean> {
  const extra: Record<string, string | number | boolean> = {};
  for (const [name, value] of Object.entries(details)) {
    if (SHOWN.has(name) || Object.keys(extra).length >= MAX_EXTRAS) continue;
    if (typeof value === "number" || typeof value === "boolean") extra[name] = value;
    else if (typeof value === "string" && value.trim() !== "") extra[name] = value.length > MAX_EXTRA_LENGTH ? `${value.slice(0, MAX_EXTRA_LENGTH - 1)}…` : value;
  }
  return extra;
}

/** The alert view as the planner reads it; `tenantUuid` is the mapped tenant it was resolved to, if any. */
export function toTicketAlert(alert: AcronisAlert, tenantUuid: string | undefined): TicketAlert {
  const d = alert.details;
  const workload = { id: text(d.resourceId), name: text(d.resourceName) };
  const plan = { id: text(d.planId), name: text(d.planName) };
  const message = text(d.errorMessage) ?? text(d.description) ?? text(d.message) ?? text(d.title);
  const extra = extrasOf(d);
  const out: TicketAlert = {
    id: alert.id,
    type: alert.type,
    severity: severityOf(alert.severity),
    tenantId: alert.tenantId,
    createdAt: alert.createdAt,
    updatedAt: alert.updatedAt,
  };
  if (alert.category !== "") out.category = alert.category;
  if (tenantUuid !== undefined) out.tenantUuid = tenantUuid;
  if (workload.id !== undefined || workload.name !== undefined) out.workload = workload;
  if (plan.id !== undefined || plan.name !== undefined) out.plan = plan;
  if (message !== undefined) out.message = message;
  if (Object.keys(extra).length > 0) out.extra = extra;
  if (alert.deletedAt !== null) out.dismissedAt = alert.deletedAt;
  return out;
}
