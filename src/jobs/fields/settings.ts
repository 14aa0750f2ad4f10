import { z } from "zod";
import type { ProfileConfig } from "../../config/profile-config.js";
import { ConfigError } from "../../errors.js";
import type { FieldMapping } from "./plan/index.js";

/** The settings document of the fields job, stored per profile under `jobs.fields`. */
export interface FieldsSettings {
  /** Source id → NinjaOne custom field API name. */
  mappings: Record<string, string>;
  /** The user summary lists licensed users only. */
  licensedUsersOnly: boolean;
}

export const JOB = "fields";

const settingsSchema = z.strictObject({
  mappings: z.record(z.string().min(1), z.string().min(1)).default({}),
  licensedUsersOnly: z.boolean().default(false),
});

export function emptyFieldsSettings(): FieldsSettings {
  return { mappings: {}, licensedUsersOnly: false };
}

/** The stored settings, validated; a bad document is a ConfigError naming the field. */
export function parseFieldsSettings(raw: unknown, where: string): FieldsSettings {
  if (raw === undefined) return emptyFieldsSettings();
  const parsed = settingsSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const path = ["jobs", "<profile>", JOB, ...(issue?.path ?? []).map(String)].join(".");
  throw new ConfigError(`the fields settings in ${where} are not valid: ${path}: ${issue?.message ?? "invalid"}`, {
    hint: "fix that entry in the config file, or remove it and map the fields again with `ninja-bridge fields map`",
  });
}

export function readFieldsSettings(config: ProfileConfig): FieldsSettings {
  return parseFieldsSettings(config.jobSettings(JOB), config.path);
}

export function saveFieldsSettings(config: ProfileConfig, settings: FieldsSettings): void {
  config.setJobSettings(JOB, settings);
}

/** The mappings as a list, in source id order. */
export function mappingList(settings: FieldsSettings): FieldMapping[] {
  return Object.entries(settings.mappings)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([sourceId, fieldName]) => ({ sourceId, fieldName }));
}
