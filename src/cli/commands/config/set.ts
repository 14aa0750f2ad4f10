import { assertSettingKey, parseSetting, settingEnvName } from "../../../config/settings.js";
import type { Context } from "../../context.js";
import { reportChange } from "./change-report.js";

export interface ConfigSetOptions {
  key: string;
  value: string;
}

/** `config set`: stores the value once it parses; a dry run only says what would change. */
export async function run({ key, value: raw }: ConfigSetOptions, ctx: Context): Promise<void> {
  assertSettingKey(key);
  const config = await ctx.config();
  const before = config.stored(key);
  if (ctx.dryRun) {
    const value = parseSetting(key, raw, "the command line");
    reportChange(ctx, { key, before, after: value, changed: before !== value, dryRun: true });
    return;
  }
  const value = config.set(key, raw);
  reportChange(ctx, { key, before, after: value, changed: before !== value, dryRun: false });
  const envName = settingEnvName(key);
  if (ctx.env[envName]) ctx.out.warn(`${envName} is set in the environment and overrides this value`);
}
