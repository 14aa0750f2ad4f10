import { type Command, Option } from "commander";
import { lazyAction, type ContextFactory } from "../../lazy-command.js";

export function registerAutomapCommand(program: Command, context: ContextFactory): void {
  program
    .command("automap")
    .description("propose and apply links from NinjaOne organizations to Acronis and Microsoft 365 tenants (names, then devices; ties never guessed)")
    .addOption(new Option("--target <service>", "which tenants to link").choices(["acronis", "cipp", "all"]).default("all"))
    .option("--min-devices <n>", "fewest matched devices an organization needs (default 2)")
    .option("--min-share <percent>", "share of a tenant's matched devices the organization must hold, e.g. 75% or 0.75 (default 60%)")
    .addHelpText(
      "after",
      "\n--dry-run prints the plan and changes nothing. Otherwise it asks before recording the links,\nor records them without asking with --yes (required when there is no terminal).",
    )
    .action(lazyAction(context, () => import("./automap.js")));
}
