import { z } from "zod";
import type { ProfileConfig } from "../../../config/profile-config.js";
import { ConfigError } from "../../../errors.js";

/**
 * The device-pairing settings, stored per profile under `jobs.devices`; shared because every
 * job that pairs devices (fields, and agents) reads them.
 */
export interface DevicesSettings {
  /** The NinjaOne device custom field (API name) holding the Entra device id, matched first against Intune. */
  entraIdField?: string;
}

export const DEVICES_JOB = "devices";

const settingsSchema = z.strictObject({ entraIdField: z.string().min(1).optional() });

export function readDevicesSettings(config: ProfileConfig): DevicesSettings {
  const raw = config.jobSettings(DEVICES_JOB);
  if (raw === undefined) return {};
  const parsed = settingsSchema.safeParse(raw);
  if (parsed.success) return parsed.data.entraIdField === undefined ? {} : { entraIdField: parsed.data.entraIdField };
  const issue = parsed.error.issues[0];
  const path = ["jobs", "<profile>", DEVICES_JOB, ...(issue?.path ?? []).map(String)].join(".");
  throw new ConfigError(`the devices settings in ${config.path} are not valid: ${path}: ${issue?.message ?? "invalid"}`, {
    hint: "fix that entry in the config file, or set it again with `ninja-bridge devices config --entra-id-field <field>`",
  });
}

export function saveDevicesSettings(config: ProfileConfig, settings: DevicesSettings): void {
  config.setJobSettings(DEVICES_JOB, settings);
}
