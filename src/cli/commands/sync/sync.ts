import { ExitCode, PartialError, BridgeError } from "../../../errors.js";
import { DEFAULT_DEADLINE, parseDuration, sharedRequestCounter } from "../../../http/index.js";
import { plural } from "../../../plural.js";
import { runWindow, valuesLeft } from "../../../jobs/sync/window.js";
import type { JobName } from "../../../jobs/job.js";
import { JobSession } from "../../../jobs/shared/session.js";
import { ActionLog } from "../../../jobs/sync/action-log.js";
import { parseJobList } from "../../../jobs/sync/job-selection.js";
import { runSync, syncExitCode, type JobOutcome } from "../../../jobs/sync/run-sync.js";
import { summaryNotes, summaryRows, formatDuration } from "../../../jobs/sync/summary.js";
import { SYNC_JOBS } from "../../../jobs/sync/sync-jobs.js";
import { openState } from "../../../state/index.js";
import type { Context } from "../../context.js";
import { ProgressLine } from "../../progress-line.js";
import { RepeatedFailures } from "../../repeated-failures.js";
import { renderTable } from "../../table.js";

export interface SyncOptions {
  jobs?: string;
  logFile?: string;
  maxDuration?: string;
}

/** One lock, one session, the selected jobs in order; a summary table or one JSON document. */
export async function run(opts: SyncOptions, ctx: Context): Promise<void> {
  const config = await ctx.config();
  const names = opts.jobs !== undefined ? parseJobList(opts.jobs, "--jobs") : parseJobList(String(config.resolve("sync.jobs", ctx.env)?.value ?? ""), "the sync.jobs setting");
  const maxDuration = config.resolve("sync.maxDuration", ctx.env, opts.maxDuration, "--max-duration");
  const deadline = config.resolve("sync.deadline", ctx.env);
  // With a window and no deadline chosen, the window's end is also the hard stop: runs never overlap.
  if (maxDuration !== undefined && deadline?.source === "default") ctx.useDeadlineDefault(String(maxDuration.value), maxDuration.source === "flag" ? "--max-duration" : "the sync.maxDuration setting");
  else ctx.useDeadlineDefault(String(deadline?.value ?? DEFAULT_DEADLINE), "the sync.deadline setting");
  const startedAt = new Date();
  const window = maxDuration === undefined ? undefined : runWindow(parseDuration(String(maxDuration.value)) ?? 0, startedAt.getTime());
  const state = await openState(await ctx.statePath(), { mode: ctx.dryRun ? "read" : "write", command: "sync", logger: ctx.out });
  const log = opts.logFile === undefined ? undefined : await ActionLog.open(opts.logFile, { run: startedAt, dryRun: ctx.dryRun }).catch(async (error: unknown) => {
    await state.close();
    throw error;
  });
  const progress = new ProgressLine(ctx.out, sharedRequestCounter, ctx.out.showsProgress);
  const baseline = sharedRequestCounter.snapshot();
  const repeated = new RepeatedFailures();
  // Each job's report is written as the job ends, not held to the end of the run.
  const jobsJson = ctx.json ? ctx.out.startJsonList({ dryRun: ctx.dryRun, startedAt: startedAt.toISOString() }, "jobs") : undefined;
  let outcomes: JobOutcome[];
  try {
    outcomes = await runSync(
      names.map((n) => SYNC_JOBS[n]),
      {
        session: new JobSession(ctx),
        config,
        env: ctx.env,
        logger: ctx.out,
        state,
        options: { dryRun: ctx.dryRun, yes: Boolean(ctx.globals.yes), ...(window === undefined ? {} : { window }) },
        counter: sharedRequestCounter,
        now: () => Date.now(),
        deadline: ctx.deadline,
        hooks: (job: JobName) => ({
          onAction: (event) => {
            // Jobs that share code (compliance runs the fields job's) are logged under the job that ran.
            log?.write({ ...event, job });
            if (event.result === "failed") {
              if (!repeated.first(`${job}: ${event.detail ?? "no detail"}`)) return;
              progress.clear();
              ctx.out.warn(`${job}: ${event.action} ${event.target} failed: ${event.detail ?? "no detail"}`);
            } else ctx.out.debug(`${job}: ${event.action} ${event.target}: ${event.result}`);
          },
          onProgress: (done, total) => progress.update(done, total),
        }),
        onJobStart: (job) => progress.start(job),
        // The table at the end gives each job's numbers; here only the repeats are summed up.
        onJobEnd: async (summary) => {
          progress.clear();
          for (const line of repeated.drain()) ctx.out.warn(line);
          await jobsJson?.add(summary);
        },
      },
    );
  } finally {
    progress.stop();
    try {
      await log?.close();
    } finally {
      await state.close();
    }
  }

  const code = syncExitCode(outcomes);
  const left = leftByDeadline(outcomes);
  const valuesLeftForNext = valuesLeft(outcomes);
  if (jobsJson !== undefined) {
    jobsJson.finish({
      exitCode: code,
      left: valuesLeftForNext,
      requests: Object.fromEntries(
        Object.entries(sharedRequestCounter.since(baseline)).map(([service, s]) => [service, { requests: s.requests, retries: s.retries, rateLimitWaitMs: s.rateLimitWaitMs }]),
      ),
    });
  } else {
    const table = summaryRows(outcomes);
    ctx.out.print(renderTable(table.head, table.rows));
    const notes = summaryNotes(outcomes);
    if (notes.length > 0) ctx.out.print(["", ...notes.map((n) => `  ${n}`)].join("\n"));
  }
  if (code === ExitCode.partial && left !== undefined) {
    throw new PartialError(`sync stopped at ${ctx.deadline.describe()}: ${left}`, { hint: "what landed is recorded and the lock is released; the next run does the rest (give it more time with --deadline or the sync.deadline setting)" });
  }
  if (code === ExitCode.partial) {
    const cut = failedJobs(outcomes, "failed");
    const parts = [failedJobs(outcomes, "partial"), cut === "" ? "" : `${cut} failed on a passing fault`].filter((p) => p !== "");
    throw new PartialError(`sync finished, but not everything landed: ${parts.join("; ")}`, { hint: "what landed is recorded; the next run tries the rest again" });
  }
  if (code === ExitCode.failed) throw new BridgeError(`sync finished, but ${failedJobs(outcomes, "failed")} failed`, { hint: "see the notes above; the jobs that ran recorded what they did" });
  // The table's APPLIED column already tells an applied run from a dry run on stdout.
  const done = `sync ${ctx.dryRun ? "dry run " : ""}done in ${formatDuration(Date.now() - startedAt.getTime())}`;
  ctx.out.success(valuesLeftForNext > 0 ? `${done}; ${plural(valuesLeftForNext, "value")} left for the next run (--max-duration)` : done);
}

/** What the deadline left undone, in words: `tickets stopped (3 items failed), fields not run`; undefined when it cut nothing. */
export function leftByDeadline(outcomes: readonly JobOutcome[]): string | undefined {
  // Not done is what was planned and did not land: a job's failed count may also hold problems met while reading.
  const stopped = outcomes
    .filter((s) => s.status === "stopped")
    .map((s) => {
      const notDone = s.counts.planned - s.counts.applied;
      return notDone > 0 ? `${s.job} stopped (${notDone} of ${s.counts.planned} items not done)` : `${s.job} stopped`;
    });
  const notRun = outcomes.filter((s) => s.status === "not run").map((s) => s.job);
  const parts = [...stopped, ...(notRun.length > 0 ? [`not run: ${notRun.join(", ")}`] : [])];
  return parts.length === 0 ? undefined : parts.join("; ");
}

function failedJobs(outcomes: readonly JobOutcome[], status: JobOutcome["status"]): string {
  return outcomes
    .filter((s) => s.status === status)
    .map((s) => s.job)
    .join(", ");
}
