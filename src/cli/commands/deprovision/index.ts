import type { Command } from "commander";
import { lazyAction, type ContextFactory } from "../../lazy-command.js";

export function registerDeprovisionCommand(program: Command, context: ContextFactory): void {
  program
    .command("deprovision")
    .description("disable the Acronis customer of a deleted NinjaOne organization; delete it N days later; re-enable it if the organization returns")
    .option("--max-deprovision <n>", "most customers one run may disable (default: the profile's, 5)")
    .addHelpText(
      "after",
      "\nStops without changing anything when NinjaOne lists no organizations, or when more customers\nwould be disabled than allowed. Deletes happen only with delete-after-days set\n(`provision config --delete-after-days 30`) and always need --yes or a confirmation.",
    )
    .action(lazyAction(context, () => import("./deprovision.js")));
}
