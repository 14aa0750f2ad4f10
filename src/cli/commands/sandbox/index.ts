import { Option, type Command } from "commander";
import { lazyAction, type ContextFactory } from "../../lazy-command.js";

export function registerSandboxCommands(program: Command, context: ContextFactory): void {
  const sandbox = program
    .command("sandbox")
    .description("local simulated NinjaOne, Acronis and CIPP APIs, for trying ninja-bridge without accounts");

  sandbox
    .command("start")
    .description("serve the simulated APIs on 127.0.0.1 until Ctrl+C (SIGINT) or SIGTERM")
    .option("--seed <demo|large|file>", "estate to serve: demo, large, or a JSON file of generator parameters", "demo")
    .option("--port <n>", "first port: NinjaOne on n, Acronis n+1, CIPP n+2, control n+3 (0 = any free)", "4010")
    .option("--orgs <n>", "organizations in a large estate (default 2000)")
    .option("--devices-per-org <n>", "devices per organization in a large estate (default 25)")
    .option("--alerts <n>", "Acronis alerts in a large estate (default 5000)")
    .option("--latency <ms>", "delay added to every response, in milliseconds (default 0)")
    .option("--rate-limit <n>", "NinjaOne requests per second per client, then 429 + Retry-After (0 = unlimited)")
    .option("--rate-limit-acronis <n>", "Acronis requests per second per client (0 = unlimited)")
    .option("--rate-limit-cipp <n>", "CIPP requests per second per client (0 = unlimited)")
    .option("--fault-rate <0..1>", "share of API requests, token requests included, answered with a fault (default 0)")
    .option("--fault-kinds <list>", "faults to draw from, comma-separated: status500, status502, status503, drop, html (default: all)")
    .addOption(new Option("--token-lifetime <seconds>", "lifetime of issued access tokens"))
    .addHelpText(
      "after",
      "\nWith --json, prints one line of JSON (base URLs and the sandbox's client ids and secrets) and keeps serving.",
    )
    .action(lazyAction(context, () => import("./start.js")));
}
