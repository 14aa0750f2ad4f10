import { assertSettingKey } from "../../../config/settings.js";
import type { Context } from "../../context.js";
import { reportChange } from "./change-report.js";

export interface ConfigUnsetOptions {
  key: string;
}

/** `config unset`: removes the setting from the profile; the environment and defaults still apply. */
export async function run({ key }: ConfigUnsetOptions, ctx: Context): Promise<void> {
  assertSettingKey(key);
  const config = await ctx.config();
  const before = config.stored(key);
  const changed = before !== undefined && (ctx.dryRun || config.unset(key));
  reportChange(ctx, { key, before, after: undefined, changed, dryRun: ctx.dryRun });
}
