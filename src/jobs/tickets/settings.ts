import type { ProfileConfig } from "../../config/profile-config.js";
import { ConfigError } from "../../errors.js";
import { TicketSettingsSchema, type TicketSettings } from "./plan/index.js";

/** The job name its settings are stored under in the profile. */
export const TICKETS_JOB = "tickets";

/** The profile's `tickets config`, or the defaults when none is stored. A bad document names the field. */
export function readTicketSettings(config: ProfileConfig): TicketSettings {
  const stored = config.jobSettings(TICKETS_JOB);
  const parsed = TicketSettingsSchema.safeParse(stored ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue === undefined || issue.path.length === 0 ? "(root)" : issue.path.map(String).join(".");
  throw new ConfigError(`the tickets settings of profile "${config.profile}" in ${config.path} are not valid: ${field}: ${issue?.message ?? "invalid"}`, {
    hint: "fix it with `ninja-bridge tickets config`, or start again from the defaults with `ninja-bridge tickets config --reset`",
  });
}

/** Validates and stores the settings; the stored document is the parsed one, defaults filled in. */
export function storeTicketSettings(config: ProfileConfig, settings: unknown): TicketSettings {
  const parsed = TicketSettingsSchema.parse(settings);
  config.setJobSettings(TICKETS_JOB, parsed);
  return parsed;
}
