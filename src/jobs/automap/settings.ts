import { UsageError } from "../../errors.js";
import { resolveAutomapOptions, type AutomapOptions } from "./plan/index.js";

export interface AutomapFlags {
  minDevices?: string;
  minShare?: string;
}

/** Turns --min-devices and --min-share into matcher options, refusing values that could let a stray device decide. */
export function automapOptionsFromFlags(flags: AutomapFlags): AutomapOptions {
  const options: Partial<AutomapOptions> = {};
  if (flags.minDevices !== undefined) options.minDevices = parseMinDevices(flags.minDevices);
  if (flags.minShare !== undefined) options.minShare = parseShare(flags.minShare);
  return resolveAutomapOptions(options);
}

function parseMinDevices(raw: string): number {
  const value = Number(raw.trim());
  if (raw.trim() === "" || !Number.isInteger(value) || value < 1) {
    throw new UsageError(`--min-devices takes a whole number of at least 1, not "${raw}"`, { hint: "e.g. --min-devices 3" });
  }
  return value;
}

/**
 * A share as a person writes it: "75%", "75" or "0.75". A valid share is above one half, so
 * a number above 1 can only be a percentage and one at most 1 only a fraction.
 */
export function parseShare(raw: string): number {
  const text = raw.trim();
  const percent = text.endsWith("%");
  const number = Number(percent ? text.slice(0, -1).trim() : text);
  const share = percent || number > 1 ? number / 100 : number;
  if (text === "" || text === "%" || !Number.isFinite(number) || !(share > 0.5 && share <= 1)) {
    throw new UsageError(`--min-share must be a majority: above 50% and at most 100%, not "${raw}"`, { hint: "e.g. --min-share 75% (or 0.75)" });
  }
  return share;
}
