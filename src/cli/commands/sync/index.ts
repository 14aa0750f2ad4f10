import type { Command } from "commander";
import { lazyAction, type ContextFactory } from "../../lazy-command.js";

export function registerSyncCommand(program: Command, context: ContextFactory): void {
  program
    .command("sync")
    .description("run every enabled job once (automap, provision, deprovision, tickets, fields), for cron")
    .option("--jobs <list>", "jobs to run, comma-separated (default: the profile's sync.jobs, which is all of them)")
    .option("--log-file <file>", "append one JSON line per action (time, job, target, result) to this file")
    .option("--max-duration <time>", "stop starting writes in time to end within this (14m, 90s); what is left waits for the next run, exit 0 (default: the sync.maxDuration setting)")
    .addHelpText(
      "after",
      "\nJobs run in this order under one lock on the state file: automap, provision, deprovision,\ntickets, fields. A job that is not set up in the profile is skipped and says why.\n--max-duration is the run's window: writes stop before its end and the rest is left, exit 0;\n--deadline is a hard stop (exit 3). Under a 15-minute cron: --max-duration 14m.\nExit codes: 0 done, 3 partly done (items failed, a job met a passing fault, or the deadline\ncut the run; the rest applied and recorded), 1 a job failed for a reason a re-run does not\nmend, 75 another run holds the lock.",
    )
    .action(lazyAction(context, () => import("./sync.js")));
}
