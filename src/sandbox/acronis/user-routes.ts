import { randomUUID } from "node:crypto";
import { emptyResponse, jsonResponse } from "../http-util.js";
import { USER_ROLES } from "./catalogue.js";
import { accountError, failAccount, PlatformCode } from "./error-bodies.js";
import type { AccessPolicy, Tenant, User } from "./model.js";
import { effectiveQuery, encodeCursor, takePage } from "./paging.js";
import { accountJsonObject, queryLimit, queryList } from "./request-parsing.js";
import type { AcronisState, Route } from "./service-state.js";
import { isUuid } from "../shared/uuid.js";
import { rfc3339 } from "./time-format.js";
import { userView } from "./views.js";

const ZERO_UUID = "00000000-0000-0000-0000-000000000000";

/** Login rules: at least 3 characters of ASCII letters, digits and a fixed set of punctuation. */
export function loginAcceptable(login: string): boolean {
  return login.length >= 3 && /^[A-Za-z0-9.@_+\-']+$/.test(login);
}

function userOr404(state: AcronisState, id: string | undefined, route: string): User {
  if (id === undefined || !isUuid(id)) failAccount(400, 400, `invalid user id: ${id ?? ""}`, route);
  const user = state.store.userById.get(id.toLowerCase());
  const tenant = user === undefined ? undefined : state.store.liveTenant(user.tenantId);
  if (user === undefined || tenant === undefined) failAccount(404, 404, "User not found", route);
  return user;
}

function liveTenantOr404(state: AcronisState, id: unknown, route: string): Tenant {
  if (typeof id !== "string" || !isUuid(id)) failAccount(400, 400, "tenant_id must be a UUID", route);
  const tenant = state.store.liveTenant(id);
  if (tenant === undefined) failAccount(404, PlatformCode.tenantNotFound, "Tenant not found", route);
  return tenant;
}

function createUser(state: AcronisState, body: Record<string, unknown>, route: string) {
  const tenant = liveTenantOr404(state, body["tenant_id"], route);
  const login = typeof body["login"] === "string" ? body["login"].trim() : "";
  if (!loginAcceptable(login)) return accountError(400, PlatformCode.invalidLogin, `Invalid login "${login}"`, route);
  if (state.store.loginTaken(login)) return accountError(409, 409, `Login "${login}" is already taken`, route);
  const contact = body["contact"];
  const email = typeof contact === "object" && contact !== null ? (contact as Record<string, unknown>)["email"] : undefined;
  if (typeof email !== "string" || !/^[^@\s]+@[^@\s]+$/.test(email)) return accountError(400, 400, "contact.email is required", route);
  const now = state.ctx.now();
  let personalTenantId: string | null = null;
  if (tenant.kind === "customer") {
    const personal: Tenant = {
      ...tenant,
      id: randomUUID(),
      numericId: state.store.allocateNumericId(),
      version: 1,
      name: login,
      kind: "unit",
      parentId: tenant.id,
      internalTag: null,
      customerId: null,
      offeringItems: [],
      createdMs: now,
      updatedMs: now,
    };
    state.store.addTenant(personal);
    personalTenantId = personal.id;
  }
  const user: User = {
    id: randomUUID(),
    version: 1,
    tenantId: tenant.id,
    login,
    contact: contact as Record<string, unknown>,
    activated: false,
    enabled: true,
    language: typeof body["language"] === "string" ? body["language"] : "en",
    personalTenantId,
    mfaStatus: tenant.mfaEnabled ? "setup_required" : "disabled",
    policies: [],
    createdMs: now,
    updatedMs: now,
  };
  state.store.addUser(user);
  return jsonResponse(200, userView(user), { route });
}

function setPolicies(state: AcronisState, user: User, body: Record<string, unknown>, route: string) {
  const items = body["items"];
  if (!Array.isArray(items)) return accountError(400, 400, "items must be an array", route);
  const policies: AccessPolicy[] = [];
  for (const raw of items as unknown[]) {
    const p = (typeof raw === "object" && raw !== null ? raw : {}) as Record<string, unknown>;
    if (typeof p["role_id"] !== "string" || !USER_ROLES.has(p["role_id"])) return accountError(400, 400, `unknown role_id ${String(p["role_id"])}`, route);
    if (p["trustee_id"] !== user.id || p["trustee_type"] !== "user") return accountError(400, 400, "trustee_id must be this user and trustee_type user", route);
    const tenant = liveTenantOr404(state, p["tenant_id"], route);
    const id = typeof p["id"] === "string" && p["id"] !== ZERO_UUID ? p["id"] : randomUUID();
    policies.push({ id, issuer_id: state.client.tenantId, role_id: p["role_id"], tenant_id: tenant.id, trustee_id: user.id, trustee_type: "user", version: 1 });
  }
  user.policies = policies;
  user.version += 1;
  user.updatedMs = state.ctx.now();
  return jsonResponse(200, { items: policies }, { route });
}

function listUsers(state: AcronisState, query0: URLSearchParams, route: string) {
  const eff = effectiveQuery(query0);
  if (eff === undefined) return accountError(400, 400, "invalid cursor", route);
  const { query, position } = eff;
  const limit = queryLimit(query, 2000);
  if (limit === undefined) return accountError(400, 400, "limit must be a positive integer", route);
  let scope: Set<string> | undefined;
  const rootId = query.get("subtree_root_tenant_id");
  if (rootId !== null) {
    const root = liveTenantOr404(state, rootId, route);
    const numeric = state.store.subtreeNumericIds(root);
    scope = new Set([...numeric].map((n) => (state.store.tenantByNumericId.get(n) as Tenant).id));
  }
  const uuids = queryList(query, "uuids", true).map((u) => u.toLowerCase());
  if (uuids.length === 0 && scope === undefined) return accountError(400, 400, "uuids or subtree_root_tenant_id is required", route);
  const wanted = uuids.length > 0 ? new Set(uuids) : undefined;
  const sinceRaw = query.get("updated_since");
  const since = sinceRaw === null ? undefined : Date.parse(sinceRaw);
  if (since !== undefined && Number.isNaN(since)) return accountError(400, 400, "updated_since must be an RFC3339 time", route);
  const page = takePage(state.store.users, position, limit, (u) =>
    (wanted === undefined || wanted.has(u.id)) && (scope === undefined || scope.has(u.tenantId)) && (since === undefined || u.updatedMs >= since) && state.store.liveTenant(u.tenantId) !== undefined,
  );
  const cursors = page.next === undefined ? {} : { after: encodeCursor(query, page.next) };
  return jsonResponse(200, { items: page.items.map(userView), paging: { cursors } }, { route });
}

export const USER_ROUTES: Route[] = [
  {
    method: "GET",
    template: "/api/2/users/check_login",
    api: "account",
    run: (state, req, _p, route) => {
      const login = req.query.get("username")?.trim();
      if (login === undefined || login === "") return accountError(400, 400, "username is required", route);
      if (!loginAcceptable(login)) return accountError(406, PlatformCode.invalidLogin, `Login "${login}" is not acceptable`, route);
      if (state.store.loginTaken(login)) return accountError(409, 409, `Login "${login}" is already taken`, route);
      return emptyResponse(204, { route });
    },
  },
  { method: "POST", template: "/api/2/users", api: "account", run: (state, req, _p, route) => createUser(state, accountJsonObject(req, route), route) },
  { method: "GET", template: "/api/2/users", api: "account", run: (state, req, _p, route) => listUsers(state, req.query, route) },
  { method: "GET", template: "/api/2/users/{id}", api: "account", run: (state, _req, params, route) => jsonResponse(200, userView(userOr404(state, params["id"], route)), { route }) },
  {
    method: "GET",
    template: "/api/2/users/{id}/access_policies",
    api: "account",
    run: (state, _req, params, route) => jsonResponse(200, { items: userOr404(state, params["id"], route).policies }, { route }),
  },
  {
    method: "PUT",
    template: "/api/2/users/{id}/access_policies",
    api: "account",
    run: (state, req, params, route) => {
      const user = userOr404(state, params["id"], route);
      return setPolicies(state, user, accountJsonObject(req, route), route);
    },
  },
  {
    method: "POST",
    template: "/api/2/users/{id}/send-activation-email",
    api: "account",
    run: (state, req, params, route) => {
      const user = userOr404(state, params["id"], route);
      accountJsonObject(req, route);
      const email = user.contact["email"];
      state.store.activationEmails.push({ user_id: user.id, login: user.login, email: typeof email === "string" ? email : "", tenant_id: user.tenantId, sent_at: rfc3339(state.ctx.now()) });
      return emptyResponse(204, { route });
    },
  },
  {
    method: "PUT",
    template: "/api/2/users/{id}/mfa/status",
    api: "account",
    run: (state, req, params, route) => {
      const user = userOr404(state, params["id"], route);
      const body = accountJsonObject(req, route);
      if (typeof body["enabled"] !== "boolean") return accountError(400, 400, "enabled must be a boolean", route);
      user.mfaStatus = body["enabled"] ? "setup_required" : "disabled";
      user.version += 1;
      user.updatedMs = state.ctx.now();
      return jsonResponse(200, { mfa_status: user.mfaStatus }, { route });
    },
  },
];
