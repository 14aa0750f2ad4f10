import type { Command } from "commander";
import { lazyAction, type ContextFactory } from "../../lazy-command.js";

export function registerStateCommands(program: Command, context: ContextFactory): void {
  const state = program
    .command("state")
    .description("inspect the local state file (mappings, ticket links, cursors)");

  state
    .command("path")
    .description("print where the state file of this profile is")
    .action(lazyAction(context, () => import("./path.js")));

  state
    .command("show")
    .description("summarise the state file (--json: the whole document)")
    .action(lazyAction(context, () => import("./show.js")));

  state
    .command("verify")
    .description("check the state file for damage, a newer version, wrong permissions or a stale lock")
    .action(lazyAction(context, () => import("./verify.js")));

  state
    .command("restore")
    .description("put back <state>.bak, the version before the last write (asks first; --yes in scripts)")
    .addHelpText("after", "\nA damaged state file is kept as <state>.corrupt-<time>; a sound one becomes the new backup.")
    .action(lazyAction(context, () => import("./restore.js")));
}
