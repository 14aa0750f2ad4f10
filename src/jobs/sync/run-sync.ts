import { BridgeError, ExitCode } from "../../errors.js";
import type { RequestCounter } from "../../http/index.js";
import type { StateHandle } from "../../state/index.js";
import { outcomeAtStop, type JobCounts, type JobHooks, type JobName } from "../job-outcome.js";
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

/** "planned" is a dry run's: the plan was made and nothing was applied. */
export type JobStatus = "done" | "planned" | "partial" | "failed" | "skipped";

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
    deps.onJobStart?.(job.name);
    const before = deps.counter.snapshot();
    const started = deps.now();
    let summary: JobSummary;
    try {
      const result = await job.run(deps.session, deps.state, deps.options, deps.hooks(job.name));
      summary = {
        job: job.name,
        status: statusOf(result, deps.options.dryRun),
        counts: result.counts,
        durationMs: 0,
        requests: {},
        notes: result.skippedBecause === undefined ? result.notes : [result.skippedBecause, ...result.notes],
      };
    } catch (error) {
      summary = {
        job: job.name,
        status: "failed",
        // A job stopped part-way still reports what landed and what failed, as its error says.
        counts: outcomeAtStop(error)?.counts ?? { planned: 0, applied: 0, failed: 0, skipped: 0 },
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

function statusOf(result: SyncJobResult, dryRun: boolean): JobStatus {
  if (result.skippedBecause !== undefined) return "skipped";
  if (dryRun) return "planned";
  return result.counts.failed > 0 ? "partial" : "done";
}

function describeError(error: unknown): { message: string; hint?: string } {
  if (error instanceof BridgeError) return error.hint === undefined ? { message: error.message } : { message: error.message, hint: error.hint };
  return { message: error instanceof Error ? error.message : String(error) };
}

/** 1 when a job failed as a whole, 3 when items failed, else 0. */
export function syncExitCode(summaries: readonly JobSummary[]): ExitCode {
  if (summaries.some((s) => s.status === "failed")) return ExitCode.failed;
  if (summaries.some((s) => s.status === "partial")) return ExitCode.partial;
  return ExitCode.ok;
}
