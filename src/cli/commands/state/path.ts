import { existsSync } from "node:fs";
import type { Context } from "../../context.js";

/** `state path` has no flags of its own. */
export type StatePathOptions = Record<string, never>;

/** `state path`: where this profile's state file is (--json: and whether it exists yet). */
export async function run(_opts: StatePathOptions, ctx: Context): Promise<void> {
  const file = await ctx.statePath();
  if (ctx.json) ctx.out.printJson({ profile: ctx.profile, path: file, exists: existsSync(file) });
  else ctx.out.print(file);
}
