import { z } from "zod";
import { ConfigError } from "../../errors.js";
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
