import { ConfigError, UsageError } from "../../../errors.js";
import { applyFlags, PROVISION_JOB, ProvisionSettingsSchema, readProvisionSettings, type ProvisionConfigFlags, type ProvisionSettings } from "../../../jobs/shared/acronis-customers/settings.js";
import type { Context } from "../../context.js";
import { ask } from "../../io.js";
import { renderTable } from "../../table.js";
import { settingsRows } from "./tables.js";

export interface ProvisionConfigOptions extends ProvisionConfigFlags {
  /** Turn automatic provisioning on although unmapped customers have names close to unmapped organizations. */
  force?: boolean;
}

/**
 * Before `--auto-provision on` lands: Acronis' own warning, and the unmapped customers whose
 * names are close to an unmapped organization, which `sync` would otherwise duplicate. Any
 * such pair refuses the change unless `--force`.
 */
async function checkBeforeAutoProvision(ctx: Context, force: boolean): Promise<void> {
  const [{ JobSession }, { readOrgsAndCustomers }, { closeUnmappedPairs }, { readLinks }] = await Promise.all([
    import("../../../jobs/shared/session.js"),
    import("../../../jobs/shared/acronis-customers/read.js"),
    import("../../../jobs/shared/acronis-customers/close-names.js"),
    import("../../../jobs/orgs/read.js"),
  ]);
  ctx.out.warn(
    "Acronis' integration warns: map existing customers before turning on automatic provisioning; `sync` then creates an Acronis customer for every organization that appears in NinjaOne, so a customer left unmapped gets a duplicate",
  );
  const { orgs, customers } = await readOrgsAndCustomers(new JobSession(ctx));
  const links = (await readLinks(await ctx.statePath(), "provision config", ctx.out)).acronis;
  const pairs = closeUnmappedPairs(orgs, customers, { orgIds: new Set(links.map((l) => l.orgId)), customerIds: new Set(links.map((l) => l.targetId)) });
  if (pairs.length === 0) return;
  const lines = pairs.map((p) => `  ${p.org.name} (org ${p.org.id})  ~  ${p.customer.name} (Acronis customer ${p.customer.id})`);
  const what = `${pairs.length} unmapped Acronis customer name(s) are close to an unmapped NinjaOne organization:\n${lines.join("\n")}`;
  if (!force) {
    throw new UsageError(`not turning on automatic provisioning: ${what}\nnothing was saved`, {
      hint: "map each with `ninja-bridge orgs map <org> <customer>` (or `automap`), then run this again; --force turns it on anyway",
    });
  }
  ctx.out.warn(`${what}\nturning automatic provisioning on anyway (--force)`);
}


/** `provision config show`: the settings provision and deprovision run with. */
export async function show(_options: unknown, ctx: Context): Promise<void> {
  const settings = readProvisionSettings(await ctx.config(), ctx.profile);
  if (ctx.json) ctx.out.printJson(settings);
  else ctx.out.print(renderTable(["Setting", "Value"], settingsRows(settings)));
}

/** Flags change only what they name; --interactive asks for every setting, starting from the current ones. */
export async function run(flags: ProvisionConfigOptions, ctx: Context): Promise<void> {
  const config = await ctx.config();
  const current = readProvisionSettings(config, ctx.profile);
  const { interactive, force, ...changes } = flags;
  const given = Object.values(changes).some((v) => v !== undefined);
  if (!interactive && !given) {
    throw new UsageError("nothing to change: pass a setting flag or --interactive", { hint: "see `ninja-bridge provision config --help`; `provision config show` prints the settings" });
  }
  let next = applyFlags(current, changes);
  if (interactive) {
    if (!ctx.out.canPrompt) throw new UsageError("--interactive needs a terminal", { hint: "pass the settings as flags instead" });
    next = await askSettings(next);
  }
  const checked = ProvisionSettingsSchema.safeParse(next);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    throw new ConfigError(`invalid provision setting ${issue?.path.map(String).join(".") ?? ""}: ${issue?.message ?? "invalid"}`);
  }
  if (checked.data.autoProvision && !current.autoProvision) await checkBeforeAutoProvision(ctx, force === true);
  if (!ctx.dryRun) config.setJobSettings(PROVISION_JOB, checked.data);
  if (ctx.json) ctx.out.printJson(checked.data);
  else ctx.out.print(renderTable(["Setting", "Value"], settingsRows(checked.data)));
  if (ctx.dryRun) ctx.out.info("dry run: nothing saved");
  else ctx.out.outcome(`saved the provision settings of profile "${ctx.profile}"`);
}

function askSettings(current: ProvisionSettings): Promise<ProvisionSettings> {
  return ask(async ({ confirm, input, select }, output) => {
    const mode = await select({ message: "Pricing mode of new customers", choices: [{ value: "production" as const }, { value: "trial" as const }], default: current.mode }, output);
    const adminEmail = await input(
      { message: "Admin e-mail of new customers ({orgId} and {slug} fill in per organization)", default: current.adminEmail ?? "", validate: (v) => v.trim() !== "" || "an address or pattern is needed" },
      output,
    );
    const mfa = await confirm({ message: "Two-factor authentication for new customers?", default: current.mfa }, output);
    const autoProvision = await confirm({ message: "Let `sync` provision organizations that appear in NinjaOne?", default: current.autoProvision }, output);
    const edition = await input({ message: "Offering-item edition (* for every edition the partner offers)", default: current.edition }, output);
    const items = await input({ message: "Offering items to enable (comma-separated, or all)", default: current.offeringItems.join(",") || "all" }, output);
    const disable = await confirm({ message: "Let `sync` disable the customer of a deleted organization?", default: current.deprovision.disable }, output);
    const days = await input(
      { message: "Delete a disabled customer after how many days (or off)?", default: current.deprovision.deleteAfterDays === null ? "off" : String(current.deprovision.deleteAfterDays) },
      output,
    );
    return applyFlags(
      { ...current, mode, mfa, autoProvision, deprovision: { ...current.deprovision, disable } },
      { adminEmail, edition, offeringItems: items, deleteAfterDays: days },
    );
  });
}
