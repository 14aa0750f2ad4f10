import type { Command } from "commander";
import { completionScript, type COMPLETION_SHELLS } from "../../completion.js";
import type { Context } from "../../context.js";

export interface CompletionOptions {
  shell: (typeof COMPLETION_SHELLS)[number];
  /** The whole program, whose commands and flags the script completes. */
  program: Command;
}

/** `completion <shell>`: the completion script for that shell, on stdout. */
export async function run(opts: CompletionOptions, ctx: Context): Promise<void> {
  ctx.out.print(completionScript(opts.shell, opts.program));
}
