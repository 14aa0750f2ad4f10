import { randomUUID } from "node:crypto";
import type { SandboxRequest } from "../contract.js";
import { emptyResponse, jsonResponse, mediaType, parseJsonBody } from "../http-util.js";
import { ALERT_CATEGORIES, ALERT_TYPE_BY_ID, ALERT_TYPES, SEVERITY_ORDER } from "./catalogue.js";
import { alertError } from "./error-bodies.js";
import { parseAlertFilter, parseAlertOrder } from "./alert-filter.js";
import type { Alert, Severity, Tenant } from "./model.js";
import { effectiveQuery, encodeCursor, takePage } from "./paging.js";
import { queryBool, queryLimit, queryList } from "./request-parsing.js";
import type { AcronisState, Route } from "./service-state.js";
import { msToNs, rfc3339Nanos } from "./time-format.js";
import { isUuid } from "../shared/uuid.js";
import { alertView } from "./views.js";

const DEFAULT_LIMIT = 100;

/** The alerts a filter can match, from the per-tenant index when the filter names tenants. */
function candidates(state: AcronisState, tenants: number[] | undefined): readonly Alert[] {
  if (tenants === undefined) return state.store.alerts;
  return [...new Set(tenants)].flatMap((t) => state.store.alertsByTenant.get(t) ?? []);
}

function nowNs(state: AcronisState): bigint {
  return msToNs(state.ctx.now());
}

/**
 * The alert with this id: exactly as the platform gave it, or whatever its case with
 * `anyCase` (the `alertIdsAnyCase` option; control routes, which stand for the console).
 */
export function alertWithId(state: AcronisState, id: string, anyCase = state.options.alertIdsAnyCase): Alert | undefined {
  const exact = state.store.alertById.get(id);
  if (exact !== undefined || !anyCase) return exact;
  const upper = id.toUpperCase();
  return state.store.alerts.find((a) => a.id.toUpperCase() === upper);
}

export function dismissAlert(state: AcronisState, alert: Alert): void {
  const ns = nowNs(state);
  alert.deletedNs = ns;
  alert.updatedNs = ns;
  state.store.touchAlerts(ns);
}

export interface RaiseRequest {
  id?: unknown;
  type?: unknown;
  category?: unknown;
  severity?: unknown;
  details?: unknown;
  tenantID?: unknown;
  _source?: unknown;
}

/**
 * Raises an alert; an id that already exists re-raises that alert (same id, newer
 * `updatedAt`, `deletedAt` cleared), as Acronis says a returning condition does.
 */
export function raiseAlert(state: AcronisState, body: RaiseRequest): { id: string } | { error: string } {
  const type = typeof body.type === "string" ? body.type : undefined;
  if (type === undefined || type === "") return { error: "type is required" };
  const known = ALERT_TYPE_BY_ID.get(type);
  const category = typeof body.category === "string" ? body.category : known?.category;
  const severity = typeof body.severity === "string" ? body.severity : known?.severity;
  if (category === undefined) return { error: "category is required for an alert type outside the catalogue" };
  if (severity === undefined || !SEVERITY_ORDER.includes(severity as Severity)) return { error: "severity must be ok, information, warning, error or critical" };
  const details = typeof body.details === "object" && body.details !== null ? (body.details as Record<string, unknown>) : {};
  let tenant: Tenant | undefined = state.store.liveTenant(state.client.tenantId);
  if (body.tenantID !== undefined) {
    const raw = String(body.tenantID);
    tenant = /^[0-9]+$/.test(raw) ? state.store.tenantByNumericId.get(Number(raw)) : isUuid(raw) ? state.store.liveTenant(raw) : undefined;
    if (tenant === undefined || tenant.deletedMs !== null) return { error: `unknown tenant ${raw}` };
  }
  const ns = nowNs(state);
  const id = typeof body.id === "string" ? body.id : undefined;
  if (id !== undefined && !isUuid(id)) return { error: "id must be a UUID" };
  const existing = id === undefined ? undefined : alertWithId(state, id);
  if (existing !== undefined) {
    existing.deletedNs = null;
    existing.updatedNs = ns;
    existing.details = { ...existing.details, ...details };
    existing.severity = severity as Severity;
    state.store.touchAlerts(ns);
    return { id: existing.id };
  }
  const alert: Alert = {
    id: id ?? randomUUID().toUpperCase(),
    type,
    category,
    severity: severity as Severity,
    details,
    tenantNumericId: (tenant as Tenant).numericId,
    source: typeof body._source === "string" ? body._source : "backup-manager",
    createdNs: ns,
    receivedNs: ns,
    updatedNs: ns,
    deletedNs: null,
  };
  state.store.addAlert(alert);
  return { id: alert.id };
}

function filterOptions(state: AcronisState) {
  return { idsAnyCase: state.options.alertIdsAnyCase, timeUnit: state.options.alertTimeUnit };
}

