/** What every job reports, so `sync` can total, log and summarise any of them alike. */

export type JobName = "automap" | "provision" | "deprovision" | "fields" | "tickets";

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
