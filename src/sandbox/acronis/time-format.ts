/**
 * The time formats Acronis mixes across its APIs: RFC3339 (account, resources), RFC3339 with
 * nine fractional digits (alerts), naive local-looking times (pricing), RFC1123 (agents).
 */

export function rfc3339(ms: number): string {
  return new Date(ms).toISOString();
}

/** RFC3339 with nanoseconds, e.g. `2026-01-05T20:41:42.352636392Z`. */
export function rfc3339Nanos(ns: bigint): string {
  const seconds = ns / 1_000_000_000n;
  const fraction = (ns % 1_000_000_000n).toString().padStart(9, "0");
  return `${new Date(Number(seconds) * 1000).toISOString().slice(0, 19)}.${fraction}Z`;
}

/** `2020-08-04T12:47:03`: the pricing API's time without a zone. */
export function naiveTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19);
}

export function rfc1123(ms: number): string {
  return new Date(ms).toUTCString();
}

export function msToNs(ms: number): bigint {
  return BigInt(Math.floor(ms)) * 1_000_000n;
}
