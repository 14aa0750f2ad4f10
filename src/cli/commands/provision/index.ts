import { type Command, Option } from "commander";
import { lazyAction, type ContextFactory } from "../../lazy-command.js";
import { registerDeprovisionCommand } from "../deprovision/index.js";

const onOff = (flag: string, what: string) => new Option(`${flag} <on|off>`, what).choices(["on", "off"]);

/** provision, its settings (which deprovision shares), and deprovision right after it. */
export function registerProvisionCommands(program: Command, context: ContextFactory): void {
  const provision = program
    .command("provision")
    .description("create Acronis customer tenants for NinjaOne organizations that have none: 2FA, services, pricing, admin user, mapping")
    .argument("[org...]", "organizations to provision, by id or name")
    .option("--all-unmapped", "every organization with no Acronis customer")
    .addHelpText(
      "after",
      "\nEach step is recorded in the state file as it lands; a re-run resumes where a failed or\nkilled run stopped and never creates a second tenant or user. An unmapped customer with the\nsame name is refused: map it with `orgs map` instead. --dry-run prints the plan; applying asks\nfirst, or needs --yes when there is no terminal. Settings: `provision config`.",
    )
    .action(lazyAction(context, () => import("./provision.js")));

  const config = provision
    .command("config")
    .description("change the provision and deprovision settings of the profile")
    .option("--interactive", "ask for each setting (needs a terminal)")
    .addOption(new Option("--mode <mode>", "pricing mode of new customers").choices(["production", "trial"]))
    .option("--admin-email <address>", "admin e-mail of new customers, or a pattern with {orgId} and {slug}")
    .addOption(onOff("--mfa", "two-factor authentication for new customers"))
    .addOption(onOff("--auto-provision", "let `sync` provision organizations that appeared since its last run"))
    .option("--edition <name>", "offering-item edition: * (default: every edition the partner offers), per_workload, per_gigabyte, …")
    .option("--offering-items <list>", "comma-separated offering items to enable, or all")
    .addOption(onOff("--deprovision-disable", "let `sync` disable the customer of a deleted organization"))
    .option("--delete-after-days <n>", "delete a disabled customer after n days, or off")
    .option("--max-deprovision <n>", "most customers one run may disable (default 5)")
    .option("--force", "turn --auto-provision on although unmapped customers have names close to unmapped organizations")
    .addHelpText(
      "after",
      "\n--auto-provision on first lists the unmapped Acronis customers whose names are close to an\nunmapped NinjaOne organization (sync would duplicate them) and refuses while there are any,\nunless --force.",
    )
    .action(lazyAction(context, () => import("./config.js")));
  config
    .command("show")
    .description("print the provision and deprovision settings of the profile")
    .action(lazyAction(context, async () => ({ run: (await import("./config.js")).show })));

  registerDeprovisionCommand(program, context);
}
