import { UsageError } from "../../errors.js";
import type { Context } from "../context.js";
import { ask } from "../io.js";

/**
 * Destructive changes need a person's yes on a terminal, or --yes from a script; without
 * either the command stops before changing anything.
 */
export async function confirmDestructive(ctx: Context, what: string, hint: string): Promise<boolean> {
  if (ctx.globals.yes) return true;
  if (!ctx.out.canPrompt) throw new UsageError(`${what}, and there is no terminal to confirm it`, { hint });
  return ask((p, output) => p.confirm({ message: `${what[0]?.toUpperCase() ?? ""}${what.slice(1)}. Go ahead?`, default: false }, output));
}
