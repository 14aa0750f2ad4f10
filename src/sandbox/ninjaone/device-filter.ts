import type { DeviceRecord } from "./world.js";

/**
 * The device filter `df` (reference §4, from NinjaOne's "Device Filter Syntax"): clauses joined
 * by AND, each `key = value`, `key eq value`, `key in (a,b)`, a bare `online`/`offline`, or
 * `created after|before YYYY-MM-DD`. Keys: org/organization, loc/location, role, id, class,
 * status. Anything else (OR, groups, tags, unknown keys) is refused rather than ignored, so a
 * client never mistakes an unfiltered list for a filtered one.
 */

export interface DeviceFilter {
  /** The organizations the filter restricts to, when it does, so the per-org index can be used. */
  orgIds?: number[];
  matches(device: DeviceRecord): boolean;
}

export type ParsedFilter = { ok: true; filter: DeviceFilter } | { ok: false; error: string };

const KEYS: Record<string, (d: DeviceRecord) => string | number> = {
  org: (d) => d.organizationId,
  organization: (d) => d.organizationId,
  loc: (d) => d.locationId,
  location: (d) => d.locationId,
  role: (d) => d.nodeRoleId,
  id: (d) => d.id,
  class: (d) => d.nodeClass,
  status: (d) => d.approvalStatus,
};

const NUMERIC_KEYS = new Set(["org", "organization", "loc", "location", "role", "id"]);

type Predicate = (d: DeviceRecord) => boolean;

function parseClause(clause: string): { predicate: Predicate; orgIds?: number[] } | string {
  const text = clause.trim();
  const lower = text.toLowerCase();
  if (lower === "online") return { predicate: (d) => !d.offline };
  if (lower === "offline") return { predicate: (d) => d.offline };
  const created = /^created\s+(after|before)\s+(\d{4}-\d{2}-\d{2})$/i.exec(text);
  if (created !== null) {
    const at = Date.parse(`${created[2]}T00:00:00Z`) / 1000;
    if (Number.isNaN(at)) return `invalid date '${created[2]}'`;
    const after = created[1]?.toLowerCase() === "after";
    return { predicate: (d) => (after ? d.created > at : d.created < at) };
  }
  const match = /^([A-Za-z]+)\s*(=|\beq\b|\bin\b)\s*(.+)$/i.exec(text);
  if (match === null) return `cannot parse '${text}'`;
  const key = (match[1] as string).toLowerCase();
  const op = (match[2] as string).toLowerCase();
  const rawValue = (match[3] as string).trim();
  const read = KEYS[key];
  if (read === undefined) return `unsupported filter key '${match[1]}'`;
  let values: string[];
  if (op === "in") {
    const list = /^\(([^()]*)\)$/.exec(rawValue);
    if (list === null) return `expected a parenthesised list after 'in' in '${text}'`;
    values = (list[1] as string).split(",").map((v) => v.trim()).filter((v) => v !== "");
    if (values.length === 0) return `empty list in '${text}'`;
  } else {
    if (/\s/.test(rawValue)) return `unexpected text in '${text}'`;
    values = [rawValue];
  }
  if (NUMERIC_KEYS.has(key)) {
    if (!values.every((v) => /^[0-9]+$/.test(v))) return `'${match[1]}' takes numeric ids in '${text}'`;
    const ids = new Set(values.map(Number));
    const predicate: Predicate = (d) => ids.has(read(d) as number);
    return key === "org" || key === "organization" ? { predicate, orgIds: [...ids] } : { predicate };
  }
  const wanted = new Set(values.map((v) => v.toUpperCase()));
  return { predicate: (d) => wanted.has(String(read(d))) };
}

export function parseDeviceFilter(df: string | null): ParsedFilter {
  if (df === null || df.trim() === "") return { ok: true, filter: { matches: () => true } };
  if (/\bor\b/i.test(df)) return { ok: false, error: "Invalid device filter: OR is not supported, use 'in (...)'" };
  const predicates: Predicate[] = [];
  let orgIds: number[] | undefined;
  for (const clause of df.split(/\s+and\s+/i)) {
    const parsed = parseClause(clause);
    if (typeof parsed === "string") return { ok: false, error: `Invalid device filter: ${parsed}` };
    predicates.push(parsed.predicate);
    if (parsed.orgIds !== undefined) orgIds = orgIds === undefined ? parsed.orgIds : orgIds.filter((id) => parsed.orgIds?.includes(id));
  }
  const filter: DeviceFilter = { matches: (d) => predicates.every((p) => p(d)) };
  if (orgIds !== undefined) filter.orgIds = [...new Set(orgIds)].sort((a, b) => a - b);
  return { ok: true, filter };
}
