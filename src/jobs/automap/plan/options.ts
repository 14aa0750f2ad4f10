import { UsageError } from "../../../errors.js";
import type { AutomapOptions } from "./types.js";

export const DEFAULT_AUTOMAP_OPTIONS: Readonly<AutomapOptions> = { minDevices: 2, minShare: 0.6, minLead: 2 };

/** Fills defaults and refuses settings under which a single stray device could decide a link. */
export function resolveAutomapOptions(options: Partial<AutomapOptions> = {}): AutomapOptions {
  const resolved = { ...DEFAULT_AUTOMAP_OPTIONS, ...options };
  if (!Number.isInteger(resolved.minDevices) || resolved.minDevices < 1) {
    throw new UsageError(`minimum devices must be a whole number of at least 1, not ${resolved.minDevices}`);
  }
  if (!Number.isInteger(resolved.minLead) || resolved.minLead < 1) {
    throw new UsageError(`minimum lead must be a whole number of at least 1, not ${resolved.minLead}`);
  }
  if (!(resolved.minShare > 0.5 && resolved.minShare <= 1)) {
    throw new UsageError(`minimum share must be above 0.5 (a majority) and at most 1, not ${resolved.minShare}`);
  }
  return resolved;
}
