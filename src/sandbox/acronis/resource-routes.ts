import type { SandboxRequest } from "../contract.js";
import { jsonResponse } from "../http-util.js";
import { agentError, resourceError } from "./error-bodies.js";
import type { Tenant, Workload } from "./model.js";
import { effectiveQuery, encodeCursor, takePage } from "./paging.js";
import { queryBool, queryLimit, queryList } from "./request-parsing.js";
import type { AcronisState, Route } from "./service-state.js";
import { rfc3339 } from "./time-format.js";
import { isUuid } from "../shared/uuid.js";
import { agentView, attributesView, resourceStatusView, resourceView } from "./views.js";

const DEFAULT_LIMIT = 100;

type Selection = { ok: true; list: readonly Workload[]; keep: (w: Workload) => boolean } | { ok: false; error: string };

/** `customerUuid = '<uuid>' AND resourceType = 'machine'`: the SQL-like `search` subset we know. */
function parseSearch(state: AcronisState, raw: string): ((w: Workload) => boolean) | string {
  const checks: ((w: Workload) => boolean)[] = [];
  for (const clause of raw.split(/\s+AND\s+/i)) {
    const m = /^\s*(\w+)\s*=\s*'([^']*)'\s*$/.exec(clause);
    if (m === null) return `unsupported search clause: ${clause}`;
    const value = m[2] as string;
    switch (m[1]) {
      case "customerUuid": {
        const numeric = state.store.liveTenant(value)?.numericId;
        checks.push((w) => w.tenantNumericId === numeric);
        break;
      }
      case "resourceType":
        checks.push((w) => w.type === `resource.${value}` || w.type.startsWith(`resource.${value}.`));
        break;
      case "name":
        checks.push((w) => w.name === value);
        break;
      default:
        return `unsupported search field: ${m[1]}`;
    }
  }
  return (w) => checks.every((c) => c(w));
}

/**
 * The workloads of the tenants asked for and everything below them (a customer's units): the
 * reference does not say whether a tenant filter covers sub-tenants, and covering them is the
 * reading a client must cope with. Units are listed before their parent, the order in which a
 * customer's first workload names a unit's numeric id rather than the customer's.
 */
function subtreeWorkloads(state: AcronisState, ids: string[]): Workload[] {
  const numeric = new Set<number>();
  for (const n of numericTenantIds(state, ids)) {
    const root = state.store.tenantByNumericId.get(n);
    for (const id of root === undefined ? [n] : [...state.store.subtreeNumericIds(root)].reverse()) numeric.add(id);
  }
  return [...numeric].flatMap((n) => state.store.workloadsByTenant.get(n) ?? []);
}

/** Tenant ids may be numeric or UUIDs; unknown ones simply match nothing. */
function numericTenantIds(state: AcronisState, ids: string[]): number[] {
  return ids.flatMap((id) => {
    if (/^[0-9]+$/.test(id)) return [Number(id)];
    const t = isUuid(id) ? state.store.liveTenant(id) : undefined;
    return t === undefined ? [] : [t.numericId];
  });
}

function select(state: AcronisState, query: URLSearchParams): Selection {
  // Several tenants as `or(a,b)`, the syntax Acronis' guide shows for this API family, or a comma list.
  const tenantIds = queryList(query, "tenant_id").flatMap((t) => (/^or\((.*)\)$/.exec(t)?.[1] ?? t).split(",")).map((t) => t.trim()).filter((t) => t !== "");
  if (tenantIds.length > 100) return { ok: false, error: "tenant_id accepts at most 100 ids" };
  const checks: ((w: Workload) => boolean)[] = [];
  const types = queryList(query, "type").flatMap((t) => {
    const m = /^or\((.*)\)$/.exec(t);
    return m === null ? [t] : (m[1] as string).split(",").map((s) => s.trim());
  });
  if (types.length > 10) return { ok: false, error: "type accepts at most 10 values" };
  if (types.length > 0) checks.push((w) => types.includes(w.type));
  const agents = queryList(query, "agent_id", true);
  if (agents.length > 0) checks.push((w) => agents.includes(w.agentId));
  const resources = queryList(query, "resource_id", true);
  if (resources.length > 0) checks.push((w) => resources.includes(w.id));
  const search = query.get("search");
  if (search !== null) {
    const s = parseSearch(state, search);
    if (typeof s === "string") return { ok: false, error: s };
    checks.push(s);
  }
  // Deleted workloads are listed only with `include_deleted` (reference §5), with `deleted_at` set.
  if (!queryBool(query, "include_deleted")) checks.push((w) => w.deletedMs === null);
  const list = tenantIds.length === 0 ? state.store.workloads : subtreeWorkloads(state, tenantIds);
  return { ok: true, list, keep: (w) => checks.every((c) => c(w)) };
}

