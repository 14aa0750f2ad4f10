import type { SandboxRequest } from "../contract.js";
import { mediaType, parseJsonBody } from "../http-util.js";
import { failAccount } from "./error-bodies.js";

/** Small readers for query values and JSON bodies of the Account API. */

export function queryBool(query: URLSearchParams, name: string): boolean {
  const v = query.get(name);
  return v === "true" || v === "1";
}

/** A positive integer `limit`, the default when absent, or undefined when malformed. */
export function queryLimit(query: URLSearchParams, fallback: number, max = Number.MAX_SAFE_INTEGER): number | undefined {
  const raw = query.get("limit");
  if (raw === null) return fallback;
  if (!/^[0-9]+$/.test(raw)) return undefined;
  const n = Number(raw);
  return n >= 1 && n <= max ? n : undefined;
}

/** Every value of a repeatable parameter (`type=a&type=b`, `type[]=a`), split on commas when asked. */
export function queryList(query: URLSearchParams, name: string, splitCommas = false): string[] {
  const values = [...query.getAll(name), ...query.getAll(`${name}[]`)];
  return splitCommas ? values.flatMap((v) => v.split(",")).map((v) => v.trim()).filter((v) => v !== "") : values;
}

/** A JSON object body for the Account API: 415 without a JSON content type, 400 when malformed. */
export function accountJsonObject(req: SandboxRequest, route: string): Record<string, unknown> {
  if (mediaType(req) !== "application/json") failAccount(415, 415, "Content-Type must be application/json", route);
  const parsed = parseJsonBody(req);
  if (!parsed.ok) failAccount(400, 400, parsed.error, route);
  const value = parsed.value;
  if (typeof value !== "object" || value === null || Array.isArray(value)) failAccount(400, 400, "request body must be a JSON object", route);
  return value as Record<string, unknown>;
}
