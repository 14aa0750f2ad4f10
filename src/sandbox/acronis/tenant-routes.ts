import { randomUUID } from "node:crypto";
import { emptyResponse, jsonResponse } from "../http-util.js";
import { OFFERING_ITEMS } from "./catalogue.js";
import { accountError, failAccount, PlatformCode } from "./error-bodies.js";
import type { OfferingItem, Tenant, TenantKind } from "./model.js";
import { effectiveQuery, encodeCursor, takePage } from "./paging.js";
import { accountJsonObject, queryBool, queryLimit, queryList } from "./request-parsing.js";
import { trialEndMs } from "./seed-builder.js";
import type { AcronisState, Route } from "./service-state.js";
import { isUuid } from "../shared/uuid.js";
import { pricingView, tenantView } from "./views.js";

const KINDS: ReadonlySet<string> = new Set(["partner", "folder", "customer", "unit"]);

/** Which kinds may sit directly under which (a unit never directly under a partner). */
const ALLOWED_PARENTS: Record<TenantKind, ReadonlySet<TenantKind>> = {
  partner: new Set(["partner"]),
  folder: new Set(["partner", "folder"]),
  customer: new Set(["partner", "folder"]),
  unit: new Set(["customer", "unit"]),
};

function tenantOr404(state: AcronisState, id: string | undefined, route: string, allowDeleted = false): Tenant {
  if (id === undefined || !isUuid(id)) failAccount(400, 400, `invalid tenant id: ${id ?? ""}`, route);
  const tenant = state.store.liveTenant(id, allowDeleted);
  if (tenant === undefined) failAccount(404, PlatformCode.tenantNotFound, "Tenant not found", route);
  return tenant;
}

/** Trial customers turn production by themselves once their trial month is over. */
function settlePricing(tenant: Tenant, nowMs: number): void {
  if (tenant.pricingMode === "trial" && nowMs >= tenant.productionStartMs) {
    tenant.pricingMode = "production";
    tenant.pricingVersion = tenant.productionStartMs * 1000;
  }
}

function render(state: AcronisState, tenant: Tenant): Record<string, unknown> {
  settlePricing(tenant, state.ctx.now());
  return tenantView(tenant);
}

function subtreeByLevel(state: AcronisState, root: Tenant): Tenant[] {
  const out: Tenant[] = [root];
  for (let i = 0; i < out.length; i++) out.push(...(state.store.childrenOf.get((out[i] as Tenant).id) ?? []));
  return out;
}

function checkInternalTag(value: unknown, route: string): string | null {
  if (value === null) return null;
  if (typeof value !== "string" || value.length > 256) failAccount(400, 400, "internal_tag must be a string of at most 256 characters", route);
  return value;
}

function checkVersion(tenant: Tenant, version: unknown, route: string): void {
  if (typeof version !== "number" || !Number.isInteger(version)) failAccount(400, 400, "version is required and must be an integer", route);
  if (version !== tenant.version) {
    failAccount(409, PlatformCode.versionMismatch, `Version mismatch: the tenant is at version ${tenant.version}`, route);
  }
}

function listTenants(state: AcronisState, req: { query: URLSearchParams }, route: string) {
  const eff = effectiveQuery(req.query);
  if (eff === undefined) return accountError(400, 400, "invalid cursor", route);
  const { query, position } = eff;
  const limit = queryLimit(query, 5000);
  if (limit === undefined) return accountError(400, 400, "limit must be a positive integer", route);
  const selectors = ["uuids", "parent_id", "subtree_root_id"].filter((k) => query.has(k));
  if (selectors.length !== 1) return accountError(400, 400, "exactly one of uuids, parent_id, subtree_root_id is required", route);
  const allowDeleted = queryBool(query, "allow_deleted");
  let candidates: Tenant[];
  if (query.has("uuids")) {
    const ids = queryList(query, "uuids", true);
    if (ids.length > 100) return accountError(400, 400, "uuids accepts at most 100 ids", route);
    if (!ids.every(isUuid)) return accountError(400, 400, "uuids must be UUIDs", route);
    candidates = ids.map((id) => state.store.tenantById.get(id.toLowerCase())).filter((t): t is Tenant => t !== undefined);
  } else if (query.has("parent_id")) {
    candidates = state.store.childrenOf.get(tenantOr404(state, query.get("parent_id") ?? undefined, route).id) ?? [];
  } else {
    candidates = subtreeByLevel(state, tenantOr404(state, query.get("subtree_root_id") ?? undefined, route));
  }
  const sinceRaw = query.get("updated_since");
  const since = sinceRaw === null ? undefined : Date.parse(sinceRaw);
  if (since !== undefined && Number.isNaN(since)) return accountError(400, 400, "updated_since must be an RFC3339 time", route);
  const page = takePage(candidates, position, limit, (t) => (allowDeleted || t.deletedMs === null) && (since === undefined || t.updatedMs >= since));
  const cursors = page.next === undefined ? {} : { after: encodeCursor(query, page.next) };
  return jsonResponse(200, { items: page.items.map((t) => render(state, t)), paging: { cursors } }, { route });
}

