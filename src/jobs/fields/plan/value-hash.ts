import type { FieldValue } from "./types.js";
import { shortSha256 } from "../../shared/short-hash.js";

/** Hex digits kept: 64 bits, so two different values of one field never share a hash in practice. */
const HASH_LENGTH = 16;

/** JSON with object keys sorted at every level, so equal values always serialise the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** The short hash of a written value that the state file keeps instead of the value itself. */
export function hashFieldValue(value: FieldValue): string {
  return shortSha256(canonicalJson(value), HASH_LENGTH);
}
