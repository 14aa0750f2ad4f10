import { PartialError, UsageError } from "../../../errors.js";
import { outcomeAtStop, type JobActionEvent } from "../../../jobs/job.js";
import { plural } from "../../../plural.js";
import { RepeatedFailures } from "../../repeated-failures.js";
import { JobSession } from "../../../jobs/shared/session.js";
import { applyTickets, planTickets, ticketsPlanCounts, type TicketsOutcome } from "../../../jobs/tickets/run-job.js";
import { readTicketSettings } from "../../../jobs/tickets/settings.js";
import { planTableRows, ticketsNotices, ticketsSyncJson } from "../../../jobs/tickets/report.js";
import { parseSince } from "../../../jobs/tickets/plan/alert-read.js";
import { ALERT_CURSOR } from "../../../jobs/tickets/plan/alert-cursor.js";
import { openState } from "../../../state/index.js";
import type { Context } from "../../context.js";
import { ask } from "../../io.js";
import { renderTable } from "../../table.js";

export interface TicketsSyncCommandOptions {
  board?: string;
  /** An ISO time or a span back from now (`7d`). */
  since?: string;
}

function boardOf(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^[1-9][0-9]*$/.test(raw.trim())) throw new UsageError(`--board must be a board id (a whole number), not "${raw}"`, { hint: "list boards in NinjaOne under Ticketing; ids are per tenant" });
  return Number(raw.trim());
}

/** plan under the state lock (read-only for --dry-run) → show → confirm → apply, recording each link as it lands. */
export async function runTicketsSync(ctx: Context, opts: TicketsSyncCommandOptions): Promise<void> {
  const boardId = boardOf(opts.board);
  const since = opts.since === undefined ? undefined : parseSince(opts.since, new Date());
  const settings = readTicketSettings(await ctx.config());
  const session = new JobSession(ctx);
  const state = await openState(await ctx.statePath(), { mode: ctx.dryRun ? "read" : "write", command: "tickets sync", logger: ctx.out });
  try {
    ctx.out.info("reading Acronis alerts and ninja-bridge's NinjaOne tickets…");
    const planned = await planTickets(session, state.data, { settings, ...(boardId === undefined ? {} : { boardId }), ...(since === undefined ? {} : { since }) });
    const rows = planTableRows(planned.plan);
    const storedCursor = state.data.cursors[ALERT_CURSOR]?.cursor;
    const report = (outcome: TicketsOutcome | null) =>
      ticketsSyncJson(planned, outcome?.counts ?? ticketsPlanCounts(planned.plan), ctx.dryRun, outcome, storedCursor);
    if (!ctx.json && rows.length > 0) ctx.out.print(renderTable(["ACTION", "TICKET", "ALERT", "WHY"], rows));
    for (const note of ticketsNotices(planned, settings.maxTicketsPerRun)) {
      if (note.level === "warn") ctx.out.warn(note.text);
      else ctx.out.info(note.text);
    }

    if (ctx.dryRun) {
      if (ctx.json) ctx.out.printJson(report(null));
      if (rows.length === 0) ctx.out.success("tickets and alerts are in step: nothing to do");
      else ctx.out.info(`dry run: ${rows.length} action(s) planned, nothing changed`);
      return;
    }
    if (rows.length === 0) {
      // Nothing to apply, but what was read is recorded: the cursor, tenants whose alerts stay due, the stats.
      const outcome = await applyTickets(session, state, planned);
      if (ctx.json) ctx.out.printJson(report(outcome));
      ctx.out.success("tickets and alerts are in step: nothing to do");
      return;
    }
    if (!(await confirmed(ctx, rows.length))) {
      if (ctx.json) ctx.out.printJson(report(null));
      ctx.out.warn("nothing changed");
      return;
    }
    const repeated = new RepeatedFailures();
    let outcome: TicketsOutcome;
    try {
      outcome = await applyTickets(session, state, planned, { onAction: (event) => printEvent(ctx, event, repeated) });
    } catch (error) {
      // Stopped part-way (a 403 every write would meet): still one report, with true counts.
      const landed = outcomeAtStop(error) as TicketsOutcome | undefined;
      if (ctx.json && landed !== undefined) ctx.out.printJson(report(landed));
      for (const line of repeated.drain()) ctx.out.warn(line);
      throw error;
    }
    for (const line of repeated.drain()) ctx.out.warn(line);
    if (ctx.json) ctx.out.printJson(report(outcome));
    if (outcome.failed.length > 0) {
      throw new PartialError(`tickets sync: ${outcome.failed.length} of ${rows.length} action(s) failed; the other ${outcome.applied.length} landed and are recorded in ${state.path}`, {
        hint: "run `ninja-bridge tickets sync` again: it re-reads both sides and retries only what is left",
      });
    }
    ctx.out.outcome(`tickets sync: ${plural(outcome.applied.length, "action")} applied and recorded in ${state.path}`);
  } finally {
    await state.close();
  }
}

function printEvent(ctx: Context, event: JobActionEvent, repeated: RepeatedFailures): void {
  const line = `${event.action} ${event.target}${event.detail === undefined ? "" : `: ${event.detail}`}`;
  if (event.result !== "failed") ctx.out.success(line);
  else if (repeated.first(event.detail ?? "failed")) ctx.out.failure(line);
}

/** A person confirms on a terminal; a script says --yes, so tickets are never raised or alerts dismissed silently. */
async function confirmed(ctx: Context, count: number): Promise<boolean> {
  if (ctx.globals.yes) return true;
  if (!ctx.out.canPrompt) {
    throw new UsageError(`tickets sync would apply ${count} action(s), and there is no terminal to confirm them`, {
      hint: "add --yes to apply them (cron), or --dry-run to only see the plan",
    });
  }
  return ask((p, output) => p.confirm({ message: `Apply ${count} action(s) to NinjaOne and Acronis?`, default: false }, output));
}
