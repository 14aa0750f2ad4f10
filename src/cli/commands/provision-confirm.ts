import { UsageError } from "../../errors.js";
import type { Context } from "../context.js";
import { ask } from "../io.js";

/**
 * A person confirms on a terminal; a script must say --yes, so Acronis is never changed
 * silently. `what` names the change, e.g. "provision 2 organizations".
 */
export async function confirmed(ctx: Context, command: string, what: string): Promise<boolean> {
  if (ctx.globals.yes) return true;
  if (!ctx.out.canPrompt) {
    throw new UsageError(`${command} would ${what}, and there is no terminal to confirm it`, {
      hint: "add --yes to go ahead, or --dry-run to only see the plan",
    });
  }
  return ask((p, output) => p.confirm({ message: `${what.charAt(0).toUpperCase()}${what.slice(1)}?`, default: false }, output));
}
