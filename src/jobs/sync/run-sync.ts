import diagnostics from "node:diagnostics_channel";
import { BridgeError, DeadlineError, ExitCode, InvalidResponseError, NetworkError, RateLimitedError, ServerError } from "../../errors.js";
import type { Deadline, RequestCounter } from "../../http/index.js";
import type { StateHandle } from "../../state/index.js";
import type { ProfileConfig } from "../../config/profile-config.js";
import type { Logger } from "../../log.js";
import { emptyCounts, isUnconfigured, outcomeAtStop, type AnyJob, type JobCounts, type JobHooks, type JobName, type JobReport, type JobRun, type RunWindow } from "../job.js";
import type { JobSession } from "../shared/session.js";

export interface SyncJobOptions {
  dryRun: boolean;
  /** `sync --yes`: destructive steps (deleting a tenant) may run; without it they are skipped and reported. */
  yes: boolean;
  /** `sync --max-duration`: when jobs stop starting writes; absent, they write all they planned. */
  window?: RunWindow;
}

/**
 * "planned" is a dry run's: the plan was made and nothing was applied. "stopped": the run's
 * deadline came while the job ran (what landed is recorded); "not run": it came before the job started.
 */
export type JobStatus = "done" | "planned" | "partial" | "failed" | "skipped" | "stopped" | "not run";

/** A job's shared report (as its own --json gives it), with how the job ended under `sync`. */
export interface JobSummary extends Omit<JobReport, "skippedBecause"> {
  status: JobStatus;
  durationMs: number;
  /** Requests this job sent, per service (retries included). */
  requests: Record<string, number>;
  /** Why the job failed as a whole, with what to do next; `transient` when the next run may well get through (a 5xx, a dropped connection, the deadline). */
  error?: { message: string; hint?: string; transient?: true };
}

/**
 * What the run keeps of a job once onJobEnd has had its whole summary: enough for the exit
 * code, the table and the notes. A job's actions (41,000 field writes, 22,000 unmatched
 * devices) are not carried through the jobs after it (issue 21).
 */
export type JobOutcome = Pick<JobSummary, "job" | "dryRun" | "status" | "counts" | "notes" | "durationMs" | "requests" | "error"> & {
  /** Values the run's window left for the next run (fields). */
  left?: number;
};

function outcomeOf(summary: JobSummary): JobOutcome {
  const { job, dryRun, status, counts, notes, durationMs, requests, error } = summary;
  const left: unknown = (summary as { left?: unknown }).left;
  return { job, dryRun, status, counts, notes, durationMs, requests, ...(error === undefined ? {} : { error }), ...(typeof left === "number" ? { left } : {}) };
}

export interface SyncDeps {
  session: JobSession;
  /** The profile each job takes its settings from. */
  config: ProfileConfig;
  env: NodeJS.ProcessEnv;
  logger: Logger;
  state: StateHandle;
  options: SyncJobOptions;
  counter: RequestCounter;
  now: () => number;
  /** The run's budget: once it has passed, the jobs still to come are not started. */
  deadline?: Deadline;
  hooks: (job: JobName) => JobHooks;
  onJobStart?(job: JobName): void;
  /** A job's whole summary, once: the run keeps only its outcome. */
  onJobEnd?(summary: JobSummary): void | Promise<void>;
}

/** Why a job that can wait was not started: nothing failed, so the run still exits 0. */
const WINDOW_CLOSED = "not started: the --max-duration window had closed; the next run does it";

/**
 * Where each job's start and end are published ({ job, phase }), for a tool that watches the
 * process from inside without changing it: `npm run bench` takes each job's peak memory here.
 */
const jobChannel = diagnostics.channel("ninja-bridge:sync-job");

/**
 * Runs the jobs one after another. A job that fails as a whole (its service refused the
 * credentials, say) is reported and the next job still runs: the jobs touch different
 * things, and a cron run should do all it can. Each job records its own results as they land.
 */
