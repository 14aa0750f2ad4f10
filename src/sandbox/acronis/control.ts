import type { SandboxRequest, SandboxResponse } from "../contract.js";
import { emptyResponse, jsonResponse, matchPath, parseJsonBody } from "../http-util.js";
import { alertWithId, dismissAlert, raiseAlert, type RaiseRequest } from "./alert-routes.js";
import { ALERT_TIME_UNITS, type AcronisOptions, type AcronisState, type AlertTimeUnit } from "./service-state.js";
import { alertView, tenantView, userView } from "./views.js";
import { churnStatuses } from "./status-churn.js";
import { workloadControl } from "./workload-control.js";

function jsonObject(req: SandboxRequest): Record<string, unknown> | undefined {
  const parsed = parseJsonBody(req);
  return parsed.ok && typeof parsed.value === "object" && parsed.value !== null && !Array.isArray(parsed.value) ? (parsed.value as Record<string, unknown>) : undefined;
}

type BooleanOption = { [K in keyof AcronisOptions]: AcronisOptions[K] extends boolean ? K : never }[keyof AcronisOptions];
const OPTION_KEYS: readonly BooleanOption[] = ["workloadSerials", "alertTenantUuid", "offeringItemsEcho", "alertIdsAnyCase"];

function isTimeUnit(value: unknown): value is AlertTimeUnit {
  return typeof value === "string" && (ALERT_TIME_UNITS as readonly string[]).includes(value);
}

const badBody = () => jsonResponse(400, { error: "body must be a JSON object" });

/**
 * Loopback control routes under `/control/acronis`: read what the platform holds (including
 * activation e-mails it "sent"), activate a user as the user would, raise and clear alerts as
 * the platform itself would, rename, move or delete a workload, run backups on a seeded share
 * of workloads, and switch the options the reference leaves unverified.
 */
export function acronisControl(state: AcronisState, req: SandboxRequest): SandboxResponse | undefined {
  const { method, path } = req;
  const { store } = state;
  if (method === "GET" && path === "/tenants") {
    return jsonResponse(200, { items: store.tenants.map((t) => ({ ...tenantView(t), numeric_id: String(t.numericId) })) });
  }
  if (method === "GET" && path === "/users") {
    return jsonResponse(200, { items: store.users.map((u) => ({ ...userView(u), access_policies: u.policies })) });
  }
  if (method === "GET" && path === "/activation-emails") return jsonResponse(200, { items: store.activationEmails });
  const activate = method === "POST" ? matchPath("/users/{id}/activate", path) : undefined;
  if (activate !== undefined) {
    // The user followed the activation link and set a password: `activated` turns true, nothing else shows it.
    const user = store.userById.get((activate["id"] ?? "").toLowerCase());
    if (user === undefined) return jsonResponse(404, { error: `no user ${activate["id"] ?? ""}` });
    if (!user.activated) {
      user.activated = true;
      user.version += 1;
      user.updatedMs = state.ctx.now();
    }
    return jsonResponse(200, userView(user));
  }
  if (method === "GET" && path === "/alerts") {
    const dismissed = req.query.get("dismissed");
    const items = store.alerts.filter((a) => dismissed === null || (a.deletedNs !== null) === (dismissed === "true"));
    return jsonResponse(200, { items: items.map((a) => alertView(store, a, true)) });
  }
  if (method === "POST" && path === "/alerts") {
    const body = jsonObject(req);
    if (body === undefined) return badBody();
    const result = raiseAlert(state, body as RaiseRequest);
    return "error" in result ? jsonResponse(400, result) : jsonResponse(200, result);
  }
  const clear = method === "POST" ? matchPath("/alerts/{id}/clear", path) : undefined;
  if (clear !== undefined) {
    // Control stands for the platform's own console: it finds an alert whatever the id's case.
    const alert = alertWithId(state, clear["id"] ?? "", true);
    if (alert === undefined) return jsonResponse(404, { error: `no alert ${clear["id"] ?? ""}` });
    if (alert.deletedNs === null) dismissAlert(state, alert);
    return emptyResponse(204);
  }
  if (method === "POST" && path === "/statuses/churn") return churnStatuses(state, req);
  const workload = workloadControl(state, req);
  if (workload !== undefined) return workload;
  const workloadStatus = method === "PUT" ? matchPath("/workloads/{id}/status", path) : undefined;
  if (workloadStatus !== undefined) {
    const workload = store.workloadById.get(workloadStatus["id"] ?? "");
    if (workload === undefined) return jsonResponse(404, { error: `no workload ${workloadStatus["id"] ?? ""}` });
    const status = jsonObject(req)?.["status"];
    if (typeof status !== "string" || status.trim() === "") return jsonResponse(400, { error: 'body must be {"status": "<aggregate status, e.g. error>"}' });
    workload.status = status;
    return jsonResponse(200, { id: workload.id, status: workload.status });
  }
  if (path === "/options" && method === "GET") return jsonResponse(200, state.options);
  if (path === "/options" && method === "PUT") {
    const body = jsonObject(req);
    if (body === undefined) return badBody();
    for (const key of OPTION_KEYS) {
      if (body[key] !== undefined && typeof body[key] !== "boolean") return jsonResponse(400, { error: `${key} must be a boolean` });
    }
    const unit = body["alertTimeUnit"];
    if (unit !== undefined && !isTimeUnit(unit)) return jsonResponse(400, { error: `alertTimeUnit must be one of ${ALERT_TIME_UNITS.join(", ")}` });
    for (const key of OPTION_KEYS) if (typeof body[key] === "boolean") state.options[key] = body[key];
    if (unit !== undefined) state.options.alertTimeUnit = unit;
    return jsonResponse(200, state.options);
  }
  return undefined;
}
