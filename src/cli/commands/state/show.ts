import { describeState, openState } from "../../../state/index.js";
import type { Context } from "../../context.js";
import { summaryTable } from "./summary-table.js";

/** `state show` has no flags of its own. */
export type StateShowOptions = Record<string, never>;

/** `state show`: a summary table, or the whole document with --json. */
export async function run(_opts: StateShowOptions, ctx: Context): Promise<void> {
  const file = await ctx.statePath();
  const state = await openState(file, { mode: "read", logger: ctx.out });
  if (!state.exists) {
    ctx.out.warn(`no state file yet at ${file}; the first command that records something creates it`);
    if (ctx.json) ctx.out.printJson(null);
    return;
  }
  if (ctx.json) ctx.out.printJson(state.data);
  else ctx.out.print(summaryTable(file, describeState(state.data)));
}
