import { StateError } from "../../../errors.js";
import { backupAdvice, verifyState } from "../../../state/index.js";
import type { Context } from "../../context.js";
import { summaryTable } from "./summary-table.js";

/** `state verify` has no flags of its own. */
export type StateVerifyOptions = Record<string, never>;

/** `state verify`: every problem found, then a state error if any is an error. */
export async function run(_opts: StateVerifyOptions, ctx: Context): Promise<void> {
  const report = await verifyState(await ctx.statePath());
  if (ctx.json) {
    ctx.out.printJson(report);
  } else {
    for (const problem of report.problems) {
      if (problem.severity === "error") ctx.out.failure(problem.message);
      else ctx.out.warn(problem.message);
    }
    if (report.summary) ctx.out.print(summaryTable(report.path, report.summary));
    if (report.ok) ctx.out.outcome(`state file ${report.path} is sound`);
  }
  if (!report.ok) {
    const errors = report.problems.filter((p) => p.severity === "error").length;
    const advice = backupAdvice(report.backup);
    throw new StateError(`state file ${report.path} has ${errors} problem${errors === 1 ? "" : "s"}`, {
      hint: `nothing was changed; see the lines above (a damaged file's copy is kept as <file>.corrupt-<time>)${advice === undefined ? "" : `. ${advice}`}`,
    });
  }
}
