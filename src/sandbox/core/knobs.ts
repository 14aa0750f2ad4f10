import { z } from "zod";
import { FAULT_KINDS, type Knobs } from "../contract.js";
import type { ServiceName } from "../../services.js";

export const SERVICE_IDS: readonly ServiceName[] = ["ninjaone", "acronis", "cipp"];

/**
 * No latency, no limits, no faults (every kind of fault once a rate is set), and a one-hour
 * token lifetime (NinjaOne's and Acronis' usual expires_in).
 */
export function defaultKnobs(): Knobs {
  return {
    latencyMs: 0,
    rateLimit: { ninjaone: 0, acronis: 0, cipp: 0 },
    faultRate: 0,
    faultKinds: [...FAULT_KINDS],
    faultRoutes: [],
    tokenLifetimeSec: 3600,
    stallAfterRequests: 0,
    trickleMs: { ninjaone: 0, acronis: 0, cipp: 0 },
  };
}

const requestsPerSecond = z.number().int().min(0).max(1_000_000);

/** A change to the knobs, as `PATCH /control/knobs` and `startSandbox({ knobs })` accept it. */
export const knobsPatchSchema = z.strictObject({
  latencyMs: z.number().int().min(0).max(600_000).optional(),
  rateLimit: z
    .strictObject({
      ninjaone: requestsPerSecond.optional(),
      acronis: requestsPerSecond.optional(),
      cipp: requestsPerSecond.optional(),
    })
    .optional(),
  faultRate: z.number().min(0).max(1).optional(),
  faultKinds: z.array(z.enum(FAULT_KINDS)).min(1).optional(),
  faultRoutes: z.array(z.string().min(1).max(2000)).max(100).optional(),
  tokenLifetimeSec: z.number().int().min(1).max(31_536_000).optional(),
  stallAfterRequests: z.number().int().min(0).max(1_000_000_000).optional(),
  trickleMs: z
    .strictObject({
      ninjaone: z.number().int().min(0).max(600_000).optional(),
      acronis: z.number().int().min(0).max(600_000).optional(),
      cipp: z.number().int().min(0).max(600_000).optional(),
    })
    .optional(),
});

export type KnobsPatch = z.infer<typeof knobsPatchSchema>;

/**
 * Applies a validated patch in place: services hold the same Knobs object (and its
 * rateLimit record) for the whole run, so replacing either would hide the change from them.
 */
export function applyKnobsPatch(knobs: Knobs, patch: KnobsPatch): Knobs {
  if (patch.latencyMs !== undefined) knobs.latencyMs = patch.latencyMs;
  if (patch.faultRate !== undefined) knobs.faultRate = patch.faultRate;
  if (patch.faultKinds !== undefined) knobs.faultKinds = [...new Set(patch.faultKinds)];
  if (patch.faultRoutes !== undefined) knobs.faultRoutes = patch.faultRoutes;
  if (patch.tokenLifetimeSec !== undefined) knobs.tokenLifetimeSec = patch.tokenLifetimeSec;
  if (patch.stallAfterRequests !== undefined) knobs.stallAfterRequests = patch.stallAfterRequests;
  for (const id of SERVICE_IDS) {
    const limit = patch.rateLimit?.[id];
    if (limit !== undefined) knobs.rateLimit[id] = limit;
    const trickle = patch.trickleMs?.[id];
    if (trickle !== undefined) knobs.trickleMs[id] = trickle;
  }
  return knobs;
}
