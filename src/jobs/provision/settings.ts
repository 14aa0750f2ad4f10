import type { ProfileConfig } from "../../config/profile-config.js";
import { UsageError } from "../../errors.js";
import { isUnconfigured, type Unconfigured } from "../job.js";
import { acronisCustomerSettings, type ProvisionSettings } from "../shared/acronis-customers/settings.js";
import type { ProvisionSelection } from "./plan/plan-provision.js";

export interface ProvisionJobSettings {
  /** The profile's provision settings (`provision config`). */
  profile: ProvisionSettings;
  /** Which organizations this run provisions. */
  selection: ProvisionSelection;
}

/**
 * Under `sync`: only organizations that appeared since the last run (and only with
 * auto-provision on); a half-done provisioning is always resumed.
 */
export function provisionSettings(config: ProfileConfig, env: NodeJS.ProcessEnv): ProvisionJobSettings | Unconfigured {
  const profile = acronisCustomerSettings(config, env);
  return isUnconfigured(profile) ? profile : { profile, selection: { kind: "appeared" } };
}

export interface ProvisionSelectionFlags {
  orgs: readonly string[];
  allUnmapped?: boolean;
}

/** The organizations `provision` is given: named ones or --all-unmapped, never both, never neither. */
export function selectionFromFlags(flags: ProvisionSelectionFlags): ProvisionSelection {
  if (flags.allUnmapped === true && flags.orgs.length > 0) throw new UsageError("name organizations or use --all-unmapped, not both");
  if (flags.allUnmapped === true) return { kind: "all-unmapped" };
  if (flags.orgs.length === 0) {
    throw new UsageError("name the organizations to provision, or use --all-unmapped", { hint: "e.g. `ninja-bridge provision 42 \"Contoso\"` or `ninja-bridge provision --all-unmapped --dry-run`" });
  }
  return { kind: "orgs", refs: flags.orgs };
}
