import { z } from "zod";
import type { ProfileConfig } from "../../config/profile-config.js";
import { ConfigError, UsageError } from "../../errors.js";
import type { Unconfigured } from "../job.js";
import { DEFAULT_ROLES, DEVICE_OSES, DEVICE_ROLES, type DeviceOs, type DeviceRole } from "./plan/device-kind.js";

export const JOB = "agents";

/** What `agents config` stores per profile under `jobs.agents`. */
const storedSchema = z.strictObject({
  /** The NinjaOne organization field the install scripts read the registration token from. */
  tokenField: z.string().min(1).optional(),
  /** Lifetime asked for each token, in days; the sandbox (and, UNVERIFIED, Acronis) refuses more than 30. */
  tokenLifetimeDays: z.number().int().min(1).max(30).default(30),
  /** Renew a token this many days before it expires. */
  renewDays: z.number().int().min(0).default(7),
  /** `sync` also sends the install scripts, not only renews tokens. Off unless turned on. */
  deployInSync: z.boolean().default(false),
  /** The install scripts `sync` sends (ids or exact names). */
  scripts: z.array(z.string().min(1)).default([]),
  maxDeploys: z.number().int().min(1).default(25),
  retryAfterHours: z.number().int().min(1).default(24),
});
export type AgentsStored = z.infer<typeof storedSchema>;

export function readAgentsStored(config: ProfileConfig): AgentsStored {
  const parsed = storedSchema.safeParse(config.jobSettings(JOB) ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new ConfigError(`the agents settings in ${config.path} are not valid: jobs.<profile>.agents.${(issue?.path ?? []).join(".")}: ${issue?.message ?? "invalid"}`, {
    hint: "fix that entry, or set it again with `ninja-bridge agents config`",
  });
}

export function saveAgentsStored(config: ProfileConfig, stored: AgentsStored): void {
  config.setJobSettings(JOB, stored);
}

export type AgentsMode = "status" | "token" | "deploy" | "sync";

/** What one run of the agents job works from. */
export interface AgentsSettings extends AgentsStored {
  mode: AgentsMode;
  /** Organizations by id or name; undefined for every mapped one. */
  orgs?: readonly string[];
  roles: readonly DeviceRole[];
  oses?: readonly DeviceOs[];
  /** An agent offline longer than this is "offline", not protected. */
  offlineDays: number;
}

export const DEFAULT_OFFLINE_DAYS = 7;

/** Under `sync`: renew tokens when a token field is set; send install scripts only when turned on. */
export function agentsSyncSettings(config: ProfileConfig): AgentsSettings | Unconfigured {
  const stored = readAgentsStored(config);
  if (stored.tokenField === undefined) return { unconfigured: "no token field is set (`ninja-bridge agents config --token-field <field>`)" };
  return { ...stored, mode: "sync", roles: DEFAULT_ROLES, offlineDays: DEFAULT_OFFLINE_DAYS };
}

export interface AgentsFlags {
  org?: string[];
  role?: string;
  os?: string;
  offlineDays?: string;
  renewDays?: string;
  script?: string[];
  max?: string;
  retryAfter?: string;
}

function list<T extends string>(raw: string | undefined, allowed: readonly T[], flag: string): T[] | undefined {
  if (raw === undefined) return undefined;
  const items = raw.split(",").map((s) => s.trim().toLowerCase()).filter((s) => s !== "");
  const bad = items.filter((i) => !(allowed as readonly string[]).includes(i));
  if (items.length === 0 || bad.length > 0) throw new UsageError(`${flag} takes a comma-separated list of ${allowed.join(", ")}; not "${bad.join(",") || raw}"`);
  return items as T[];
}

function whole(raw: string | undefined, flag: string, min: number): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^\d+$/.test(raw.trim()) || Number(raw) < min) throw new UsageError(`${flag} must be a whole number of at least ${min}, not "${raw}"`);
  return Number(raw);
}

/** A command's settings: its flags over the profile's. */
export function agentsSettingsFromFlags(config: ProfileConfig, mode: AgentsMode, flags: AgentsFlags): AgentsSettings {
  const stored = readAgentsStored(config);
  const oses = list(flags.os, DEVICE_OSES, "--os");
  return {
    ...stored,
    mode,
    ...(flags.org === undefined ? {} : { orgs: flags.org }),
    roles: list(flags.role, DEVICE_ROLES, "--role") ?? DEFAULT_ROLES,
    ...(oses === undefined ? {} : { oses }),
    offlineDays: whole(flags.offlineDays, "--offline-days", 0) ?? DEFAULT_OFFLINE_DAYS,
    renewDays: whole(flags.renewDays, "--renew-days", 0) ?? stored.renewDays,
    scripts: flags.script ?? stored.scripts,
    maxDeploys: whole(flags.max, "--max", 1) ?? stored.maxDeploys,
    retryAfterHours: whole(flags.retryAfter, "--retry-after", 1) ?? stored.retryAfterHours,
  };
}
