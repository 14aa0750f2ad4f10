import type { FaultKind } from "../contract.js";
import type { Prng } from "../prng.js";

/**
 * Decides whether this request fails and how, drawing evenly from `kinds`. Draws from the seeded
 * PRNG on every call, whatever the rate, so the same seed and request sequence give the same faults.
 */
export function pickFault(prng: Prng, faultRate: number, kinds: readonly FaultKind[]): FaultKind | undefined {
  const roll = prng.next();
  const which = prng.next();
  if (roll >= faultRate || kinds.length === 0) return undefined;
  return kinds[Math.floor(which * kinds.length)];
}
