import { PartialError, UsageError } from "../../../errors.js";
import type { JobActionEvent } from "../../../jobs/job.js";
import type { TicketsOutcome } from "../../../jobs/tickets/apply.js";
import { ticketsJob } from "../../../jobs/tickets/index.js";
import { parseSince } from "../../../jobs/tickets/plan/alert-read.js";
import type { TicketsJobPlan } from "../../../jobs/tickets/plan/job-plan.js";
import { planTableRows, ticketsNotices } from "../../../jobs/tickets/report.js";
import { readTicketSettings, type TicketsJobSettings } from "../../../jobs/tickets/settings.js";
import { plural } from "../../../plural.js";
import type { Context } from "../../context.js";
import type { Output } from "../../io.js";
import { RepeatedFailures } from "../../repeated-failures.js";
import { runJobCommand } from "../../run-job-command.js";
import { renderTable } from "../../table.js";

export interface TicketsSyncOptions {
  board?: string;
  /** An ISO time or a span back from now (`7d`). */
  since?: string;
}

function boardOf(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^[1-9][0-9]*$/.test(raw.trim())) throw new UsageError(`--board must be a board id (a whole number), not "${raw}"`, { hint: "list boards in NinjaOne under Ticketing; ids are per tenant" });
  return Number(raw.trim());
}

/** The profile's `tickets config` (its defaults when none was saved), with --board and --since. */
async function settingsFrom(options: TicketsSyncOptions, ctx: Context): Promise<TicketsJobSettings> {
  const boardId = boardOf(options.board);
  const since = options.since === undefined ? undefined : parseSince(options.since, new Date());
  return { tickets: readTicketSettings(await ctx.config()), ...(boardId === undefined ? {} : { boardId }), ...(since === undefined ? {} : { since }) };
}

/** Plans under the state lock (read-only for --dry-run), shows, confirms, applies: the job, with --board and --since. */
export async function run(options: TicketsSyncOptions, ctx: Context): Promise<void> {
  const settings = await settingsFrom(options, ctx);
  const repeated = new RepeatedFailures();
  await runJobCommand(ctx, ticketsJob, settings, {
    command: "tickets sync",
    reading: "reading Acronis alerts and ninja-bridge's NinjaOne tickets…",
    printPlan: (out, planned) => {
      const rows = planTableRows(planned.plan);
      if (rows.length > 0) out.print(renderTable(["ACTION", "TICKET", "ALERT", "WHY"], rows));
    },
    notices: (out, planned) => {
      for (const note of ticketsNotices(planned, settings.tickets.maxTicketsPerRun)) {
        if (note.level === "warn") out.warn(note.text);
        else out.info(note.text);
      }
    },
    // A script says --yes, so tickets are never raised or alerts dismissed silently.
    confirm: (count) => ({
      question: `Apply ${count} action(s) to NinjaOne and Acronis?`,
      refusal: `tickets sync would apply ${count} action(s), and there is no terminal to confirm them`,
      hint: "add --yes to apply them (cron), or --dry-run to only see the plan",
    }),
    onAction: (out, event) => printEvent(out, event, repeated),
    drain: (out) => {
      for (const line of repeated.drain()) out.warn(line);
    },
    finish,
  });
}

function printEvent(out: Output, event: JobActionEvent, repeated: RepeatedFailures): void {
  const line = `${event.action} ${event.target}${event.detail === undefined ? "" : `: ${event.detail}`}`;
  if (event.result !== "failed") out.success(line);
  else if (repeated.first(event.detail ?? "failed")) out.failure(line);
}

function finish(out: Output, planned: TicketsJobPlan, outcome: TicketsOutcome | null, statePath: string): void {
  const count = ticketsJob.pending(planned);
  if (count === 0) {
    out.success("tickets and alerts are in step: nothing to do");
    return;
  }
  if (outcome === null) {
    out.info(`dry run: ${count} action(s) planned, nothing changed`);
    return;
  }
  if (outcome.failed.length > 0) {
    throw new PartialError(`tickets sync: ${outcome.failed.length} of ${count} action(s) failed; the other ${outcome.applied.length} landed and are recorded in ${statePath}`, {
      hint: "run `ninja-bridge tickets sync` again: it re-reads both sides and retries only what is left",
    });
  }
  out.outcome(`tickets sync: ${plural(outcome.applied.length, "action")} applied and recorded in ${statePath}`);
}