function createTenant(state: AcronisState, body: Record<string, unknown>, route: string) {
  const { name, kind, parent_id: parentId } = body;
  if (typeof name !== "string" || name.trim() === "") return accountError(400, 400, "name is required", route);
  if (typeof kind !== "string" || !KINDS.has(kind)) return accountError(400, 400, "kind is required: partner, folder, customer or unit", route);
  if (typeof parentId !== "string") return accountError(400, 400, "parent_id is required", route);
  const parent = tenantOr404(state, parentId, route);
  if (!ALLOWED_PARENTS[kind as TenantKind].has(parent.kind)) {
    return accountError(400, 400, `a ${kind} tenant cannot be created under a ${parent.kind} tenant`, route);
  }
  if (kind !== "unit" && state.store.tenantNamed(name) !== undefined) {
    return accountError(409, PlatformCode.tenantNameConflict, `Tenant with name "${name}" already exists`, route);
  }
  const now = state.ctx.now();
  const tenant: Tenant = {
    id: randomUUID(),
    numericId: state.store.allocateNumericId(),
    version: 1,
    name,
    kind: kind as TenantKind,
    parentId: parent.id,
    enabled: true,
    customerId: typeof body["customer_id"] === "string" ? body["customer_id"] : null,
    internalTag: body["internal_tag"] === undefined ? null : checkInternalTag(body["internal_tag"], route),
    language: typeof body["language"] === "string" ? body["language"] : "en",
    ancestralAccess: body["ancestral_access"] !== false,
    contact: typeof body["contact"] === "object" && body["contact"] !== null ? (body["contact"] as Record<string, unknown>) : {},
    mfaEnabled: false,
    pricingMode: "trial",
    productionStartMs: trialEndMs(now),
    pricingVersion: now * 1000,
    offeringItems: [],
    createdMs: now,
    updatedMs: now,
    deletedMs: null,
  };
  state.store.addTenant(tenant);
  return jsonResponse(201, render(state, tenant), { route });
}

function updateTenant(state: AcronisState, tenant: Tenant, body: Record<string, unknown>, route: string) {
  checkVersion(tenant, body["version"], route);
  const name = body["name"];
  if (name !== undefined) {
    if (typeof name !== "string" || name.trim() === "") return accountError(400, 400, "name must be a non-empty string", route);
    const holder = state.store.tenantNamed(name);
    if (holder !== undefined && holder !== tenant.id) {
      return accountError(409, PlatformCode.tenantNameConflict, `Tenant with name "${name}" already exists`, route);
    }
  }
  const kind = body["kind"];
  if (kind !== undefined && kind !== tenant.kind) {
    const swap = (kind === "folder" && tenant.kind === "partner") || (kind === "partner" && tenant.kind === "folder");
    if (!swap) return accountError(400, 400, "kind can only change between partner and folder", route);
  }
  if (body["enabled"] !== undefined && typeof body["enabled"] !== "boolean") return accountError(400, 400, "enabled must be a boolean", route);
  if (body["internal_tag"] !== undefined) tenant.internalTag = checkInternalTag(body["internal_tag"], route);
  if (typeof name === "string" && name !== tenant.name) state.store.renameTenant(tenant, name);
  if (typeof kind === "string") tenant.kind = kind as TenantKind;
  if (typeof body["enabled"] === "boolean") tenant.enabled = body["enabled"];
  if (typeof body["language"] === "string") tenant.language = body["language"];
  if (typeof body["customer_id"] === "string") tenant.customerId = body["customer_id"];
  if (typeof body["ancestral_access"] === "boolean") tenant.ancestralAccess = body["ancestral_access"];
  if (typeof body["contact"] === "object" && body["contact"] !== null) tenant.contact = body["contact"] as Record<string, unknown>;
  tenant.version += 1;
  tenant.updatedMs = state.ctx.now();
  return jsonResponse(200, render(state, tenant), { route });
}

