import type { StateHandle } from "../../state/index.js";
import { emptyCounts, type AnyJob, type JobCounts, type JobHooks, type JobName } from "../job.js";
import type { JobSession } from "../shared/session.js";
import type { SyncJobOptions } from "./run-sync.js";

/*
 * The sync adapters as they were before the Job interface (#15). Each job moves to Job in its
 * own folder; this bridge goes when the last adapter has.
 */

export interface SyncJobResult {
  counts: JobCounts;
  skippedBecause?: string;
  notes: string[];
}

export interface SyncJob {
  name: JobName;
  run(session: JobSession, state: StateHandle, options: SyncJobOptions, hooks: JobHooks): Promise<SyncJobResult>;
}

/** An adapter run whole in `plan` (it applies unless a dry run, as it always did). */
export function fromSyncJob(job: SyncJob): AnyJob {
  return {
    name: job.name,
    settings: () => ({}),
    plan: (run) => job.run(run.session, run.state, { dryRun: run.dryRun, yes: run.yes }, run.hooks),
    pending: () => 0,
    apply: async (_run, result: SyncJobResult) => result,
    report: (run, result: SyncJobResult) => ({
      job: job.name,
      dryRun: run.dryRun,
      counts: result?.counts ?? emptyCounts(),
      actions: [],
      problems: [],
      notes: result.notes,
      ...(result.skippedBecause === undefined ? {} : { skippedBecause: result.skippedBecause }),
      applied: null,
    }),
  };
}
