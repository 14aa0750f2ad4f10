import { sharedRequestCounter } from "../http/index.js";
import { outcomeAtStop, type Job, type JobActionEvent, type JobRun } from "../jobs/job.js";
import { JobSession } from "../jobs/shared/session.js";
import { openState } from "../state/index.js";
import type { Context } from "./context.js";
import { confirmChange, type ChangeConfirmation, type Output } from "./io.js";
import { ProgressLine } from "./progress-line.js";

/** What a job's own command adds around the job: its words and its tables. */
export interface JobCommandView<P, O> {
  /** Who holds the state lock while the command runs: "automap", "tickets sync". */
  command: string;
  /** What the read is about, shown before it starts. */
  reading: string;
  /** Show a live request count while the job reads (automap's read is long). */
  progress?: boolean;
  /** The plan as a person reads it (never with --json). */
  printPlan(out: Output, plan: P): void;
  /** Warnings and notes about the plan for stderr, shown with --json too (what could not be read). */
  notices?(out: Output, plan: P): void;
  /** How to ask before applying `count` actions (the plan says which); undefined when the job applies without asking (fields sync rewrites only what was mapped to it). */
  confirm?(count: number, plan: P): ChangeConfirmation;
  /** What a declined confirmation says. */
  declined?: string;
  /** Each applied or failed action as it lands. */
  onAction?(out: Output, event: JobActionEvent): void;
  /** After apply; with `outcome` null after a dry run. Says how it went and throws PartialError or BridgeError when some of it failed. */
  finish(out: Output, plan: P, outcome: O | null, statePath: string): void;
  /** Lines to flush once the apply ended, however it ended (repeated failures summed up). */
  drain?(out: Output): void;
}

/**
 * The one driver of every job's command: lock → read and plan → print → confirm → apply →
 * report. The state is opened read-only for --dry-run, so a dry run never waits on a lock
 * or changes the file. With --json the job's report is the one document, also when the job
 * stopped part-way (then with what landed).
 */
export async function runJobCommand<S, P, O>(ctx: Context, job: Job<S, P, O>, settings: S, view: JobCommandView<P, O>): Promise<void> {
  const out = ctx.out;
  const state = await openState(await ctx.statePath(), { mode: ctx.dryRun ? "read" : "write", command: view.command, logger: out });
  const progress = new ProgressLine(out, sharedRequestCounter, view.progress === true && out.showsProgress);
  try {
    const run: JobRun<S> = {
      session: new JobSession(ctx),
      state,
      settings,
      dryRun: ctx.dryRun,
      yes: Boolean(ctx.globals.yes),
      hooks: { onAction: (event) => view.onAction?.(out, event) },
      logger: out,
    };
    out.info(view.reading);
    progress.start(job.name);
    const plan = await job.plan(run).finally(() => progress.stop());
    if (!ctx.json) view.printPlan(out, plan);
    view.notices?.(out, plan);
    if (ctx.dryRun) {
      if (ctx.json) out.printJson(job.report(run, plan, null));
      view.finish(out, plan, null, state.path);
      return;
    }
    const pending = job.pending(plan);
    if (pending > 0 && view.confirm !== undefined && !(await confirmChange(out, run.yes, view.confirm(pending, plan)))) {
      if (ctx.json) out.printJson(job.report(run, plan, null));
      out.warn(view.declined ?? "nothing changed");
      return;
    }
    let outcome: O;
    try {
      outcome = await job.apply(run, plan);
    } catch (error) {
      // Stopped part-way (a refused token every write would meet): still one report, with what landed.
      const landed = outcomeAtStop(error) as O | undefined;
      if (ctx.json && landed !== undefined) out.printJson(job.report(run, plan, landed));
      throw error;
    } finally {
      view.drain?.(out);
    }
    if (ctx.json) out.printJson(job.report(run, plan, outcome));
    view.finish(out, plan, outcome, state.path);
  } finally {
    progress.stop();
    await state.close();
  }
}
