import { UsageError } from "../../errors.js";
import type { Context } from "../context.js";

/**
 * Destructive changes need a person's yes on a terminal, or --yes from a script; without
 * either the command stops before changing anything.
 */
export async function confirmDestructive(ctx: Context, what: string, hint: string): Promise<boolean> {
  if (ctx.globals.yes) return true;
  if (!ctx.out.canPrompt) throw new UsageError(`${what}, and there is no terminal to confirm it`, { hint });
  const { confirm } = await import("@inquirer/prompts");
  return confirm({ message: `${what[0]?.toUpperCase() ?? ""}${what.slice(1)}. Go ahead?`, default: false }, { output: process.stderr });
}
