import type { SandboxRequest, SandboxResponse } from "../contract.js";
import { jsonResponse } from "../http-util.js";
import { compliancePolicyRows, deviceStatusRows, entraDeviceRows, mailboxUsageRows, signInRows, subscribedSkuRows } from "./list-views.js";
import type { CippTenant } from "./model.js";
import type { CippStore } from "./store.js";

export const GRAPH_ROUTE = "GET /api/ListGraphRequest";
const DEFAULT_TOP = 999;

type Row = Record<string, unknown>;

/** What a request asks beyond the rows: related objects to expand, properties Graph returns only when selected. */
interface Asked {
  select: readonly string[] | undefined;
  expand: string | null;
}

const ENDPOINTS: Record<string, (t: CippTenant, asked: Asked) => readonly Row[]> = {
  "deviceManagement/managedDevices": (t) => t.devices as unknown as Row[],
  // signInActivity only when selected, as Graph does.
  users: (t, asked) => (asked.select?.includes("signInActivity") ? signInRows(t) : (t.users as unknown as Row[])),
  subscribedSkus: subscribedSkuRows,
  devices: (t, asked) => entraDeviceRows(t, /^memberOf\b/i.test(asked.expand ?? "")),
  "deviceManagement/deviceCompliancePolicies": compliancePolicyRows,
  "reports/getMailboxUsageDetail(period='D7')": mailboxUsageRows,
};

/** `deviceManagement/deviceCompliancePolicies/{id}/deviceStatuses` */
function rowsOf(endpoint: string): ((t: CippTenant, asked: Asked) => readonly Row[] | undefined) | undefined {
  const fixed = ENDPOINTS[endpoint];
  if (fixed !== undefined) return fixed;
  const m = /^deviceManagement\/deviceCompliancePolicies\/([^/]+)\/deviceStatuses$/.exec(endpoint);
  const id = m?.[1];
  return id === undefined ? undefined : (t) => deviceStatusRows(t, id);
}

/** Graph's page limit for users with signInActivity selected ("List users", Graph docs). */
const SIGN_IN_MAX_TOP = 120;

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

/** What the Functions host answers when CIPP's Graph paging outlives its HTTP limit (about 230 s; UNVERIFIED, reference §1.10). */
export function timedOut(route = GRAPH_ROUTE): SandboxResponse {
  return jsonResponse(504, { error: "The request timed out while CIPP was reading every page of users." }, { route });
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
  const source = rowsOf(endpoint);
  if (source === undefined) return graphFailure(`Resource not found for the segment '${endpoint.split("/")[0] ?? ""}'.`);
  const topRaw = q.get("$top");
  const top = topRaw === null ? DEFAULT_TOP : Number(topRaw);
  if (!Number.isInteger(top) || top < 1) return graphFailure(`Invalid value for $top: ${topRaw ?? ""}`);
  const select = q.get("$select")?.split(",").map((s) => s.trim()).filter((s) => s !== "");
  const asked: Asked = { select, expand: q.get("$expand") };
  if (select?.includes("signInActivity") && top > SIGN_IN_MAX_TOP) return graphFailure(`Invalid page size specified: '${top}'. Must be between 1 and ${SIGN_IN_MAX_TOP} inclusive.`);
  const manual = q.get("manualPagination") === "true";
  if (endpoint === "users" && !manual && tenant.users.length > store.paging.unpagedUserLimit) return timedOut();
  const found = source(tenant, asked);
  if (found === undefined) return graphFailure(`Resource '${endpoint}' does not exist.`);
  let rows = found;
  const filterRaw = q.get("$filter");
  if (filterRaw !== null && filterRaw.trim() !== "") {
    const keep = parseFilter(filterRaw);
    if (typeof keep === "string") return graphFailure(keep);
    rows = rows.filter(keep);
  }
  // An expanded relation comes back beside the selected properties.
  const keep = select === undefined ? undefined : [...select, ...(asked.expand === null ? [] : [asked.expand.split("(")[0]?.trim() ?? ""])];
  const project = (row: Row): Row => (keep === undefined ? row : Object.fromEntries(keep.filter((k) => k in row || select?.includes(k)).map((k) => [k, row[k] ?? null])));
  if (!manual) return jsonResponse(200, { Results: rows.map(project), Metadata: {} }, { route: GRAPH_ROUTE });
  const start = skipFrom(q.get("nextLink"));
  if (start === undefined) return graphFailure("Invalid nextLink");
  const size = Math.min(top, store.paging.maxPageSize);
  const page = rows.slice(start, start + size).map(project);
  const metadata: Record<string, unknown> = {};
  if (start + size < rows.length) {
    const token = Buffer.from(JSON.stringify({ o: start + size } satisfies SkipToken)).toString("base64url");
    metadata["nextLink"] = `https://graph.microsoft.com/beta/${endpoint}?$top=${size}&$skiptoken=${token}`;
  }
  return jsonResponse(200, { Results: page, Metadata: metadata }, { route: GRAPH_ROUTE });
}