function deleteTenant(state: AcronisState, tenant: Tenant, versionRaw: string | null, route: string) {
  if (versionRaw === null || !/^[0-9]+$/.test(versionRaw)) return accountError(400, 400, "version is required", route);
  checkVersion(tenant, Number(versionRaw), route);
  if (tenant.enabled) {
    return accountError(400, PlatformCode.deleteEnabledTenant, "It is prohibited to delete a non-disabled tenant", route);
  }
  const now = state.ctx.now();
  for (const t of subtreeByLevel(state, tenant)) {
    if (t.deletedMs !== null) continue;
    t.deletedMs = now;
    t.updatedMs = now;
    t.version += 1;
    state.store.releaseTenantName(t);
  }
  return emptyResponse(204, { route });
}

function updatePricing(state: AcronisState, tenant: Tenant, body: Record<string, unknown>, route: string) {
  settlePricing(tenant, state.ctx.now());
  const mode = body["mode"];
  if (mode !== "trial" && mode !== "production") return accountError(400, 400, "mode must be trial or production", route);
  if (body["version"] !== undefined && body["version"] !== tenant.pricingVersion) {
    return accountError(409, PlatformCode.versionMismatch, "Version mismatch: re-read the pricing", route);
  }
  if (mode === "trial" && tenant.pricingMode === "production") {
    return accountError(400, 400, "A tenant in production mode cannot be switched back to trial", route);
  }
  if (mode === "production" && tenant.pricingMode === "trial") {
    const now = state.ctx.now();
    tenant.pricingMode = "production";
    tenant.productionStartMs = now;
    tenant.pricingVersion = Math.max(tenant.pricingVersion + 1, now * 1000);
    tenant.version += 1;
    tenant.updatedMs = now;
  }
  return jsonResponse(200, pricingView(tenant), { route });
}

function mfaView(state: AcronisState, tenant: Tenant) {
  const users = state.store.users.filter((u) => u.tenantId === tenant.id);
  return {
    mfa_status: tenant.mfaEnabled ? "enabled" : "disabled",
    users_with_totp_enabled_count: users.filter((u) => u.mfaStatus === "enabled").length,
    users_count: users.length,
    update_allowed: tenant.kind === "partner" || tenant.kind === "customer",
  };
}

function updateMfa(state: AcronisState, tenant: Tenant, body: Record<string, unknown>, route: string) {
  if (typeof body["enabled"] !== "boolean") return accountError(400, 400, "enabled must be a boolean", route);
  if (tenant.kind === "folder" || tenant.kind === "unit") {
    return accountError(400, 400, `Two-factor authentication cannot be set on a ${tenant.kind} tenant`, route);
  }
  if (tenant.mfaEnabled !== body["enabled"]) {
    tenant.mfaEnabled = body["enabled"];
    tenant.version += 1;
    tenant.updatedMs = state.ctx.now();
    for (const u of state.store.users) {
      if (u.tenantId === tenant.id) u.mfaStatus = tenant.mfaEnabled ? "setup_required" : "disabled";
    }
  }
  return jsonResponse(200, mfaView(state, tenant), { route });
}

function editionMatches(item: OfferingItem, edition: string): boolean {
  return edition === "*" || item.edition === edition;
}

/** What a tenant can pass on to its children: its own items that are switched on. */
function offeredToChildren(tenant: Tenant): OfferingItem[] {
  return tenant.offeringItems.filter((i) => i.status === 1);
}

function setOfferingItems(state: AcronisState, tenant: Tenant, body: Record<string, unknown>, route: string) {
  if (tenant.kind === "unit") return accountError(400, 400, "offering items cannot be set on a personal tenant", route);
  const items = body["offering_items"];
  if (!Array.isArray(items)) return accountError(400, 400, "offering_items must be an array", route);
  const parent = tenant.parentId === null ? undefined : state.store.tenantById.get(tenant.parentId);
  const allowed = parent === undefined ? OFFERING_ITEMS : offeredToChildren(parent);
  const next = new Map(tenant.offeringItems.map((i) => [i.name, i]));
  for (const raw of items as unknown[]) {
    const wanted = raw as Partial<OfferingItem> | null;
    const known = allowed.find((i) => i.name === wanted?.name);
    if (wanted === null || known === undefined) return accountError(400, 400, `offering item ${String(wanted?.name)} is not offered by the parent tenant`, route);
    if (wanted.status !== 0 && wanted.status !== 1) return accountError(400, 400, `offering item ${known.name}: status must be 0 or 1`, route);
    next.set(known.name, { ...known, status: wanted.status, quota: wanted.quota ?? known.quota });
  }
  const storage = [...next.values()].filter((i) => i.type === "infra" && i.status === 1);
  if (storage.length > 1) return accountError(400, 400, "only one storage offering item can be enabled per customer", route);
  tenant.offeringItems = [...next.values()];
  return state.options.offeringItemsEcho ? jsonResponse(200, { items: tenant.offeringItems }, { route }) : emptyResponse(200, { route });
}

