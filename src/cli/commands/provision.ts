import { type Command, Option } from "commander";
import type { Context } from "../context.js";

export interface ProvisionConfigFlags {
  interactive?: boolean;
  mode?: string;
  adminEmail?: string;
  mfa?: string;
  autoProvision?: string;
  edition?: string;
  offeringItems?: string;
  deprovisionDisable?: string;
  deleteAfterDays?: string;
  maxDeprovision?: string;
}

const onOff = (flag: string, what: string) => new Option(`${flag} <on|off>`, what).choices(["on", "off"]);

export function registerProvisionCommands(program: Command, context: (cmd: Command) => Context): void {
  const provision = program
    .command("provision")
    .description("create Acronis customer tenants for NinjaOne organizations that have none: 2FA, services, pricing, admin user, mapping")
    .argument("[org...]", "organizations to provision, by id or name")
    .option("--all-unmapped", "every organization with no Acronis customer")
    .addHelpText(
      "after",
      "\nEach step is recorded in the state file as it lands; a re-run resumes where a failed or\nkilled run stopped and never creates a second tenant or user. An unmapped customer with the\nsame name is refused: map it with `orgs map` instead. --dry-run prints the plan; applying asks\nfirst, or needs --yes when there is no terminal. Settings: `provision config`.",
    )
    .action(async (orgs: string[], opts: { allUnmapped?: boolean }, cmd: Command) => {
      const { runProvision } = await import("./provision-run.js");
      await runProvision(context(cmd), { orgs, allUnmapped: Boolean(opts.allUnmapped) });
    });

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
    .action(async (opts: ProvisionConfigFlags, cmd: Command) => {
      const { runProvisionConfig } = await import("./provision-config-run.js");
      await runProvisionConfig(context(cmd), opts);
    });
  config
    .command("show")
    .description("print the provision and deprovision settings of the profile")
    .action(async (_opts: unknown, cmd: Command) => {
      const { runProvisionConfigShow } = await import("./provision-config-run.js");
      await runProvisionConfigShow(context(cmd));
    });

  program
    .command("deprovision")
    .description("disable the Acronis customer of a deleted NinjaOne organization; delete it N days later; re-enable it if the organization returns")
    .option("--max-deprovision <n>", "most customers one run may disable (default: the profile's, 5)")
    .addHelpText(
      "after",
      "\nStops without changing anything when NinjaOne lists no organizations, or when more customers\nwould be disabled than allowed. Deletes happen only with delete-after-days set\n(`provision config --delete-after-days 30`) and always need --yes or a confirmation.",
    )
    .action(async (opts: { maxDeprovision?: string }, cmd: Command) => {
      const { runDeprovision } = await import("./deprovision-run.js");
      await runDeprovision(context(cmd), opts);
    });
}
