import { ConfigError } from "../../../errors.js";
import { assertSettingKey, settingEnvName } from "../../../config/settings.js";
import type { Context } from "../../context.js";

export interface ConfigGetOptions {
  key: string;
}

/** `config get`: the effective value of a setting (environment > profile > default); unset is a config error, except in --json. */
export async function run({ key }: ConfigGetOptions, ctx: Context): Promise<void> {
  assertSettingKey(key);
  const config = await ctx.config();
  const resolved = config.resolve(key, ctx.env);
  if (ctx.json) {
    ctx.out.printJson({ profile: ctx.profile, key, value: resolved?.value ?? null, source: resolved?.source ?? "unset" });
    return;
  }
  if (!resolved) {
    throw new ConfigError(`${key} is not set in profile "${ctx.profile}"`, {
      hint: `set it with 'ninja-bridge config set ${key} <value>' or the environment variable ${settingEnvName(key)}`,
    });
  }
  ctx.out.print(String(resolved.value));
}
