import { isConfigured } from "../../clients/connect.js";
import type { ProfileConfig } from "../../config/profile-config.js";
import { UsageError } from "../../errors.js";
import { TARGET_SERVICES, type TargetService } from "../../services.js";
import type { Unconfigured } from "../job.js";
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

export interface AutomapSettings {
  /** The services whose tenants are matched this run. */
  services: TargetService[];
  /** Services left out because they are not configured (named in the report). */
  notConfigured: TargetService[];
  options: AutomapOptions;
  /**
   * automap's own command lists every tenant's unmatched devices, so it reads every tenant's
   * devices and connects each service first (a missing secret stops it before any listing).
   * Under sync only the devices of unmapped tenants are read: a mapped tenant is never a candidate.
   */
  reportUnmatched: boolean;
}

/** The profile's settings: every configured service, the default thresholds. */
export function automapSettings(config: ProfileConfig, env: NodeJS.ProcessEnv): AutomapSettings | Unconfigured {
  const services = TARGET_SERVICES.filter((s) => isConfigured(config, env, s));
  if (services.length === 0) return { unconfigured: "neither Acronis nor CIPP is configured" };
  return { services, notConfigured: TARGET_SERVICES.filter((s) => !services.includes(s)), options: resolveAutomapOptions({}), reportUnmatched: false };
}