export async function runSync(jobs: readonly AnyJob[], deps: SyncDeps): Promise<JobOutcome[]> {
  const outcomes: JobOutcome[] = [];
  for (const [index, job] of jobs.entries()) {
    // Once a job is done, the device listings no job after it reads are let go, before its report is written.
    const release = () => deps.session.keepDevicesOnlyOf(new Set(jobs.slice(index + 1).flatMap((j) => j.readsDevicesOf ?? [])));
    const unstarted = notStarted(job, deps);
    if (unstarted !== undefined) {
      const summary: JobSummary = { ...emptyReport(job.name, deps.options.dryRun, [unstarted.note]), status: unstarted.status, durationMs: 0, requests: {} };
      release();
      await deps.onJobEnd?.(summary);
      outcomes.push(outcomeOf(summary));
      continue;
    }
    deps.onJobStart?.(job.name);
    if (jobChannel.hasSubscribers) jobChannel.publish({ job: job.name, phase: "start" });
    const before = deps.counter.snapshot();
    const started = deps.now();
    let summary: JobSummary;
    try {
      const { skippedBecause, ...report } = await runJob(job, deps);
      summary = {
        ...report,
        status: statusOf(report.counts, skippedBecause, deps.options.dryRun, deps.deadline),
        durationMs: 0,
        requests: {},
        notes: skippedBecause === undefined ? report.notes : [skippedBecause, ...report.notes],
      };
    } catch (error) {
      summary = {
        ...emptyReport(job.name, deps.options.dryRun, []),
        status: error instanceof DeadlineError ? "stopped" : "failed",
        // A job stopped part-way still reports what landed and what failed, as its error says.
        counts: outcomeAtStop(error)?.counts ?? emptyCounts(),
        durationMs: 0,
        requests: {},
        error: describeError(error),
      };
    }
    summary.durationMs = Math.max(0, deps.now() - started);
    summary.requests = Object.fromEntries(Object.entries(deps.counter.since(before)).map(([service, stats]) => [service, stats.requests]));
    release();
    await deps.onJobEnd?.(summary);
    outcomes.push(outcomeOf(summary));
    if (jobChannel.hasSubscribers) jobChannel.publish({ job: job.name, phase: "end" });
  }
  return outcomes;
}

/** Why a job is not started: the deadline passed (the run is cut), or a job that can wait met a closed window (nothing failed). */
function notStarted(job: AnyJob, deps: SyncDeps): { status: "not run" | "skipped"; note: string } | undefined {
  if (deps.deadline?.passed()) return { status: "not run", note: `${deps.deadline.describe()} was reached before it started` };
  const window = deps.options.window;
  if (job.yieldsToWindow === true && window !== undefined && deps.now() >= window.closesAt) return { status: "skipped", note: WINDOW_CLOSED };
  return undefined;
}

/** One job under `sync`: its settings from the profile, then plan, and apply unless a dry run. */
async function runJob(job: AnyJob, deps: SyncDeps): Promise<JobReport> {
  const settings: unknown = job.settings(deps.config, deps.env);
  if (isUnconfigured(settings)) return { ...emptyReport(job.name, deps.options.dryRun, []), skippedBecause: settings.unconfigured };
  const run: JobRun<unknown> = { session: deps.session, state: deps.state, settings, ...deps.options, hooks: deps.hooks(job.name), logger: deps.logger };
  const plan: unknown = await job.plan(run);
  return job.report(run, plan, deps.options.dryRun ? null : await job.apply(run, plan));
}

function emptyReport(job: JobName, dryRun: boolean, notes: string[]): JobReport {
  return { job, dryRun, counts: emptyCounts(), actions: [], problems: [], notes, applied: null };
}

function statusOf(counts: JobCounts, skippedBecause: string | undefined, dryRun: boolean, deadline: Deadline | undefined): JobStatus {
  if (skippedBecause !== undefined) return "skipped";
  if (dryRun) return "planned";
  if (counts.failed === 0) return "done";
  // Items that failed once the deadline had passed were cut by it, not refused.
  return deadline?.passed() === true ? "stopped" : "partial";
}

function describeError(error: unknown): NonNullable<JobSummary["error"]> {
  const transient = TRANSIENT_ERRORS.some((kind) => error instanceof kind) ? { transient: true as const } : {};
  if (error instanceof BridgeError) return { message: error.message, ...(error.hint === undefined ? {} : { hint: error.hint }), ...transient };
  return { message: error instanceof Error ? error.message : String(error) };
}

/** Failures that retries within the run could not outlast but a later run may: the service, not the profile, is at fault. */
const TRANSIENT_ERRORS = [ServerError, RateLimitedError, NetworkError, InvalidResponseError, DeadlineError] as const;

/**
 * 1 when a job failed as a whole for a reason a re-run does not mend (credentials, settings,
 * a refusal), or when no job got anywhere; 3 when items failed, a job met only a passing
 * fault while others ran, or the deadline left work undone; else 0. Under faults a run that
 * made progress says "partly done", so cron's log tells it from a broken profile.
 */
export function syncExitCode(outcomes: readonly JobOutcome[]): ExitCode {
  const failed = outcomes.filter((s) => s.status === "failed");
  if (failed.some((s) => s.error?.transient !== true)) return ExitCode.failed;
  if (failed.length > 0 && failed.length === outcomes.filter((s) => s.status !== "skipped").length) return ExitCode.failed;
  if (failed.length > 0) return ExitCode.partial;
  if (outcomes.some((s) => s.status === "partial" || s.status === "stopped" || s.status === "not run")) return ExitCode.partial;
  return ExitCode.ok;
}
