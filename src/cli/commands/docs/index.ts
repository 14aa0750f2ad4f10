import type { Command } from "commander";
import { lazyAction, type ContextFactory } from "../../lazy-command.js";

export function registerDocsCommands(program: Command, context: ContextFactory): void {
  const docs = program.command("docs").description("Microsoft 365 users and licences as NinjaOne Documentation, one document each, kept in step");

  docs
    .command("templates")
    .description('show the two document templates the job writes ("Microsoft 365 User", "Microsoft 365 Licence") and how they differ from what it needs')
    .option("--apply", "create a missing template (one this tool created is also brought back in line); never changes any other")
    .action(lazyAction(context, () => import("./templates.js")));

  docs
    .command("config")
    .description("name the templates the job writes to, and whether unlicensed users get a document")
    .option("--user-template <name>", "the template of user documents")
    .option("--licence-template <name>", "the template of licence documents")
    .option("--licensed-only <yes|no>", "only licensed users get a document (unset: the fields job's licensedUsersOnly)")
    .action(lazyAction(context, () => import("./config.js")));

  docs
    .command("sync")
    .description("create, update, archive or restore each user's and licence's document, only where something changed")
    .option("--org <org...>", "only these organizations (ids or names)")
    .option("--licensed-only", "only licensed users get a document, as CIPP's switch")
    .option("--max-archive <n>", "archive at most this many documents per organization; more is taken as a fault in CIPP's list (default 10)")
    .addHelpText("after", "\n--dry-run prints the plan and writes nothing. Exit 3 when a tenant could not be read or a batch failed:\nwhat landed is recorded, and the rest is written by the next run.")
    .action(lazyAction(context, () => import("./sync.js")));
}
