import { ConfigError } from "../../errors.js";
import { assertSettingKey, settingEnvName } from "../../config/settings.js";
import type { Context } from "../context.js";
import { renderTable } from "../table.js";

export async function configGet(ctx: Context, key: string): Promise<void> {
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

export async function configSet(ctx: Context, key: string, raw: string): Promise<void> {
  assertSettingKey(key);
  const config = await ctx.config();
  const before = config.stored(key);
  if (ctx.dryRun) {
    const { parseSetting } = await import("../../config/settings.js");
    const value = parseSetting(key, raw, "the command line");
    report(ctx, { key, before, after: value, changed: before !== value, dryRun: true });
    return;
  }
  const value = config.set(key, raw);
  report(ctx, { key, before, after: value, changed: before !== value, dryRun: false });
  const envName = settingEnvName(key);
  if (ctx.env[envName]) ctx.out.warn(`${envName} is set in the environment and overrides this value`);
}

export async function configUnset(ctx: Context, key: string): Promise<void> {
  assertSettingKey(key);
  const config = await ctx.config();
  const before = config.stored(key);
  const changed = before !== undefined && (ctx.dryRun || config.unset(key));
  report(ctx, { key, before, after: undefined, changed, dryRun: ctx.dryRun });
}

export async function configList(ctx: Context): Promise<void> {
  const config = await ctx.config();
  const rows = config.list(ctx.env);
  if (ctx.json) {
    ctx.out.printJson({
      profile: ctx.profile,
      file: config.path,
      settings: rows.map((r) => ({ key: r.key, value: r.value ?? null, source: r.source })),
    });
    return;
  }
  ctx.out.info(`profile "${ctx.profile}" (${config.path})`);
  ctx.out.print(renderTable(["KEY", "VALUE", "SOURCE"], rows.map((r) => [r.key, r.value, r.source])));
}

/** The profiles of the config file; the one in use is marked, also when it exists only by default. */
export async function configProfiles(ctx: Context): Promise<void> {
  const config = await ctx.config();
  const names = [...new Set([...config.profileNames(), ctx.profile])].sort();
  const stored = config.allProfiles();
  const rows = names.map((name) => ({ name, active: name === ctx.profile, settings: Object.keys(stored[name] ?? {}).length, stored: config.profileNames().includes(name) }));
  if (ctx.json) {
    ctx.out.printJson({ active: ctx.profile, file: config.path, profiles: rows });
    return;
  }
  ctx.out.print(renderTable(["PROFILE", "IN USE", "SETTINGS"], rows.map((r) => [r.name, r.active ? "yes" : "", r.stored ? r.settings : "none stored yet"])));
  ctx.out.info(`choose one with --profile <name> or NINJA_BRIDGE_PROFILE; they live in ${config.path}`);
}

interface Change {
  key: string;
  before: string | number | undefined;
  after: string | number | undefined;
  changed: boolean;
  dryRun: boolean;
}

function report(ctx: Context, change: Change): void {
  if (ctx.json) {
    ctx.out.printJson({
      profile: ctx.profile,
      key: change.key,
      before: change.before ?? null,
      after: change.after ?? null,
      changed: change.changed,
      dryRun: change.dryRun,
    });
    return;
  }
  const verb = change.after === undefined ? "unset" : `set to ${JSON.stringify(change.after)}`;
  if (!change.changed) {
    ctx.out.warn(`${change.key} is already ${change.after === undefined ? "unset" : JSON.stringify(change.after)} in profile "${ctx.profile}"`);
  } else if (change.dryRun) {
    ctx.out.err(`would change ${change.key} in profile "${ctx.profile}": ${verb} (dry run, nothing written)`);
  } else {
    ctx.out.success(`${change.key} ${verb} in profile "${ctx.profile}"`);
  }
}
