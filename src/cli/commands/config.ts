import type { Command } from "commander";
import type { Context } from "../context.js";

export function registerConfigCommands(program: Command, context: (cmd: Command) => Context): void {
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
    .action(async (key: string, _opts: unknown, cmd: Command) => {
      const { configGet } = await import("./config-run.js");
      await configGet(context(cmd), key);
    });

  config
    .command("set")
    .description("store a setting in the profile")
    .argument("<key>", "setting name, e.g. ninjaone.instance")
    .argument("<value>", "its value")
    .action(async (key: string, value: string, _opts: unknown, cmd: Command) => {
      const { configSet } = await import("./config-run.js");
      await configSet(context(cmd), key, value);
    });

  config
    .command("unset")
    .description("remove a setting from the profile")
    .argument("<key>", "setting name")
    .action(async (key: string, _opts: unknown, cmd: Command) => {
      const { configUnset } = await import("./config-run.js");
      await configUnset(context(cmd), key);
    });

  config
    .command("profiles")
    .description("list the profiles of the config file and which one is in use")
    .action(async (_opts: unknown, cmd: Command) => {
      const { configProfiles } = await import("./config-run.js");
      await configProfiles(context(cmd));
    });

  config
    .command("list")
    .description("list every setting with its effective value and where it comes from")
    .action(async (_opts: unknown, cmd: Command) => {
      const { configList } = await import("./config-run.js");
      await configList(context(cmd));
    });
}
