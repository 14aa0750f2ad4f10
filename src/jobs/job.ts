import type { ProfileConfig } from "../config/profile-config.js";
import type { JsonList } from "../json-chunks.js";
import type { Logger } from "../log.js";
import type { ServiceName } from "../services.js";
import type { StateHandle } from "../state/index.js";
import type { JobSession } from "./shared/session.js";

/** What every job reports, so `sync` can total, log and summarise any of them alike. */

/** Jobs `sync` can run. */
export type SyncJobName = "automap" | "provision" | "deprovision" | "fields" | "compliance" | "tickets" | "docs" | "agents";

/** Every job; `users` runs only through its own commands (its changes are reviewed or approved, never synced). */
export type JobName = SyncJobName | "users";

export interface JobCounts {
  /** Actions the plan held. */
  planned: number;
  /** Actions that landed (and were recorded). */
  applied: number;
  /** Actions that were tried and failed; they are retried by the next run. */
  failed: number;
  /** Actions deliberately left out: deferred by a cap, refused by a safety rule, unmatched. */
  skipped: number;
}

/** One action's result, as `sync --log-file` writes it (one JSON line each). */
export interface JobActionEvent {
  job: JobName;
  /** What was done, e.g. "create-ticket", "write-fields", "create-tenant". */
  action: string;
  /** Who it was done to, in words a person recognises: "Contoso (org 12)", "ticket 881". */
  target: string;
  result: "applied" | "failed" | "skipped";
  /** Why it failed or was skipped; never a secret. */
  detail?: string;
}

export interface JobHooks {
  onAction?(event: JobActionEvent): void;
  /** Items done out of total during apply, for a progress line. */
  onProgress?(done: number, total: number): void;
}

export function emptyCounts(): JobCounts {
  return { planned: 0, applied: 0, failed: 0, skipped: 0 };
}

/** What a job had done when an error stopped it part-way, keyed by that error. */
const atStop = new WeakMap<object, { counts: JobCounts }>();

/**
 * Ties what had landed to the error that stopped a job, so the error keeps its own kind (and
 * exit code, hint, request details) while callers can still report true counts.
 */
export function stoppedWith<E>(error: E, outcome: { counts: JobCounts }): E {
  if (typeof error === "object" && error !== null) atStop.set(error, outcome);
  return error;
}

/** The outcome tied to `error` by stoppedWith, if any. */
export function outcomeAtStop(error: unknown): { counts: JobCounts } | undefined {
  return typeof error === "object" && error !== null ? atStop.get(error) : undefined;
}

/** One planned action as every job's report shows it: what kind, on whom, and why. Jobs may add their own fields. */
export interface ReportedAction {
  kind: string;
  target: string;
  reason: string;
}

/** What could not be read or done, and why: a tenant whose read failed, a field that does not fit. */
export interface ReportedProblem {
  subject: string;
  reason: string;
}

/**
 * The part of a job's result every job shares: each job's `--json` document holds it at its
 * top level (beside the job's own detail), and `sync --json` holds it for every job, so a
 * script reads any job alike.
 */
export interface JobReport {
  job: JobName;
  dryRun: boolean;
  counts: JobCounts;
  /** A JsonList when the job has tens of thousands (fields): made as it is printed. */
  actions: readonly ReportedAction[] | JsonList<ReportedAction>;
  problems: ReportedProblem[];
  /** What a person should know: deferred alerts, refused ties, safety stops. */
  notes: string[];
  /** Set when the job had nothing to do in this profile, and why ("no field is mapped"). */
  skippedBecause?: string;
  /** What landed; null when nothing was applied (a dry run, a declined confirmation). */
  applied: unknown;
}

/** What a job is handed for one run: everything it reads comes from here, never from the command line's context. */
export interface JobRun<S> {
  session: JobSession;
  state: StateHandle;
  settings: S;
  dryRun: boolean;
  /** `--yes`: destructive steps (deleting a tenant) may run; without it they are skipped and reported. */
  yes: boolean;
  hooks: JobHooks;
  /** Lines a person should see while the job reads (a reading note, a clamped cursor). */
  logger: Logger;
  /** `sync --max-duration`: when to stop starting writes, so the run ends in its window; absent, no window. */
  window?: RunWindow;
}

/**
 * A run's window: after `closesAt` a job starts no new write and leaves the rest, unrecorded,
 * for the next run. Unlike the deadline (a hard stop, exit 3) nothing failed: the run exits 0.
 */
export interface RunWindow {
  /** Epoch milliseconds. */
  closesAt: number;
}

/** Whether the window is still open, asked before each write starts; undefined without a window. */
export function windowCheck(window: RunWindow | undefined): (() => boolean) | undefined {
  return window === undefined ? undefined : () => Date.now() < window.closesAt;
}

/** A job that has nothing to do in this profile says why, instead of giving settings. */
export interface Unconfigured {
  unconfigured: string;
}

/**
 * One job: settings → read and plan → apply → report. `sync` runs any job through this, and
 * each job's own command runs the same object through runJobCommand, adding only its flags.
 * The plan is plain data from pure functions; apply records each change as it lands.
 */
export interface Job<S, P, O> {
  readonly name: JobName;
  /**
   * Its writes can wait for the next run: under `sync --max-duration` the job is not started once
   * the window has closed (fields, docs), so the run ends inside it with nothing failed.
   */
  readonly yieldsToWindow?: true;
  /**
   * The services whose device listings the job reads (through the session). Under `sync` a
   * listing no job still to come reads is let go, so the run does not carry 50,000 devices
   * through the jobs that read none; a job that reads one without saying so reads it again.
   */
  readonly readsDevicesOf?: readonly ServiceName[];
  /** The job's settings from the profile and environment; a command overrides them with its flags. */
  settings(config: ProfileConfig, env: NodeJS.ProcessEnv): S | Unconfigured;
  /** Reads what the plan needs and plans. Changes nothing outside. */
  plan(run: JobRun<S>): Promise<P>;
  /** Actions the apply would take that a person confirms; 0 when there is nothing to confirm. */
  pending(plan: P): number;
  /** Applies the plan (with nothing pending it may still record what was read, e.g. a cursor). Throws stoppedWith(error, outcome) when stopped part-way. */
  apply(run: JobRun<S>, plan: P): Promise<O>;
  /** The shared result, with the job's own detail beside it; `outcome` is null when nothing was applied. */
  report(run: JobRun<S>, plan: P, outcome: O | null): JobReport & Record<string, unknown>;
}

/** Any job, for the registry and the orchestrator, which never look inside settings, plans or outcomes. */
export type AnyJob = Job<any, any, any>;

export function isUnconfigured(value: unknown): value is Unconfigured {
  return typeof value === "object" && value !== null && "unconfigured" in value;
}
