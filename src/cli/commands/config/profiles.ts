import type { Context } from "../../context.js";
import { renderTable } from "../../table.js";

/** `config profiles` has no flags of its own. */
export type ConfigProfilesOptions = Record<string, never>;

/** The profiles of the config file; the one in use is marked, also when it exists only by default. */
export async function run(_opts: ConfigProfilesOptions, ctx: Context): Promise<void> {
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
