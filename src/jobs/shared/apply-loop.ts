import { AuthenticationError, DeadlineError, PermissionError, StateError } from "../../errors.js";
import type { JobHooks, JobName } from "../job.js";

/**
 * Errors every further action would meet too: a refused or expired token, a missing
 * permission, a state file that cannot be written, the run's deadline. After one of them the
 * loop starts nothing new instead of failing each remaining action alike.
 */
export function stopsTheRun(error: unknown): boolean {
  return error instanceof AuthenticationError || error instanceof PermissionError || error instanceof StateError || error instanceof DeadlineError;
}

export const NOT_TRIED = "not tried: the run stopped at an earlier error";

export interface ApplyStep<A, R> {
  job: JobName;
  /** How the action is named in events: its verb ("create-ticket") and who it touches, in words a person recognises. */
  describe(action: A): { action: string; target: string };
  /** The action's calls to the outside world. */
  run(action: A): Promise<R>;
  /** Records what landed in the state file, right after it landed: a kill after this loses nothing. */
  record(action: A, result: R): Promise<void>;
  /** The event's detail for an applied action ("3 fields", a note), if any. */
  detail?(action: A, result: R): string | undefined;
  /** The event's target once the action landed, when it differs ("ticket 881" once the ticket exists). */
  appliedTarget?(action: A, result: R): string;
}

export interface ApplyLoopResult<A, R> {
  applied: { action: A; result: R }[];
  /** Tried and failed, or not tried because an earlier error stopped the run. */
  failed: { action: A; error: string }[];
  /** The error that stopped the run, if one did. */
  stop?: unknown;
  /** Not started because the run's window closed (`open` said no): nothing failed, the next run does them. Empty without `open`. */
  left?: A[];
}

export interface ApplyLoopOptions {
  concurrency: number;
  hooks: JobHooks;
  /** Asked before each action starts; once false, the actions not yet started are left for the next run. */
  open?: () => boolean;
}

export const LEFT_FOR_NEXT_RUN = "left for the next run: the run's --max-duration window closed";

/**
 * The one apply loop of every job: each action runs, a few at a time, and is recorded as it
 * lands, so a killed run, re-run, neither repeats nor forgets it. A failure stays with its
 * action; an error that every action would meet (stopsTheRun) stops the loop, and the actions
 * not yet started are reported as not tried. Once `open` says the run's window closed, the
 * actions not yet started are left, not failed. Each result goes to `hooks`.
 */
export async function applyEach<A, R>(actions: readonly A[], step: ApplyStep<A, R>, options: ApplyLoopOptions): Promise<ApplyLoopResult<A, R>> {
  const { hooks } = options;
  const out: ApplyLoopResult<A, R> & { left: A[] } = { applied: [], failed: [], left: [] };
  let done = 0;
  const fail = (action: A, error: string) => {
    out.failed.push({ action, error });
    hooks.onAction?.({ job: step.job, ...step.describe(action), result: "failed", detail: error });
  };
  const one = async (action: A): Promise<void> => {
    try {
      if (out.stop !== undefined) {
        fail(action, NOT_TRIED);
        return;
      }
      if (options.open?.() === false) {
        out.left.push(action);
        hooks.onAction?.({ job: step.job, ...step.describe(action), result: "skipped", detail: LEFT_FOR_NEXT_RUN });
        return;
      }
      let result: R;
      try {
        result = await step.run(action);
        await step.record(action, result);
      } catch (error) {
        if (stopsTheRun(error)) out.stop ??= error;
        fail(action, error instanceof Error ? error.message : String(error));
        return;
      }
      out.applied.push({ action, result });
      const described = step.describe(action);
      const detail = step.detail?.(action, result);
      hooks.onAction?.({
        job: step.job,
        action: described.action,
        target: step.appliedTarget?.(action, result) ?? described.target,
        result: "applied",
        ...(detail === undefined ? {} : { detail }),
      });
    } finally {
      hooks.onProgress?.(++done, actions.length);
    }
  };
  // A few workers take the actions in order; a promise per action made up front was thousands
  // of closures held for a whole batch of 5,000 writes (issue 21).
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < actions.length) await one(actions[next++] as A);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency, actions.length)) }, worker));
  return out;
}