function listResources(state: AcronisState, req: SandboxRequest, route: string, render: (w: Workload, withAttributes: boolean) => unknown) {
  const eff = effectiveQuery(req.query);
  if (eff === undefined) return resourceError(400, "invalid cursor", route);
  const limit = queryLimit(eff.query, DEFAULT_LIMIT);
  if (limit === undefined) return resourceError(400, "limit must be a positive integer", route);
  const selection = select(state, eff.query);
  if (!selection.ok) return resourceError(400, selection.error, route);
  const page = takePage(selection.list, eff.position, limit, selection.keep);
  const withAttributes = queryBool(eff.query, "include_attributes");
  const cursors = page.next === undefined ? {} : { after: encodeCursor(eff.query, page.next) };
  return jsonResponse(200, { items: page.items.map((w) => render(w, withAttributes)), paging: { cursors }, timestamp: rfc3339(state.ctx.now()) }, { route });
}

function hostnameMatcher(raw: string): (hostname: string) => boolean {
  const m = /^(hlike|tlike|like)\((.*)\)$/.exec(raw);
  if (m === null) return (h) => h === raw;
  const needle = (m[2] as string).toLowerCase();
  if (m[1] === "hlike") return (h) => h.toLowerCase().startsWith(needle);
  if (m[1] === "tlike") return (h) => h.toLowerCase().endsWith(needle);
  return (h) => h.toLowerCase().includes(needle);
}

function listAgents(state: AcronisState, req: SandboxRequest, route: string) {
  const eff = effectiveQuery(req.query);
  if (eff === undefined) return agentError(400, "invalid cursor", route);
  const query = eff.query;
  const limitRaw = query.get("limit");
  // An absent or zero limit means "no limit" on this API.
  const limit = limitRaw === null || limitRaw === "0" ? Number.MAX_SAFE_INTEGER : queryLimit(query, 0);
  if (limit === undefined) return agentError(400, "limit must be a non-negative integer", route);
  let list: readonly Workload[] = state.store.workloads;
  const tenantId = query.get("tenant_id");
  if (tenantId !== null) {
    const [numeric] = numericTenantIds(state, [tenantId]);
    const root = numeric === undefined ? undefined : state.store.tenantByNumericId.get(numeric);
    list = root === undefined ? [] : [...state.store.subtreeNumericIds(root as Tenant)].flatMap((n) => state.store.workloadsByTenant.get(n) ?? []);
  }
  // A deleted workload's agent is gone from the console too.
  const checks: ((w: Workload) => boolean)[] = [(w) => w.deletedMs === null];
  const hostname = query.get("hostname");
  if (hostname !== null) {
    const match = hostnameMatcher(hostname);
    checks.push((w) => match(w.name));
  }
  const online = query.get("online");
  if (online !== null) checks.push((w) => String(w.online) === online);
  const family = query.get("os_family");
  if (family !== null) checks.push((w) => w.osFamily === family);
  const page = takePage(list, eff.position, limit, (w) => checks.every((c) => c(w)));
  const body: Record<string, unknown> = { items: page.items.map((w) => agentView(state.store, w)) };
  if (page.next !== undefined && limit !== Number.MAX_SAFE_INTEGER) body["paging"] = { cursors: { after: encodeCursor(query, page.next) } };
  return jsonResponse(200, body, { route });
}

export const RESOURCE_ROUTES: Route[] = [
  {
    method: "GET",
    template: "/api/resource_management/v4/resources",
    api: "resources",
    run: (state, req, _p, route) => listResources(state, req, route, (w, attrs) => resourceView(state.store, w, attrs, state.options.workloadSerials)),
  },
  {
    method: "GET",
    template: "/api/resource_management/v4/resources/{id}/attributes",
    api: "resources",
    run: (state, _req, params, route) => {
      const w = state.store.workloadById.get(params["id"] ?? "");
      if (w === undefined || w.deletedMs !== null) return resourceError(404, `resource ${params["id"] ?? ""} not found`, route);
      return jsonResponse(200, { items: attributesView(w, state.options.workloadSerials) }, { route });
    },
  },
  {
    method: "GET",
    template: "/api/resource_management/v4/resource_statuses",
    api: "resources",
    run: (state, req, _p, route) => listResources(state, req, route, (w, attrs) => resourceStatusView(state.store, w, attrs, state.options.workloadSerials)),
  },
  { method: "GET", template: "/api/agent_manager/v2/agents", api: "agents", run: (state, req, _p, route) => listAgents(state, req, route) },
  {
    method: "GET",
    template: "/api/agent_manager/v2/agents/{id}",
    api: "agents",
    run: (state, _req, params, route) => {
      const w = state.store.workloadByAgentId.get(params["id"] ?? "");
      return w === undefined || w.deletedMs !== null ? agentError(404, `agent ${params["id"] ?? ""} not found`, route) : jsonResponse(200, agentView(state.store, w), { route });
    },
  },
];
