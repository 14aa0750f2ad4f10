import type { ProfileConfig } from "../../config/profile-config.js";
import { isUnconfigured, type Unconfigured } from "../job.js";
import { acronisCustomerSettings, type ProvisionSettings, wholeFlag } from "../shared/acronis-customers/settings.js";

export interface DeprovisionJobSettings {
  /** Null never deletes. */
  deleteAfterDays: number | null;
  /** The most customers one run may disable; more stops the run. */
  maxDisables: number;
  /**
   * Under `sync` a due delete needs `sync --yes`, otherwise it is held and reported. The
   * command asks before applying anything (or takes --yes), so its plan may hold deletes.
   */
  deletesNeedYes: boolean;
}

/** The profile's deprovision rules, taken from `provision config` (both jobs share its settings). */
export function deprovisionRules(settings: ProvisionSettings, deletesNeedYes: boolean): DeprovisionJobSettings {
  return { deleteAfterDays: settings.deprovision.deleteAfterDays, maxDisables: settings.deprovision.maxPerRun, deletesNeedYes };
}

/** Under `sync`: only when deprovisioning is switched on. */
export function deprovisionSettings(config: ProfileConfig, env: NodeJS.ProcessEnv): DeprovisionJobSettings | Unconfigured {
  const settings = acronisCustomerSettings(config, env);
  if (isUnconfigured(settings)) return settings;
  if (!settings.deprovision.disable) return { unconfigured: "deprovisioning is off (turn it on with `ninja-bridge provision config --deprovision-disable on`)" };
  return deprovisionRules(settings, true);
}

/** --max-deprovision: the limit for this run instead of the profile's. */
export function maxDisablesFromFlag(raw: string | undefined, settings: ProvisionSettings): number {
  return raw === undefined ? settings.deprovision.maxPerRun : wholeFlag(raw, "--max-deprovision");
}
