import type { Prng } from "../prng.js";

export type Fault = { kind: "status"; status: 500 | 502 | 503 } | { kind: "drop" };

const FAULTS: readonly Fault[] = [
  { kind: "status", status: 500 },
  { kind: "status", status: 502 },
  { kind: "status", status: 503 },
  { kind: "drop" },
];

/**
 * Decides whether this request fails and how. Draws from the seeded PRNG on every call,
 * whatever the rate, so the same seed and request sequence give the same faults.
 */
export function pickFault(prng: Prng, faultRate: number): Fault | undefined {
  const roll = prng.next();
  const which = prng.next();
  if (roll >= faultRate) return undefined;
  return FAULTS[Math.floor(which * FAULTS.length)];
}
