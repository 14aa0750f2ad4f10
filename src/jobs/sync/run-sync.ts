import { BridgeError, DeadlineError, ExitCode } from "../../errors.js";
import type { Deadline, RequestCounter } from "../../http/index.js";
import type { StateHandle } from "../../state/index.js";
import { emptyCounts, outcomeAtStop, type JobCounts, type JobHooks, type JobName } from "../job-outcome.js";
import type { JobSession } from "../job-session.js";

export interface SyncJobResult {
  counts: JobCounts;
  /** Set when the job had nothing to do in this profile and why ("no field is mapped"). */
  skippedBecause?: string;
  /** What a person should know: deferred alerts, refused ties, safety stops. */
  notes: string[];
}

export interface SyncJobOptions {
  dryRun: boolean;
  /** `sync --yes`: destructive steps (deleting a tenant) may run; without it they are skipped and reported. */
  yes: boolean;
}

/** A job as `sync` runs it: read, plan and (unless a dry run) apply, with no prompt and no printing. */
export interface SyncJob {
  name: JobName;
  run(session: JobSession, state: StateHandle, options: SyncJobOptions, hooks: JobHooks): Promise<SyncJobResult>;
}

/**
 * "planned" is a dry run's: the plan was made and nothing was applied. "stopped": the run's
 * deadline came while the job ran (what landed is recorded); "not run": it came before the job started.
 */
export type JobStatus = "done" | "planned" | "partial" | "failed" | "skipped" | "stopped" | "not run";

export interface JobSummary {
  job: JobName;
  status: JobStatus;
  counts: JobCounts;
  durationMs: number;
  /** Requests this job sent, per service (retries included). */
  requests: Record<string, number>;
  notes: string[];
  /** Why the job failed as a whole, with what to do next. */
  error?: { message: string; hint?: string };
}

export interface SyncDeps {
  session: JobSession;
  state: StateHandle;
  options: SyncJobOptions;
  counter: RequestCounter;
  now: () => number;
  /** The run's budget: once it has passed, the jobs still to come are not started. */
  deadline?: Deadline;
  hooks: (job: JobName) => JobHooks;
  onJobStart?(job: JobName): void;
  onJobEnd?(summary: JobSummary): void;
}

/**
 * Runs the jobs one after another. A job that fails as a whole (its service refused the
 * credentials, say) is reported and the next job still runs: the jobs touch different
 * things, and a cron run should do all it can. Each job records its own results as they land.
 */
export async function runSync(jobs: readonly SyncJob[], deps: SyncDeps): Promise<JobSummary[]> {
  const summaries: JobSummary[] = [];
  for (const job of jobs) {
    if (deps.deadline?.passed()) {
      const summary: JobSummary = { job: job.name, status: "not run", counts: emptyCounts(), durationMs: 0, requests: {}, notes: [`${deps.deadline.describe()} was reached before it started`] };
      summaries.push(summary);
      deps.onJobEnd?.(summary);
      continue;
    }
    deps.onJobStart?.(job.name);
    const before = deps.counter.snapshot();
    const started = deps.now();
    let summary: JobSummary;
    try {
      const result = await job.run(deps.session, deps.state, deps.options, deps.hooks(job.name));
      summary = {
        job: job.name,
        status: statusOf(result, deps.options.dryRun, deps.deadline),
        counts: result.counts,
        durationMs: 0,
        requests: {},
        notes: result.skippedBecause === undefined ? result.notes : [result.skippedBecause, ...result.notes],
      };
    } catch (error) {
      summary = {
        job: job.name,
        status: error instanceof DeadlineError ? "stopped" : "failed",
        // A job stopped part-way still reports what landed and what failed, as its error says.
        counts: outcomeAtStop(error)?.counts ?? emptyCounts(),
        durationMs: 0,
        requests: {},
        notes: [],
        error: describeError(error),
      };
    }
    summary.durationMs = Math.max(0, deps.now() - started);
    summary.requests = Object.fromEntries(Object.entries(deps.counter.since(before)).map(([service, stats]) => [service, stats.requests]));
    summaries.push(summary);
    deps.onJobEnd?.(summary);
  }
  return summaries;
}

function statusOf(result: SyncJobResult, dryRun: boolean, deadline: Deadline | undefined): JobStatus {
  if (result.skippedBecause !== undefined) return "skipped";
  if (dryRun) return "planned";
  if (result.counts.failed === 0) return "done";
  // Items that failed once the deadline had passed were cut by it, not refused.
  return deadline?.passed() === true ? "stopped" : "partial";
}

function describeError(error: unknown): { message: string; hint?: string } {
  if (error instanceof BridgeError) return error.hint === undefined ? { message: error.message } : { message: error.message, hint: error.hint };
  return { message: error instanceof Error ? error.message : String(error) };
}

/** 1 when a job failed as a whole, 3 when items failed or the deadline left work undone, else 0. */
export function syncExitCode(summaries: readonly JobSummary[]): ExitCode {
  if (summaries.some((s) => s.status === "failed")) return ExitCode.failed;
  if (summaries.some((s) => s.status === "partial" || s.status === "stopped" || s.status === "not run")) return ExitCode.partial;
  return ExitCode.ok;
}
