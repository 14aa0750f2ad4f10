import type { Command } from "commander";
import type { Context } from "./context.js";

/** Builds the Context of the command that runs, from its global options. */
export type ContextFactory = (cmd: Command) => Context;

/** What a verb's module exports: the run that a unit test calls with its own options and a Context of fake streams. */
export interface VerbModule<O> {
  run(options: O, ctx: Context): Promise<void>;
}

/** `--client-id` → clientId, `<source>` → source: the names commander gives options, used for arguments too. */
function camelCase(name: string): string {
  return name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

/**
 * The action of a verb whose module loads only when the verb runs, so `--help` loads no
 * command's implementation. The verb's run gets one options object: its flags, and its
 * arguments under their declared names (`<source>` as `source`).
 */
export function lazyAction<O>(context: ContextFactory, load: () => Promise<VerbModule<O>>): (...args: unknown[]) => Promise<void> {
  return async (...args: unknown[]) => {
    const cmd = args.at(-1) as Command;
    const options: Record<string, unknown> = { ...cmd.opts() };
    cmd.registeredArguments.forEach((argument, i) => {
      options[camelCase(argument.name())] = cmd.processedArgs[i];
    });
    const module = await load();
    await module.run(options as O, context(cmd));
  };
}
