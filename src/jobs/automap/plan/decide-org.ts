import type { AutomapOptions } from "./types.js";

/** How many of a tenant's matched NinjaOne devices belong to one organization. */
export interface OrgTally {
  orgId: number;
  devices: number;
}

export type OrgDecision =
  | { kind: "none" }
  | { kind: "winner"; winner: OrgTally; matched: number; share: number; others: OrgTally[] }
  | { kind: "tie"; contenders: OrgTally[]; matched: number }
  | { kind: "too-few"; best: OrgTally; matched: number }
  | { kind: "low-share"; best: OrgTally; matched: number; share: number; others: OrgTally[] };

/**
 * Picks the organization a tenant's devices point to, or says why none can be picked.
 * A close second is a tie even when the leader clears the share, because the share alone
 * would let three devices against two decide.
 */
export function decideOrg(tallies: readonly OrgTally[], options: AutomapOptions): OrgDecision {
  const ranked = tallies.filter((t) => t.devices > 0).sort((a, b) => b.devices - a.devices || a.orgId - b.orgId);
  const [best, ...others] = ranked;
  if (best === undefined) return { kind: "none" };
  const matched = ranked.reduce((sum, t) => sum + t.devices, 0);
  const close = others.filter((t) => best.devices - t.devices < options.minLead);
  if (close.length > 0) return { kind: "tie", contenders: [best, ...close], matched };
  if (best.devices < options.minDevices) return { kind: "too-few", best, matched };
  const share = best.devices / matched;
  // Compared in whole devices so that exactly the threshold (3 of 5 at 0.6) passes despite float rounding.
  if (best.devices < Math.ceil(options.minShare * matched - 1e-9)) return { kind: "low-share", best, matched, share, others };
  return { kind: "winner", winner: best, matched, share, others };
}