function offeringItemsOf(tenant: Tenant, query: URLSearchParams) {
  const edition = query.get("edition") ?? "standard";
  const status = query.get("status");
  const type = query.get("type");
  const usage = query.get("usage_names")?.split(",");
  return tenant.offeringItems.filter(
    (i) =>
      editionMatches(i, edition) &&
      (status === null || String(i.status) === status) &&
      (type === null || i.type === type) &&
      (usage === undefined || usage.includes(i.usage_name)),
  );
}

function searchWords(values: unknown[]): string[] {
  return values.filter((v): v is string => typeof v === "string").flatMap((v) => v.toLowerCase().split(/[\s@.,_-]+/)).filter((w) => w !== "");
}

function search(state: AcronisState, query: URLSearchParams, route: string) {
  const root = tenantOr404(state, query.get("tenant") ?? undefined, route);
  const text = (query.get("text") ?? "").trim().toLowerCase();
  if (text.length < 3) return accountError(400, 400, "text must be at least 3 characters", route);
  const limit = queryLimit(query, 10, 300);
  if (limit === undefined) return accountError(400, 400, "limit must be between 1 and 300", route);
  const terms = text.split(/\s+/);
  const matches = (words: string[]) => terms.every((term) => words.some((w) => w.startsWith(term)));
  const pathOf = (t: Tenant): string[] => {
    const names: string[] = [];
    for (let p: Tenant | undefined = t; p !== undefined; p = p.parentId === null ? undefined : state.store.tenantById.get(p.parentId)) names.unshift(p.name);
    return names;
  };
  const items: Record<string, unknown>[] = [];
  const inScope: Tenant[] = [];
  const stack = [root];
  while (stack.length > 0) {
    const t = stack.pop() as Tenant;
    if (t.deletedMs !== null) continue;
    inScope.push(t);
    // Self-service sub-trees are hidden from their parents, search included.
    if (t.ancestralAccess) stack.push(...(state.store.childrenOf.get(t.id) ?? []));
  }
  const scopeIds = new Set(inScope.map((t) => t.id));
  for (const t of inScope) {
    if (t.kind === "unit" || !matches(searchWords([t.name, t.customerId, t.contact["firstname"], t.contact["lastname"], t.contact["email"]]))) continue;
    items.push({ obj_type: "tenant", id: t.id, name: t.name, kind: t.kind, parent_id: t.parentId, first_name: t.contact["firstname"] ?? "", last_name: t.contact["lastname"] ?? "", path: pathOf(t) });
  }
  for (const u of state.store.users) {
    if (!scopeIds.has(u.tenantId) || !matches(searchWords([u.login, u.contact["firstname"], u.contact["lastname"], u.contact["email"]]))) continue;
    const tenant = state.store.tenantById.get(u.tenantId) as Tenant;
    items.push({ obj_type: "user", id: u.id, login: u.login, parent_id: u.tenantId, first_name: u.contact["firstname"] ?? "", last_name: u.contact["lastname"] ?? "", path: pathOf(tenant) });
  }
  return jsonResponse(200, { items: items.slice(0, limit) }, { route });
}

