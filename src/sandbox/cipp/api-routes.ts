import type { SandboxRequest, SandboxResponse } from "../contract.js";
import { jsonResponse } from "../http-util.js";
import { listGraphRequest, timedOut } from "./graph-request.js";
import { ALL_TENANTS_ROW, FAILED_TENANT_ROW, licenseRows, oneDriveRows, tenantRow, userRow } from "./list-views.js";
import type { CippTenant } from "./model.js";
import type { CippStore } from "./store.js";

type Handler = (store: CippStore, req: SandboxRequest, route: string) => SandboxResponse;

function isAllTenants(filter: string | null): boolean {
  return filter !== null && filter.toLowerCase() === "alltenants";
}

/**
 * The tenant a per-tenant list names. CIPP answers a Graph failure (unknown tenant included)
 * with 403 and a one-element array holding the normalised error text.
 */
function tenantOrFailure(store: CippStore, req: SandboxRequest, route: string): CippTenant | SandboxResponse {
  const filter = req.query.get("tenantFilter");
  const tenant = filter === null ? undefined : store.find(filter);
  if (tenant === undefined) return jsonResponse(403, [`Could not find tenant ${filter ?? "(no tenantFilter)"}. Check the tenantFilter or refresh the tenant list.`], { route });
  if (tenant.graphError !== null) return jsonResponse(403, [tenant.graphError], { route });
  return tenant;
}

const listTenants: Handler = (store, req, route) => {
  if (store.listTenantsFails) return jsonResponse(200, [FAILED_TENANT_ROW], { route });
  const q = req.query;
  const tenantListMode = q.get("Mode") === "TenantList";
  const filter = q.get("tenantFilter");
  let tenants: readonly CippTenant[] = store.tenants;
  if (filter !== null && filter !== "" && !isAllTenants(filter)) {
    const one = store.find(filter);
    tenants = one === undefined ? [] : [one];
  }
  const rows = tenants.map((t) => tenantRow(t, tenantListMode));
  if (q.get("AllTenantSelector") === "true") return jsonResponse(200, [ALL_TENANTS_ROW, ...rows], { route });
  // CIPP answers `@($Body)`, and `@($null)` is `[null]`: no tenants is never `[]` (CIPP-API Invoke-ListTenants.ps1).
  return jsonResponse(200, rows.length === 0 ? [null] : rows, { route });
};

const listDevices: Handler = (store, req, route) => {
  const tenant = tenantOrFailure(store, req, route);
  return "status" in tenant ? tenant : jsonResponse(200, tenant.devices, { route });
};

const listUsers: Handler = (store, req, route) => {
  if (isAllTenants(req.query.get("tenantFilter"))) {
    return jsonResponse(200, { Results: "AllTenants is no longer supported for ListUsers. Query one tenant at a time." }, { route });
  }
  const tenant = tenantOrFailure(store, req, route);
  if ("status" in tenant) return tenant;
  const userId = req.query.get("UserID");
  if (userId === null && tenant.users.length > store.paging.unpagedUserLimit) return timedOut(route);
  const users = userId === null ? tenant.users : tenant.users.filter((u) => u.id === userId || u.userPrincipalName.toLowerCase() === userId.toLowerCase());
  return jsonResponse(200, users.map((u) => userRow(tenant, u)), { route });
};

const LOADING = "Loading data for all tenants. Please check back in 1 minute";

const listLicenses: Handler = (store, req, route) => {
  if (isAllTenants(req.query.get("tenantFilter"))) {
    // The AllTenants report comes from a cache that is cold on the first call.
    if (!store.licenseCacheWarm) {
      store.licenseCacheWarm = true;
      return jsonResponse(200, [{ Tenant: LOADING, License: LOADING }], { route });
    }
    return jsonResponse(200, store.tenants.filter((t) => t.graphError === null).flatMap(licenseRows), { route });
  }
  const tenant = tenantOrFailure(store, req, route);
  return "status" in tenant ? tenant : jsonResponse(200, licenseRows(tenant), { route });
};

/** Azure Functions reads query names without regard to case; URLSearchParams does not. */
function param(req: SandboxRequest, name: string): string | null {
  for (const [key, value] of req.query) if (key.toLowerCase() === name.toLowerCase()) return value;
  return null;
}

/** OneDrive (or SharePoint) usage of one tenant; only the OneDrive view is simulated. */
const listSites: Handler = (store, req, route) => {
  const tenantFilter = param(req, "tenantFilter");
  const type = param(req, "Type");
  if (tenantFilter === null) return jsonResponse(400, "TenantFilter is required", { route });
  if (type === null) return jsonResponse(400, "Type is required", { route });
  const tenant = store.find(tenantFilter);
  if (tenant === undefined) return jsonResponse(403, [`Could not find tenant ${tenantFilter}.`], { route });
  if (tenant.graphError !== null) return jsonResponse(403, [tenant.graphError], { route });
  return jsonResponse(200, type === "OneDriveUsageAccount" ? oneDriveRows(tenant) : [], { route });
};

export const API_ROUTES: Record<string, Handler> = {
  "/api/ListTenants": listTenants,
  "/api/ListDevices": listDevices,
  "/api/ListUsers": listUsers,
  "/api/ListLicenses": listLicenses,
  "/api/ListSites": listSites,
  "/api/ListGraphRequest": (store, req) => listGraphRequest(store, req),
};
