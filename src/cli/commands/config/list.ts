import type { Context } from "../../context.js";
import { renderTable } from "../../table.js";

/** `config list` has no flags of its own. */
export type ConfigListOptions = Record<string, never>;

/** `config list`: every setting, its effective value and where that comes from. */
export async function run(_opts: ConfigListOptions, ctx: Context): Promise<void> {
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
