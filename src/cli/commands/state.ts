import type { Command } from "commander";
import type { Context } from "../context.js";

export function registerStateCommands(program: Command, context: (cmd: Command) => Context): void {
  const state = program
    .command("state")
    .description("inspect the local state file (mappings, ticket links, cursors)");

  state
    .command("path")
    .description("print where the state file of this profile is")
    .action(async (_opts: unknown, cmd: Command) => {
      const { statePath } = await import("./state-run.js");
      await statePath(context(cmd));
    });

  state
    .command("show")
    .description("summarise the state file (--json: the whole document)")
    .action(async (_opts: unknown, cmd: Command) => {
      const { stateShow } = await import("./state-run.js");
      await stateShow(context(cmd));
    });

  state
    .command("verify")
    .description("check the state file for damage, a newer version, wrong permissions or a stale lock")
    .action(async (_opts: unknown, cmd: Command) => {
      const { stateVerify } = await import("./state-run.js");
      await stateVerify(context(cmd));
    });

  state
    .command("restore")
    .description("put back <state>.bak, the version before the last write (asks first; --yes in scripts)")
    .addHelpText("after", "\nA damaged state file is kept as <state>.corrupt-<time>; a sound one becomes the new backup.")
    .action(async (_opts: unknown, cmd: Command) => {
      const { stateRestore } = await import("./state-run.js");
      await stateRestore(context(cmd));
    });
}
