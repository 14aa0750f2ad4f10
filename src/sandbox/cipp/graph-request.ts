import type { SandboxRequest, SandboxResponse } from "../contract.js";
import { jsonResponse } from "../http-util.js";
import { subscribedSkuRows } from "./list-views.js";
import type { CippTenant } from "./model.js";
import type { CippStore } from "./store.js";

export const GRAPH_ROUTE = "GET /api/ListGraphRequest";
const DEFAULT_TOP = 999;

type Row = Record<string, unknown>;

const ENDPOINTS: Record<string, (t: CippTenant) => readonly Row[]> = {
  "deviceManagement/managedDevices": (t) => t.devices as unknown as Row[],
  users: (t) => t.users as unknown as Row[],
  subscribedSkus: subscribedSkuRows,
};

interface SkipToken {
  o: number;
}

function graphFailure(message: string): SandboxResponse {
  return jsonResponse(403, { Results: message, Metadata: {} }, { route: GRAPH_ROUTE });
}

/** `field eq 'value'` clauses joined by `and`: the part of OData `$filter` the sandbox knows. */
function parseFilter(raw: string): ((row: Row) => boolean) | string {
  const checks: ((row: Row) => boolean)[] = [];
  for (const clause of raw.split(/\s+and\s+/i)) {
    const m = /^\s*(\w+)\s+eq\s+(?:'((?:[^']|'')*)'|(true|false))\s*$/.exec(clause);
    if (m === null) return `Invalid filter clause: ${clause}`;
    const field = m[1] as string;
    const want = m[3] !== undefined ? m[3] === "true" : (m[2] as string).replace(/''/g, "'");
    checks.push((row) => (typeof want === "string" ? String(row[field] ?? "").toLowerCase() === want.toLowerCase() : row[field] === want));
  }
  return (row) => checks.every((c) => c(row));
}

function skipFrom(nextLink: string | null): number | undefined {
  if (nextLink === null) return 0;
  try {
    const token = new URL(nextLink).searchParams.get("$skiptoken");
    const body = JSON.parse(Buffer.from(token ?? "", "base64url").toString("utf8")) as Partial<SkipToken>;
    return typeof body.o === "number" && Number.isInteger(body.o) && body.o >= 0 ? body.o : undefined;
  } catch {
    return undefined;
  }
}

/**
 * CIPP's generic Graph passthrough: `{Results, Metadata}`. CIPP follows every page itself
 * unless `manualPagination=true`, when it returns one page and `Metadata.nextLink` to pass back.
 */
export function listGraphRequest(store: CippStore, req: SandboxRequest): SandboxResponse {
  const q = req.query;
  const filter = q.get("tenantFilter");
  const tenant = filter === null ? undefined : store.find(filter);
  if (tenant === undefined) return graphFailure(`Tenant not found: ${filter ?? "(no tenantFilter)"}`);
  if (tenant.graphError !== null) return graphFailure(tenant.graphError);
  const endpoint = (q.get("Endpoint") ?? "").replace(/^\/+/, "");
  const source = ENDPOINTS[endpoint];
  if (source === undefined) return graphFailure(`Resource not found for the segment '${endpoint.split("/")[0] ?? ""}'.`);
  const topRaw = q.get("$top");
  const top = topRaw === null ? DEFAULT_TOP : Number(topRaw);
  if (!Number.isInteger(top) || top < 1) return graphFailure(`Invalid value for $top: ${topRaw ?? ""}`);
  let rows = source(tenant);
  const filterRaw = q.get("$filter");
  if (filterRaw !== null && filterRaw.trim() !== "") {
    const keep = parseFilter(filterRaw);
    if (typeof keep === "string") return graphFailure(keep);
    rows = rows.filter(keep);
  }
  const select = q.get("$select")?.split(",").map((s) => s.trim()).filter((s) => s !== "");
  const project = (row: Row): Row => (select === undefined ? row : Object.fromEntries(select.map((k) => [k, row[k] ?? null])));
  if (q.get("manualPagination") !== "true") return jsonResponse(200, { Results: rows.map(project), Metadata: {} }, { route: GRAPH_ROUTE });
  const start = skipFrom(q.get("nextLink"));
  if (start === undefined) return graphFailure("Invalid nextLink");
  const page = rows.slice(start, start + top).map(project);
  const metadata: Record<string, unknown> = {};
  if (start + top < rows.length) {
    const token = Buffer.from(JSON.stringify({ o: start + top } satisfies SkipToken)).toString("base64url");
    metadata["nextLink"] = `https://graph.microsoft.com/beta/${endpoint}?$top=${top}&$skiptoken=${token}`;
  }
  return jsonResponse(200, { Results: page, Metadata: metadata }, { route: GRAPH_ROUTE });
}
