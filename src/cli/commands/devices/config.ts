import { collect } from "../../../clients/async-lists.js";
import { listCustomFieldDefinitions } from "../../../clients/ninjaone/custom-fields.js";
import { UsageError } from "../../../errors.js";
import { checkEntraField } from "../../../jobs/devices/plan/entra-field.js";
import { readDevicesSettings, saveDevicesSettings } from "../../../jobs/shared/devices/settings.js";
import { JobSession } from "../../../jobs/shared/session.js";
import type { Context } from "../../context.js";

export interface DevicesConfigOptions {
  entraIdField?: string;
}

/** Shows the device-pairing settings, or sets the Entra device id field once NinjaOne confirms it fits. */
export async function run(opts: DevicesConfigOptions, ctx: Context): Promise<void> {
  const config = await ctx.config();
  const current = readDevicesSettings(config);
  if (opts.entraIdField === undefined) {
    if (ctx.json) ctx.out.printJson({ entraIdField: current.entraIdField ?? null });
    else ctx.out.print(`entra-id-field: ${current.entraIdField ?? "(not set: Intune devices are matched by serial, then name)"}`);
    return;
  }
  const { http } = await new JobSession(ctx).ninjaone();
  const checked = checkEntraField(await collect(listCustomFieldDefinitions(http)), opts.entraIdField);
  if (!checked.ok) {
    if (ctx.json) ctx.out.printJson({ saved: false, reasons: checked.reasons });
    throw new UsageError(`cannot use "${opts.entraIdField}" for the Entra device id: ${checked.reasons.join("; ")}`, { hint: "`ninja-bridge fields list --scope device` lists the device fields" });
  }
  const name = checked.field.name;
  const unchanged = current.entraIdField === name;
  if (!ctx.dryRun && !unchanged) saveDevicesSettings(config, { ...current, entraIdField: name });
  if (ctx.json) ctx.out.printJson({ saved: !ctx.dryRun && !unchanged, dryRun: ctx.dryRun, entraIdField: name, unchanged });
  if (unchanged) ctx.out.success(`already set: entra-id-field ${name}`);
  else if (ctx.dryRun) ctx.out.info(`dry run: would set entra-id-field ${name}; nothing saved`);
  else ctx.out.success(`entra-id-field set to ${name}: Intune devices are matched by the Entra device id it holds first`);
}
