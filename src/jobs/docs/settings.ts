import { z } from "zod";
import { isConfigured } from "../../clients/connect.js";
import type { ProfileConfig } from "../../config/profile-config.js";
import { ConfigError, UsageError } from "../../errors.js";
import type { Unconfigured } from "../job.js";
import { DEFAULT_TEMPLATE_NAMES, type DocKind } from "./plan/templates.js";

export const JOB = "docs";

/** Archives per organization a run makes at most; more means CIPP's list is likely wrong. */
export const DEFAULT_MAX_ARCHIVE = 10;

/** The settings document of the docs job, stored per profile under `jobs.docs`. */
export interface DocsSettings {
  userTemplate: string;
  licenceTemplate: string;
  /** Users holding no licence get no document; unset, the fields job's `licensedUsersOnly` decides, as CIPP's one switch does. */
  licensedUsersOnly?: boolean;
}

const settingsSchema = z.strictObject({
  userTemplate: z.string().trim().min(1).default(DEFAULT_TEMPLATE_NAMES.user),
  licenceTemplate: z.string().trim().min(1).default(DEFAULT_TEMPLATE_NAMES.licence),
  licensedUsersOnly: z.boolean().optional(),
});

export function readDocsSettings(config: ProfileConfig): DocsSettings {
  const parsed = settingsSchema.safeParse(config.jobSettings(JOB) ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new ConfigError(`the docs settings in ${config.path} are not valid: jobs.<profile>.docs.${(issue?.path ?? []).map(String).join(".")}: ${issue?.message ?? "invalid"}`, {
    hint: "fix that entry, or set it again with `ninja-bridge docs config`",
  });
}

export function saveDocsSettings(config: ProfileConfig, settings: DocsSettings): void {
  config.setJobSettings(JOB, settings);
}

/** What one run of the docs job works from. */
export interface DocsJobSettings {
  templateNames: Record<DocKind, string>;
  licensedOnly: boolean;
  /** Only these organizations (ids or names); undefined for every organization mapped to a Microsoft 365 tenant. */
  orgs?: readonly string[];
  maxArchive: number;
  /** Leave out tenants read (with every write landed) within this many minutes; 0 reads all. */
  cippFreshForMinutes: number;
}

function fieldsLicensedOnly(config: ProfileConfig): boolean {
  const fields = config.jobSettings("fields");
  return typeof fields === "object" && fields !== null && (fields as { licensedUsersOnly?: unknown }).licensedUsersOnly === true;
}

/** The settings `sync` runs the job with: the freshness window of sync.cippRefreshMinutes. */
export function docsJobSettings(config: ProfileConfig, env: NodeJS.ProcessEnv): DocsJobSettings | Unconfigured {
  if (!isConfigured(config, env, "cipp")) return { unconfigured: `CIPP is not configured in profile "${config.profile}"` };
  const stored = readDocsSettings(config);
  return {
    templateNames: { user: stored.userTemplate, licence: stored.licenceTemplate },
    licensedOnly: stored.licensedUsersOnly ?? fieldsLicensedOnly(config),
    maxArchive: DEFAULT_MAX_ARCHIVE,
    cippFreshForMinutes: Number(config.resolve("sync.cippRefreshMinutes", env)?.value ?? 0),
  };
}

export interface DocsSyncFlags {
  org?: string[];
  licensedOnly?: boolean;
  maxArchive?: string;
}

/** `docs sync`'s settings: its flags over the profile's; every mapped tenant is read. */
export function docsSettingsFromFlags(config: ProfileConfig, env: NodeJS.ProcessEnv, flags: DocsSyncFlags): DocsJobSettings {
  const base = docsJobSettings(config, env);
  if ("unconfigured" in base) throw new ConfigError(`docs sync reads Microsoft 365 through CIPP, but ${base.unconfigured}`, { hint: "run `ninja-bridge auth cipp` first" });
  let maxArchive = base.maxArchive;
  if (flags.maxArchive !== undefined) {
    maxArchive = Number(flags.maxArchive);
    if (!Number.isInteger(maxArchive) || maxArchive < 0) throw new UsageError(`--max-archive must be a whole number of 0 or more, not "${flags.maxArchive}"`);
  }
  return { ...base, ...(flags.org ? { orgs: flags.org } : {}), licensedOnly: flags.licensedOnly === true || base.licensedOnly, maxArchive, cippFreshForMinutes: 0 };
}
