import { z } from "zod";
import { isConfigured } from "../../../clients/connect.js";
import type { ProfileConfig } from "../../../config/profile-config.js";
import { ConfigError, UsageError } from "../../../errors.js";
import type { Unconfigured } from "../../job.js";
import { adminEmailProblem } from "./admin-email.js";

/**
 * The provision and deprovision settings of a profile (`provision config`). Defaults follow
 * the vendor's own integration: production mode, 2FA off, auto-provisioning off, and
 * deprovisioning off until asked for.
 */
export const ProvisionSettingsSchema = z.strictObject({
  mode: z.enum(["production", "trial"]).default("production"),
  /** An address, or a pattern with {orgId} and {slug}, e.g. "backup+{slug}@msp.example". */
  adminEmail: z
    .string()
    .refine((pattern) => adminEmailProblem(pattern) === undefined, { message: "must be an e-mail address, or a pattern like backup+{slug}@msp.example" })
    .optional(),
  mfa: z.boolean().default(false),
  /** Inside `sync`: provision organizations that appeared since the last run. */
  autoProvision: z.boolean().default(false),
  /**
   * The offering-item edition, e.g. per_workload or per_gigabyte; `*` (default) is every edition
   * the partner offers. Acronis' own default, `standard`, is legacy (reference acronis-api §2).
   */
  edition: z
    .string()
    .regex(/^(\*|[a-z0-9_]+)$/, "must be * or one edition name such as per_workload")
    .default("*"),
  /** Offering items to enable; empty means every item the edition offers a customer (with `*`, the partner must offer one edition). */
  offeringItems: z.array(z.string().min(1)).default([]),
  deprovision: z
    .strictObject({
      /** Inside `sync`: disable the customer of a deleted organization. */
      disable: z.boolean().default(false),
      /** Delete a customer this many days after disabling it; null never deletes. */
      deleteAfterDays: z.number().int().min(1).max(3650).nullable().default(null),
      /** The most customers one run may disable; more stops the run. */
      maxPerRun: z.number().int().min(1).default(5),
    })
    .prefault({}),
});

export type ProvisionSettings = z.infer<typeof ProvisionSettingsSchema>;
export type ProvisionSettingsInput = z.input<typeof ProvisionSettingsSchema>;

export const PROVISION_JOB = "provision";

/** The stored settings with defaults filled in; a bad stored document names the field. */
export function parseProvisionSettings(stored: unknown, profile: string): ProvisionSettings {
  const result = ProvisionSettingsSchema.safeParse(stored ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue?.path.map(String).join(".") || "(document)";
  throw new ConfigError(`The provision settings of profile "${profile}" are invalid at ${field}: ${issue?.message ?? "invalid"}`, {
    hint: "fix them with `ninja-bridge provision config` (see `provision config show`)",
  });
}

export function readProvisionSettings(config: { jobSettings(job: string): unknown }, profile: string): ProvisionSettings {
  return parseProvisionSettings(config.jobSettings(PROVISION_JOB), profile);
}

/** The provision settings both jobs run with, or why neither has anything to do in this profile. */
export function acronisCustomerSettings(config: ProfileConfig, env: NodeJS.ProcessEnv): ProvisionSettings | Unconfigured {
  if (!isConfigured(config, env, "acronis")) return { unconfigured: "Acronis is not configured" };
  return readProvisionSettings(config, config.profile);
}

/** The flags of `provision config`, as commander gives them. */
export interface ProvisionConfigFlags {
  interactive?: boolean;
  mode?: string;
  adminEmail?: string;
  mfa?: string;
  autoProvision?: string;
  edition?: string;
  offeringItems?: string;
  deprovisionDisable?: string;
  deleteAfterDays?: string;
  maxDeprovision?: string;
}

function onOff(raw: string | undefined, flag: string): boolean | undefined {
  if (raw === undefined) return undefined;
  if (raw === "on" || raw === "off") return raw === "on";
  throw new UsageError(`${flag} must be on or off, not "${raw}"`);
}

/** A count given on the command line (--delete-after-days, --max-deprovision): a whole number of at least 1. */
export function wholeFlag(raw: string, flag: string): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new UsageError(`${flag} must be a whole number of at least 1, not "${raw}"`);
  return value;
}

/** The settings with each given flag applied; values are checked by the schema afterwards. */
export function applyFlags(current: ProvisionSettings, flags: Omit<ProvisionConfigFlags, "interactive">): ProvisionSettings {
  const next: ProvisionSettings = { ...current, offeringItems: [...current.offeringItems], deprovision: { ...current.deprovision } };
  if (flags.mode !== undefined) next.mode = flags.mode === "trial" ? "trial" : "production";
  if (flags.adminEmail !== undefined) next.adminEmail = flags.adminEmail.trim();
  next.mfa = onOff(flags.mfa, "--mfa") ?? next.mfa;
  next.autoProvision = onOff(flags.autoProvision, "--auto-provision") ?? next.autoProvision;
  if (flags.edition !== undefined) next.edition = flags.edition.trim();
  if (flags.offeringItems !== undefined) next.offeringItems = itemList(flags.offeringItems);
  next.deprovision.disable = onOff(flags.deprovisionDisable, "--deprovision-disable") ?? next.deprovision.disable;
  if (flags.deleteAfterDays !== undefined) next.deprovision.deleteAfterDays = flags.deleteAfterDays === "off" ? null : wholeFlag(flags.deleteAfterDays, "--delete-after-days");
  if (flags.maxDeprovision !== undefined) next.deprovision.maxPerRun = wholeFlag(flags.maxDeprovision, "--max-deprovision");
  return next;
}

function itemList(raw: string): string[] {
  const trimmed = raw.trim();
  if (trimmed === "all" || trimmed === "") return [];
  return trimmed
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
}
