import { type Command, Option } from "commander";
import { lazyAction, type ContextFactory } from "../../lazy-command.js";

const collectList = (value: string, previous: string[] = []): string[] => [...previous, ...value.split(",").map((v) => v.trim()).filter((v) => v !== "")];
const collectPairs = (value: string, previous: string[] = []): string[] => [...previous, value];

export function registerTicketsCommands(program: Command, context: ContextFactory): void {
  const tickets = program.command("tickets").description("Acronis alerts ↔ NinjaOne tickets: settings, one-shot sync both ways, links");

  const config = tickets
    .command("config")
    .description("set which alerts become tickets and how (stored in the profile); `tickets config show` prints them")
    .option("--interactive", "choose every setting in prompts (needs a terminal)")
    .option("--reset", "start again from the defaults")
    .option("--form <id>", "ticket form for new tickets (one without required fields), or 'default' for NinjaOne's default form")
    .option("--enable-type <types>", "Acronis alert types that become tickets, comma-separated (repeatable; checked against Acronis' list of types)", collectList)
    .option("--disable-type <types>", "alert types that no longer become tickets (repeatable)", collectList)
    .option("--severity <type=SEVERITY>", "NinjaOne severity for an alert type: NONE, MINOR, MODERATE, MAJOR, CRITICAL (repeatable)", collectPairs)
    .option("--priority <type=PRIORITY>", "NinjaOne priority for an alert type: NONE, LOW, MEDIUM, HIGH (repeatable)", collectPairs)
    .option("--status <type=STATUS>", "status of new tickets for an alert type, by name or id (repeatable)", collectPairs)
    .option("--ticket-type <type=TYPE>", "NinjaOne ticket type for an alert type, e.g. PROBLEM, INCIDENT (repeatable)", collectPairs)
    .option("--default-status <status>", "status of new tickets where the alert type sets none (default NEW)")
    .option("--default-type <type>", "ticket type where the alert type sets none (default PROBLEM)")
    .option("--create", "create tickets for new alerts (default)")
    .option("--no-create", "only keep existing tickets in step")
    .option("--reopen", "reopen a resolved ticket when its alert returns within the window (off until chosen, as in Acronis' integration)")
    .option("--no-reopen", "always open a new ticket when an alert returns (the default)")
    .option("--reopen-days <n>", "reopen window in days (default 1)")
    .option("--reopen-status <status>", "status a reopened ticket gets (default OPEN)")
    .option("--resolve", "set a status on the ticket when its alert clears (off until chosen, as in Acronis' integration)")
    .option("--no-resolve", "leave tickets alone when alerts clear (the default)")
    .option("--resolve-status <status>", "the status set when the alert clears (default RESOLVED)")
    .option("--clear-alert", "dismiss the Acronis alert when its ticket reaches the chosen status")
    .option("--no-clear-alert", "never dismiss alerts (the default)")
    .option("--clear-status <status>", "the ticket status that dismisses the alert (default RESOLVED)")
    .option("--max-tickets <n>", "tickets raised per run at most; the rest wait for the next run (default 25)")
    .option("--full-read-hours <n>", "read every alert, not only the changes, once in this many hours; 0 never (default 24)")
    .option("--requester <e-mail or uid>", "requester of the tickets written, a NinjaOne user; 'default' for the signed-in user (needed when that user cannot be told)")
    .addHelpText("after", "\nStatuses are NinjaOne status names (NEW, OPEN, WAITING, PAUSED, RESOLVED, CLOSED, or a custom one) or ids.\nForm and statuses are checked against NinjaOne before they are saved.")
    .action(lazyAction(context, () => import("./config.js")));
  config
    .command("show")
    .description("print the tickets settings of the profile (--json: the stored document with defaults filled in)")
    .action(lazyAction(context, () => import("./config-show.js")));

  tickets
    .command("sync")
    .description("one-shot, both ways: new alerts → tickets, returning alerts reopen, cleared alerts resolve, resolved tickets clear alerts")
    .addOption(new Option("--board <id>", "board that lists every ticket (default: the one named \"All tickets\")"))
    .option("--since <time>", "read alerts changed since then, not since the last run: an ISO time or a span back from now (90m, 12h, 7d, 2w)")
    .addHelpText(
      "after",
      "\n--dry-run prints the plan and changes nothing. Otherwise it asks before applying it, or applies it\nwithout asking with --yes (required when there is no terminal). Exit 3 when some actions failed.",
    )
    .action(lazyAction(context, () => import("./sync.js")));

  tickets
    .command("list")
    .description("alert ↔ ticket links in the state file, with their states")
    .action(lazyAction(context, () => import("./list.js")));
}