export const TENANT_ROUTES: Route[] = [
  {
    method: "GET",
    template: "/api/2/clients/{client_id}",
    api: "account",
    run: (state, _req, params, route) => {
      if (params["client_id"] !== state.client.id) return accountError(404, 404, "Client not found", route);
      return jsonResponse(200, { tenant_id: state.client.tenantId, type: "api_client", data: { client_name: state.client.name }, created_by: null, last_access_at: new Date(state.ctx.now()).toISOString() }, { route });
    },
  },
  { method: "GET", template: "/api/2/tenants", api: "account", run: (state, req, _p, route) => listTenants(state, req, route) },
  { method: "POST", template: "/api/2/tenants", api: "account", run: (state, req, _p, route) => createTenant(state, accountJsonObject(req, route), route) },
  {
    method: "GET",
    template: "/api/2/tenants/{id}",
    api: "account",
    run: (state, req, params, route) => jsonResponse(200, render(state, tenantOr404(state, params["id"], route, queryBool(req.query, "allow_deleted"))), { route }),
  },
  {
    method: "PUT",
    template: "/api/2/tenants/{id}",
    api: "account",
    run: (state, req, params, route) => {
      const tenant = tenantOr404(state, params["id"], route);
      return updateTenant(state, tenant, accountJsonObject(req, route), route);
    },
  },
  {
    method: "DELETE",
    template: "/api/2/tenants/{id}",
    api: "account",
    run: (state, req, params, route) => deleteTenant(state, tenantOr404(state, params["id"], route), req.query.get("version"), route),
  },
  {
    method: "GET",
    template: "/api/2/tenants/{id}/children",
    api: "account",
    run: (state, req, params, route) => {
      const tenant = tenantOr404(state, params["id"], route);
      const eff = effectiveQuery(req.query);
      if (eff === undefined) return accountError(400, 400, "invalid cursor", route);
      const limit = queryLimit(eff.query, 5000);
      if (limit === undefined) return accountError(400, 400, "limit must be a positive integer", route);
      const allowDeleted = queryBool(eff.query, "allow_deleted");
      const page = takePage(state.store.childrenOf.get(tenant.id) ?? [], eff.position, limit, (t) => allowDeleted || t.deletedMs === null);
      const items = queryBool(eff.query, "include_details") ? page.items.map((t) => render(state, t)) : page.items.map((t) => t.id);
      const cursors = page.next === undefined ? {} : { after: encodeCursor(eff.query, page.next) };
      return jsonResponse(200, { items, paging: { cursors } }, { route });
    },
  },
  {
    method: "GET",
    template: "/api/2/tenants/{id}/pricing",
    api: "account",
    run: (state, _req, params, route) => {
      const tenant = tenantOr404(state, params["id"], route);
      settlePricing(tenant, state.ctx.now());
      return jsonResponse(200, pricingView(tenant), { route });
    },
  },
  {
    method: "PUT",
    template: "/api/2/tenants/{id}/pricing",
    api: "account",
    run: (state, req, params, route) => updatePricing(state, tenantOr404(state, params["id"], route), accountJsonObject(req, route), route),
  },
  {
    method: "GET",
    template: "/api/2/tenants/{id}/mfa/status",
    api: "account",
    run: (state, _req, params, route) => jsonResponse(200, mfaView(state, tenantOr404(state, params["id"], route)), { route }),
  },
  {
    method: "PUT",
    template: "/api/2/tenants/{id}/mfa/status",
    api: "account",
    run: (state, req, params, route) => updateMfa(state, tenantOr404(state, params["id"], route), accountJsonObject(req, route), route),
  },
  {
    method: "GET",
    template: "/api/2/tenants/{id}/offering_items/available_for_child",
    api: "account",
    run: (state, req, params, route) => {
      const tenant = tenantOr404(state, params["id"], route);
      const kind = req.query.get("kind");
      if (kind === null || !KINDS.has(kind)) return accountError(400, 400, "kind is required", route);
      if (tenant.kind !== "partner" && tenant.kind !== "folder") return accountError(400, 400, "only a partner or folder offers items to children", route);
      const edition = req.query.get("edition") ?? "standard";
      const items = offeredToChildren(tenant).filter((i) => editionMatches(i, edition));
      return jsonResponse(200, { items }, { route });
    },
  },
  {
    method: "GET",
    template: "/api/2/tenants/{id}/offering_items",
    api: "account",
    run: (state, req, params, route) => jsonResponse(200, { items: offeringItemsOf(tenantOr404(state, params["id"], route), req.query) }, { route }),
  },
  {
    method: "PUT",
    template: "/api/2/tenants/{id}/offering_items",
    api: "account",
    run: (state, req, params, route) => setOfferingItems(state, tenantOr404(state, params["id"], route), accountJsonObject(req, route), route),
  },
  { method: "GET", template: "/api/2/search", api: "account", run: (state, req, _p, route) => search(state, req.query, route) },
];
