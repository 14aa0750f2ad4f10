import { SEVERITY_ORDER } from "./catalogue.js";
import type { Alert, Severity } from "./model.js";
import type { AlertTimeUnit } from "./service-state.js";
import { queryBool, queryList } from "./request-parsing.js";

/**
 * The Alert Manager's list filters (reference §4) turned into a predicate: repeatable
 * parameters, `or(a,b)` lists, comparison operators over severities and UNIX-nanosecond times.
 */

export type AlertFilter = { ok: true; tenants: number[] | undefined; keep: (a: Alert) => boolean } | { ok: false; error: string };

const OPS = ["eq", "lt", "gt", "le", "ge"] as const;
type Op = (typeof OPS)[number];

/** `or(a,b)` → [a, b]; plain values as themselves; repeated parameters joined. */
function values(query: URLSearchParams, name: string): string[] {
  return queryList(query, name).flatMap((v) => {
    const m = /^or\((.*)\)$/.exec(v);
    return m === null ? [v] : (m[1] as string).split(",").map((s) => s.trim());
  });
}

function comparison(raw: string): { op: Op; value: string } | undefined {
  const m = /^(eq|lt|gt|le|ge)\((.*)\)$/.exec(raw);
  if (m === null) return { op: "eq", value: raw };
  return { op: m[1] as Op, value: m[2] as string };
}

function compare<T>(op: Op, a: T, b: T): boolean {
  switch (op) {
    case "eq":
      return a === b;
    case "lt":
      return a < b;
    case "gt":
      return a > b;
    case "le":
      return a <= b;
    case "ge":
      return a >= b;
  }
}

const NANOS_PER: Readonly<Record<AlertTimeUnit, bigint>> = { nanoseconds: 1n, microseconds: 1000n };

function timeFilter(query: URLSearchParams, name: string, unit: AlertTimeUnit, pick: (a: Alert) => bigint | null): ((a: Alert) => boolean) | string | undefined {
  const raw = query.get(name);
  if (raw === null) return undefined;
  const c = comparison(raw);
  if (c === undefined || !/^[0-9]+$/.test(c.value)) return `${name} must be UNIX ${unit}, optionally in eq()/lt()/gt()/le()/ge()`;
  const bound = BigInt(c.value) * NANOS_PER[unit];
  return (a) => {
    const v = pick(a);
    return v !== null && compare(c.op, v, bound);
  };
}

function severityFilter(raw: string | null): ((a: Alert) => boolean) | string | undefined {
  if (raw === null) return undefined;
  const rank = (s: string) => SEVERITY_ORDER.indexOf(s as Severity);
  const orMatch = /^or\((.*)\)$/.exec(raw);
  if (orMatch !== null) {
    const set = new Set((orMatch[1] as string).split(",").map((s) => s.trim()));
    if ([...set].some((s) => rank(s) < 0)) return `unknown severity in ${raw}`;
    return (a) => set.has(a.severity);
  }
  const c = comparison(raw);
  if (c === undefined || rank(c.value) < 0) return `unknown severity ${raw}`;
  const bound = rank(c.value);
  return (a) => compare(c.op, rank(a.severity), bound);
}

function detail(a: Alert, key: string): string | undefined {
  const v = a.details[key];
  return typeof v === "string" ? v : undefined;
}

export interface AlertFilterOptions {
  /** Match `id` and `skip` values whatever their case; default exact. */
  idsAnyCase?: boolean;
  /** The unit of the time filters; default nanoseconds, as documented. */
  timeUnit?: AlertTimeUnit;
}

export function parseAlertFilter(query: URLSearchParams, options: AlertFilterOptions = {}): AlertFilter {
  const unit = options.timeUnit ?? "nanoseconds";
  const fold = options.idsAnyCase === true;
  const checks: ((a: Alert) => boolean)[] = [];
  const tenantValues = values(query, "tenant");
  if (!tenantValues.every((t) => /^[0-9]+$/.test(t))) return { ok: false, error: "tenant must be numeric tenant ids" };
  const tenants = tenantValues.length > 0 ? tenantValues.map(Number) : undefined;

  const showDeleted = queryBool(query, "show_deleted");
  const deletedOnly = queryBool(query, "show_deleted_only");
  if (deletedOnly) checks.push((a) => a.deletedNs !== null);
  else if (!showDeleted) checks.push((a) => a.deletedNs === null);

  const inSet = (name: string, pick: (a: Alert) => string | undefined, fold = false) => {
    const list = values(query, name);
    if (list.length === 0) return;
    const set = new Set(fold ? list.map((v) => v.toUpperCase()) : list);
    checks.push((a) => {
      const v = pick(a);
      return v !== undefined && set.has(fold ? v.toUpperCase() : v);
    });
  };
  inSet("type", (a) => a.type);
  inSet("category", (a) => a.category);
  inSet("id", (a) => a.id, fold);
  inSet("planId", (a) => detail(a, "planId"));
  inSet("resourceId", (a) => detail(a, "resourceId"));
  inSet("source", (a) => a.source);
  const skip = new Set(values(query, "skip").map((v) => (fold ? v.toUpperCase() : v)));
  if (skip.size > 0) checks.push((a) => !skip.has(fold ? a.id.toUpperCase() : a.id));
  for (const key of ["planName", "resourceName"] as const) {
    const want = query.get(key);
    if (want !== null) checks.push((a) => detail(a, key) === want);
  }
  const text = query.get("query")?.toLowerCase();
  if (text !== undefined && text !== "") {
    checks.push((a) => [detail(a, "planName"), detail(a, "resourceName")].some((v) => v?.toLowerCase().includes(text) === true));
  }

  const extra = [
    severityFilter(query.get("severity")),
    timeFilter(query, "created_at", unit, (a) => a.createdNs),
    timeFilter(query, "updated_at", unit, (a) => a.updatedNs),
    timeFilter(query, "deleted_at", unit, (a) => a.deletedNs),
  ];
  for (const f of extra) {
    if (typeof f === "string") return { ok: false, error: f };
    if (f !== undefined) checks.push(f);
  }
  return { ok: true, tenants, keep: (a) => checks.every((c) => c(a)) };
}

const ORDER_FIELDS: Record<string, (a: Alert) => string | bigint> = {
  created_at: (a) => a.createdNs,
  updated_at: (a) => a.updatedNs,
  deleted_at: (a) => a.deletedNs ?? 0n,
  source_time_stamp: (a) => a.createdNs,
  type: (a) => a.type,
  severity: (a) => String(SEVERITY_ORDER.indexOf(a.severity)),
  source: (a) => a.source,
  category: (a) => a.category,
  planId: (a) => detail(a, "planId") ?? "",
  planName: (a) => detail(a, "planName") ?? "",
  resourceId: (a) => detail(a, "resourceId") ?? "",
  resourceName: (a) => detail(a, "resourceName") ?? "",
};

/** `asc(field)` / `desc(field)` as a comparator, or an error message. */
export function parseAlertOrder(raw: string | null): ((a: Alert, b: Alert) => number) | string | undefined {
  if (raw === null) return undefined;
  const m = /^(asc|desc)\((\w+)\)$/.exec(raw);
  const pick = m === null ? undefined : ORDER_FIELDS[m[2] as string];
  if (m === null || pick === undefined) return `order must be asc(field) or desc(field) over ${Object.keys(ORDER_FIELDS).join(", ")}`;
  const sign = m[1] === "asc" ? 1 : -1;
  return (a, b) => {
    const x = pick(a);
    const y = pick(b);
    return x < y ? -sign : x > y ? sign : 0;
  };
}
