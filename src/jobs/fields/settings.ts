import { z } from "zod";
import { isConfigured } from "../../clients/connect.js";
import type { ProfileConfig } from "../../config/profile-config.js";
import { ConfigError, UsageError } from "../../errors.js";
import { TARGET_SERVICES, type TargetService } from "../../services.js";
import { readDevicesSettings } from "../shared/devices/settings.js";
import type { Unconfigured } from "../job.js";
import type { FieldMapping } from "./plan/index.js";
import { TENANTS_PER_READ } from "../shared/estates/acronis-batches.js";

/** The settings document of the fields job, stored per profile under `jobs.fields`. */
export interface FieldsSettings {
  /** Source id → NinjaOne custom field API name. */
  mappings: Record<string, string>;
  /** The user summary lists licensed users only. */
  licensedUsersOnly: boolean;
  /** Licences (names or SKU ids) the tenant summary leaves out of its unused count (CIPP#4878). */
  unusedLicenceExclusions?: string[];
  /**
   * Role field API name → the device roles that have it (`fields map … --roles`): NinjaOne's API
   * does not say which roles carry a role field, and refuses it on a device of another role.
   */
  roleFields?: Record<string, number[]>;
}

export const JOB = "fields";

const settingsSchema = z.strictObject({
  mappings: z.record(z.string().min(1), z.string().min(1)).default({}),
  licensedUsersOnly: z.boolean().default(false),
  unusedLicenceExclusions: z.array(z.string().trim().min(1)).optional(),
  roleFields: z.record(z.string().min(1), z.array(z.number().int().positive()).min(1)).optional(),
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

export type SourceChoice = TargetService | "all";
export const SOURCE_CHOICES: readonly SourceChoice[] = ["acronis", "cipp", "all"];

/**
 * Organizations per batch under `sync`: small enough that NinjaOne's writes start early, large
 * enough that the next batch's reads (CIPP, Acronis) finish while this one is written, and as
 * many as one Acronis listing takes, so a batch's customers cost one status request.
 */
export const SYNC_BATCH_SIZE = TENANTS_PER_READ;

/** What one run of the fields job works from: the stored mappings, and what this run writes. */
export interface FieldsJobSettings extends FieldsSettings {
  /** Which sources to write. */
  source: SourceChoice;
  /** Only these organizations (ids or names); undefined for every mapped one. */
  orgs?: readonly string[];
  /** Rewrite every field, changed or not. */
  full: boolean;
  /** Leave out Microsoft 365 tenants read (with every write landed) within this many minutes; 0 reads all. */
  cippFreshForMinutes: number;
  /** Services with connection settings in this profile. */
  configured: TargetService[];
  /** The profile's name, for what a person reads. */
  profile: string;
  /**
   * Linked organizations planned and written at a time, the next batch read while this one is
   * written; undefined plans every organization before writing (a command shows the whole plan first).
   */
  batchSize?: number;
  /** A deleted device's link, and its cached field values, are dropped this many days after it was marked gone. */
  forgetAfterDays: number;
  /** The NinjaOne device field holding the Entra device id (`devices config --entra-id-field`), matched first against Intune. */
  entraIdField?: string;
  /**
   * The compliance lane (`sync --jobs compliance`): only Intune compliance is written, and the
   * tenants it reads are not recorded as read, since their summaries were not written.
   */
  complianceOnly?: true;
}

/** How long a gone device link is kept, by default. */
export const FORGET_AFTER_DAYS = 30;

/** The settings `sync` runs the job with: every mapped source, the freshness window of sync.cippRefreshMinutes, in batches. */
export function fieldsJobSettings(config: ProfileConfig, env: NodeJS.ProcessEnv): FieldsJobSettings {
  return {
    ...readFieldsSettings(config),
    source: "all",
    full: false,
    cippFreshForMinutes: Number(config.resolve("sync.cippRefreshMinutes", env)?.value ?? 0),
    configured: TARGET_SERVICES.filter((s) => isConfigured(config, env, s)),
    profile: config.profile,
    batchSize: SYNC_BATCH_SIZE,
    forgetAfterDays: FORGET_AFTER_DAYS,
    ...readDevicesSettings(config),
  };
}

/** The one source the compliance lane writes. */
export const COMPLIANCE_SOURCE = "cipp.device-compliance";

/**
 * The compliance lane's settings: the fields job's, keeping only the Intune compliance mapping,
 * every mapped tenant read each run (sync.cippRefreshMinutes spaces the reads of summaries, which
 * this lane does not make), so cron can run it every few minutes for one list read per tenant.
 */
export function complianceJobSettings(config: ProfileConfig, env: NodeJS.ProcessEnv): FieldsJobSettings | Unconfigured {
  const settings = fieldsJobSettings(config, env);
  const field = settings.mappings[COMPLIANCE_SOURCE];
  if (field === undefined) return { unconfigured: `Intune compliance is not mapped to a NinjaOne field; map it with \`ninja-bridge fields map ${COMPLIANCE_SOURCE} <field>\`` };
  return { ...settings, mappings: { [COMPLIANCE_SOURCE]: field }, source: "cipp", cippFreshForMinutes: 0, complianceOnly: true };
}

export interface FieldsSyncFlags {
  source: string;
  org?: string[];
  full?: boolean;
  forgetAfter?: string;
}

/**
 * `fields sync`'s settings: its flags over the profile's; every mapped tenant is read (no
 * freshness window), and the whole plan is made before anything is written, so it can be shown.
 */
export function fieldsSettingsFromFlags(config: ProfileConfig, env: NodeJS.ProcessEnv, flags: FieldsSyncFlags): FieldsJobSettings {
  const source = SOURCE_CHOICES.find((c) => c === flags.source);
  if (source === undefined) throw new UsageError(`--source must be one of ${SOURCE_CHOICES.join(", ")}, not "${flags.source}"`);
  const { batchSize: _whole, ...settings } = fieldsJobSettings(config, env);
  const forgetAfterDays = flags.forgetAfter === undefined ? FORGET_AFTER_DAYS : Number(flags.forgetAfter);
  if (!Number.isInteger(forgetAfterDays) || forgetAfterDays < 0) throw new UsageError(`--forget-after must be a whole number of days (0 or more), not "${flags.forgetAfter}"`);
  return { ...settings, source, ...(flags.org ? { orgs: flags.org } : {}), full: Boolean(flags.full), cippFreshForMinutes: 0, forgetAfterDays };
}
