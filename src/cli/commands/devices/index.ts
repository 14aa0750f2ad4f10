import type { Command } from "commander";
import { lazyAction, type ContextFactory } from "../../lazy-command.js";

export function registerDevicesCommands(program: Command, context: ContextFactory): void {
  const devices = program.command("devices").description("NinjaOne devices paired with Acronis workloads and Intune devices: the recorded links, and setting them by hand");

  devices
    .command("list")
    .description("every pair (how it was made), and the devices of either side without one, for the linked organizations")
    .option("--csv", "print the rows as CSV")
    .option("--unmatched", "only devices without a pair")
    .addHelpText("after", "\nlinked: recorded; matched: the next `fields sync` records it; unmatched: no pair, and why.")
    .action(lazyAction(context, () => import("./list.js")));

  devices
    .command("unmanaged")
    .description("Intune devices of the linked Microsoft 365 tenants with no NinjaOne device (no RMM agent), known exceptions left out")
    .option("--org <org>", "only this NinjaOne organization (id or exact name)")
    .option("--ignore <id>", "keep this Intune device out of the report from now on (kept in the state file)")
    .option("--unignore <id>", "show an ignored Intune device again")
    .option("--show-ignored", "also list the ignored devices")
    .addHelpText("after", "\nIntune ids are in `devices unmanaged --json`. --ignore and --unignore only change the state file.")
    .action(lazyAction(context, () => import("./unmanaged.js")));

  devices
    .command("link")
    .description("pair a NinjaOne device with an Acronis workload or an Intune device by hand; kept over matching")
    .argument("<device>", "NinjaOne device id or name")
    .option("--acronis <resource>", "Acronis resource (workload) id, as `devices list --json` shows it")
    .option("--intune <device>", "Intune device id, as `devices list --json` shows it")
    .addHelpText("after", "\nThe other end must be in the tenant linked to the device's organization. --dry-run shows the change only.")
    .action(lazyAction(context, () => import("./link.js")));

  devices
    .command("unlink")
    .description("remove a device's recorded links (neither flag: both); the next `fields sync` matches it afresh")
    .argument("<device>", "NinjaOne device id, or the name recorded with its link")
    .option("--acronis", "remove the Acronis link")
    .option("--intune", "remove the Intune link")
    .option("--keep-apart", "never pair the same two again by matching (a wrong pair); `devices link` still can")
    .action(lazyAction(context, () => import("./unlink.js")));

  devices
    .command("config")
    .description("show or set how devices are paired")
    .option("--entra-id-field <field>", "NinjaOne device text field (API name or label) holding the Entra device id, matched first against Intune")
    .action(lazyAction(context, () => import("./config.js")));
}