function listAlerts(state: AcronisState, req: SandboxRequest, route: string) {
  const eff = effectiveQuery(req.query);
  if (eff === undefined) return alertError(400, "invalid cursor", route);
  const { query, position } = eff;
  const limit = queryLimit(query, DEFAULT_LIMIT);
  if (limit === undefined) return alertError(400, "limit must be a positive integer", route);
  const filter = parseAlertFilter(query, filterOptions(state));
  if (!filter.ok) return alertError(400, filter.error, route);
  const order = parseAlertOrder(query.get("order"));
  if (typeof order === "string") return alertError(400, order, route);
  let list = candidates(state, filter.tenants);
  let keep = filter.keep;
  if (order !== undefined) {
    list = list.filter(filter.keep).sort(order);
    keep = () => true;
  }
  const page = takePage(list, position, limit, keep);
  const cursors = page.next === undefined ? {} : { after: encodeCursor(query, page.next) };
  return jsonResponse(200, { items: page.items.map((a) => alertView(state.store, a, state.options.alertTenantUuid)), paging: { cursors } }, { route });
}

function alertOrError(state: AcronisState, id: string | undefined, showDeleted: boolean, route: string): Alert | ReturnType<typeof alertError> {
  if (id === undefined || !isUuid(id)) return alertError(400, `invalid alert id ${id ?? ""}`, route);
  const alert = alertWithId(state, id);
  if (alert === undefined || (alert.deletedNs !== null && !showDeleted)) return alertError(404, `alert ${id} not found`, route);
  return alert;
}

export const ALERT_ROUTES: Route[] = [
  { method: "GET", template: "/api/alert_manager/v1/alerts", api: "alerts", run: (state, req, _p, route) => listAlerts(state, req, route) },
  {
    method: "DELETE",
    template: "/api/alert_manager/v1/alerts",
    api: "alerts",
    run: (state, req, _p, route) => {
      const filter = parseAlertFilter(req.query, filterOptions(state));
      if (!filter.ok) return alertError(400, filter.error, route);
      // With no filter at all this dismisses every alert in scope, as the reference warns.
      for (const a of candidates(state, filter.tenants)) if (a.deletedNs === null && filter.keep(a)) dismissAlert(state, a);
      return emptyResponse(204, { route });
    },
  },
  {
    method: "POST",
    template: "/api/alert_manager/v1/alerts",
    api: "alerts",
    run: (state, req, _p, route) => {
      if (mediaType(req) !== "application/json") return alertError(400, "Content-Type must be application/json", route);
      const parsed = parseJsonBody(req);
      if (!parsed.ok || typeof parsed.value !== "object" || parsed.value === null) return alertError(400, parsed.ok ? "body must be an object" : parsed.error, route);
      const result = raiseAlert(state, parsed.value as RaiseRequest);
      return "error" in result ? alertError(400, result.error, route) : jsonResponse(200, result, { route });
    },
  },
  {
    method: "GET",
    template: "/api/alert_manager/v1/alerts/{id}",
    api: "alerts",
    run: (state, req, params, route) => {
      const found = alertOrError(state, params["id"], queryBool(req.query, "show_deleted"), route);
      return "status" in found ? found : jsonResponse(200, alertView(state.store, found, state.options.alertTenantUuid), { route });
    },
  },
  {
    method: "DELETE",
    template: "/api/alert_manager/v1/alerts/{id}",
    api: "alerts",
    run: (state, _req, params, route) => {
      const found = alertOrError(state, params["id"], false, route);
      if ("status" in found) return found;
      dismissAlert(state, found);
      return emptyResponse(204, { route });
    },
  },
  {
    method: "GET",
    template: "/api/alert_manager/v1/types",
    api: "alerts",
    run: (_state, req, _p, route) => {
      const os = queryList(req.query, "os_type", true);
      if (os.length === 0) return alertError(400, "os_type is required", route);
      const categories = queryList(req.query, "category");
      const items = ALERT_TYPES.filter((t) => t.supportedOS.some((o) => os.includes(o)) && (categories.length === 0 || categories.includes(t.category))).map((t) => ({ ...t, enabled: true }));
      const order = req.query.get("order");
      if (order === "severity") items.sort((a, b) => SEVERITY_ORDER.indexOf(b.severity) - SEVERITY_ORDER.indexOf(a.severity));
      else if (order === "category") items.sort((a, b) => a.category.localeCompare(b.category));
      else items.sort((a, b) => a.id.localeCompare(b.id));
      return jsonResponse(200, { items }, { route });
    },
  },
  {
    method: "GET",
    template: "/api/alert_manager/v1/categories",
    api: "alerts",
    run: (_state, req, _p, route) => {
      const all = queryBool(req.query, "include_disabled");
      return jsonResponse(200, { items: ALERT_CATEGORIES.filter((c) => all || c.disabled !== true) }, { route });
    },
  },
  {
    method: "GET",
    template: "/api/alert_manager/v1/stats",
    api: "alerts",
    run: (state, _req, _p, route) => {
      const count = state.store.alerts.reduce((n, a) => (a.deletedNs === null ? n + 1 : n), 0);
      return jsonResponse(200, { count, modifiedAt: rfc3339Nanos(state.store.alertsModifiedNs) }, { route });
    },
  },
];
