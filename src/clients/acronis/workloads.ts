import type { HttpClient } from "../../http/index.js";
import { checkLimit, cursorItems, tenantFilter } from "./paging.js";
import { type AttributeBody, type ResourceBody, resourceSchema } from "./schemas.js";

/** An Acronis workload (resource) with what its agent reports, for matching NinjaOne devices (reference §5). */
export interface AcronisWorkload {
  id: string;
  name: string;
  /** `resource.machine`, `resource.virtual_machine.vmwesx`, …; kept open. */
  type: string;
  /** The numeric tenant id the Resource API uses, as a string. */
  tenantNumericId: string;
  agentId: string | null;
  /** The agent's `hostname` attribute. */
  hostname: string | null;
  /**
   * A `serial_number` attribute when the platform reports one. No Acronis example shows a serial
   * (reference §5, UNVERIFIED absence), so this is usually null.
   */
  serialNumber: string | null;
  macAddresses: string[];
  /** The Cyber Protect agent version (`agent.version`, e.g. 15.0.26355). */
  agentVersion: string | null;
  online: boolean | null;
  updatedAt: Date | null;
}

export interface ListWorkloadsOptions {
  /** Only these resource types (`type=or(a,b)`, at most 10); default every type. */
  types?: readonly string[];
  /** Workloads per request; default 100. */
  limit?: number;
}

const RESOURCES = "/api/resource_management/v4/resources";
const DEFAULT_LIMIT = 100;
const MAX_TYPES = 10;
const SERIAL_KEY = "serial_number";

type AttributeValues = ReadonlyMap<string, unknown>;

/** `agent.hostname` → value, from the namespaced key/value lists. */
function flattenAttributes(attributes: readonly AttributeBody[]): AttributeValues {
  const values = new Map<string, unknown>();
  for (const namespace of attributes) {
    for (const kv of namespace.kvs ?? []) values.set(`${namespace.name}.${kv.key}`, kv.value);
  }
  return values;
}

function text(value: unknown): string | null {
  if (typeof value === "string" && value.trim() !== "") return value.trim();
  return null;
}

function flag(value: unknown): boolean | null {
  if (typeof value === "boolean") return value;
  // The agent reports `is_online` as 1 or 0.
  if (value === 1 || value === 0) return value === 1;
  return null;
}

function texts(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

function toWorkload(body: ResourceBody): AcronisWorkload {
  const attrs = flattenAttributes(body.attributes ?? []);
  const updated = Date.parse(body.updated_at ?? "");
  return {
    id: body.id,
    name: body.name,
    type: body.type,
    tenantNumericId: body.tenant_id,
    agentId: body.agent_id ?? null,
    hostname: text(attrs.get("agent.hostname")),
    serialNumber: text(attrs.get(`default.${SERIAL_KEY}`)) ?? text(attrs.get(`agent.${SERIAL_KEY}`)),
    macAddresses: texts(attrs.get("agent.mac_addresses")),
    agentVersion: text(attrs.get("agent.version")),
    online: flag(attrs.get("agent.is_online")),
    updatedAt: Number.isNaN(updated) ? null : new Date(updated),
  };
}

function typeFilter(types: readonly string[] | undefined): string | undefined {
  if (types === undefined || types.length === 0) return undefined;
  if (types.length > MAX_TYPES) throw new RangeError(`at most ${MAX_TYPES} resource types can be asked for at once, got ${types.length}`);
  return types.length === 1 ? types[0] : `or(${types.join(",")})`;
}

/** A tenant's workloads (or up to 100 tenants' at once) with their attributes, in one cursor-paged listing (no per-workload requests). */
export async function* listWorkloads(http: HttpClient, tenantIds: string | readonly string[], options: ListWorkloadsOptions = {}): AsyncGenerator<AcronisWorkload> {
  const limit = checkLimit(options.limit ?? DEFAULT_LIMIT);
  const query = { tenant_id: tenantFilter(tenantIds), type: typeFilter(options.types), include_attributes: true };
  for await (const body of cursorItems(http, RESOURCES, query, limit, resourceSchema)) yield toWorkload(body);
}
