import { type Command } from "commander";
import { lazyAction, type ContextFactory } from "../../lazy-command.js";

const filters = (cmd: Command): Command =>
  cmd
    .option("--org <org...>", "only these organizations (ids or names); each must be mapped to an Acronis customer")
    .option("--role <roles>", "device roles, comma-separated: workstation, server, vm, network, other (default workstation,server,vm)")
    .option("--os <oses>", "operating systems, comma-separated: windows, mac, linux, other (default all)");

export function registerAgentsCommands(program: Command, context: ContextFactory): void {
  const agents = program.command("agents").description("the Acronis backup agent on NinjaOne devices: who has it, registration tokens, and installing it");
  filters(agents.command("status"))
    .description("pair every device of the mapped organizations with its Acronis workload: protected, agent without plan, agent offline, no agent")
    .option("--offline-days <n>", "an agent offline longer than this counts as offline (default 7)")
    .option("--csv", "one CSV row per device instead of the table")
    .option("--fail-on <what>", "exit 4 when a selected device is `unprotected` (has no agent)")
    .action(lazyAction(context, () => import("./status.js")));
  agents
    .command("config")
    .description("choose the organization custom field the install scripts read the registration token from")
    .option("--token-field <field>", "API name or label of an organization field of type Secure or Text, writable through the API")
    .option("--lifetime-days <n>", "lifetime of each minted token, 1 to 30 days (default 30)")
    .option("--renew-days <n>", "renew a token this many days before it expires (default 7)")
    .option("--deploy-in-sync <on|off>", "whether `sync` also sends the install scripts (default off)")
    .option("--script <script...>", "the install scripts `sync` sends (ids or exact names)")
    .action(lazyAction(context, () => import("./config.js")));
  agents
    .command("token")
    .description("mint a registration token per mapped Acronis customer and write it into the organization's token field; renew before expiry")
    .option("--org <org...>", "only these organizations (ids or names)")
    .option("--renew-days <n>", "renew tokens that expire within this many days (default: the configured 7)")
    .action(lazyAction(context, () => import("./token.js")));
  filters(agents.command("deploy"))
    .description("run the install script on the devices `agents status` reports without an agent")
    .option("--script <script...>", "install script(s) by id or exact name; each device gets the first one made for its OS")
    .option("--max <n>", "most devices per run (default 25)")
    .option("--retry-after <hours>", "do not send the script again to a device within this many hours (default 24)")
    .addHelpText("after", "\n--dry-run prints the plan. Otherwise it asks before running, or runs without asking with --yes.")
    .action(lazyAction(context, () => import("./deploy.js")));
}
