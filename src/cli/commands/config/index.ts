import type { Command } from "commander";
import { lazyAction, type ContextFactory } from "../../lazy-command.js";

export function registerConfigCommands(program: Command, context: ContextFactory): void {
  const config = program
    .command("config")
    .description("read and change the settings of a profile (never secrets)")
    .addHelpText(
      "after",
      "\nSettings resolve as: flags > environment (NINJA_BRIDGE_<SERVICE>_<SETTING>) > profile > default.",
    );

  config
    .command("get")
    .description("print the effective value of a setting")
    .argument("<key>", "setting name, e.g. ninjaone.instance")
    .action(lazyAction(context, () => import("./get.js")));

  config
    .command("set")
    .description("store a setting in the profile")
    .argument("<key>", "setting name, e.g. ninjaone.instance")
    .argument("<value>", "its value")
    .action(lazyAction(context, () => import("./set.js")));

  config
    .command("unset")
    .description("remove a setting from the profile")
    .argument("<key>", "setting name")
    .action(lazyAction(context, () => import("./unset.js")));

  config
    .command("profiles")
    .description("list the profiles of the config file and which one is in use")
    .action(lazyAction(context, () => import("./profiles.js")));

  config
    .command("list")
    .description("list every setting with its effective value and where it comes from")
    .action(lazyAction(context, () => import("./list.js")));
}
