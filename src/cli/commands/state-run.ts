import { existsSync } from "node:fs";
import { StateError } from "../../errors.js";
import { backupAdvice, describeState, openState, planRestore, restoreBackup, verifyState, type RestorePlan, type StateSummary } from "../../state/index.js";
import type { Context } from "../context.js";
import { confirmChange, destructiveChange } from "../io.js";
import { renderTable } from "../table.js";

export async function statePath(ctx: Context): Promise<void> {
  const file = await ctx.statePath();
  if (ctx.json) ctx.out.printJson({ profile: ctx.profile, path: file, exists: existsSync(file) });
  else ctx.out.print(file);
}

export async function stateShow(ctx: Context): Promise<void> {
  const file = await ctx.statePath();
  const state = await openState(file, { mode: "read", logger: ctx.out });
  if (!state.exists) {
    ctx.out.warn(`no state file yet at ${file}; the first command that records something creates it`);
    if (ctx.json) ctx.out.printJson(null);
    return;
  }
  if (ctx.json) ctx.out.printJson(state.data);
  else ctx.out.print(summaryTable(file, describeState(state.data)));
}

export async function stateVerify(ctx: Context): Promise<void> {
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

/** Puts `<state>.bak` back after a person (or --yes) confirms; --dry-run only says what it would do. */
export async function stateRestore(ctx: Context): Promise<void> {
  const file = await ctx.statePath();
  const plan = await planRestore(file);
  const what = restoreWords(plan);
  if (ctx.dryRun) {
    if (ctx.json) ctx.out.printJson({ dryRun: true, ...plan });
    else ctx.out.print(`would restore: ${what}`);
    return;
  }
  if (!(await confirmChange(ctx.out, Boolean(ctx.globals.yes), destructiveChange(what, "add --yes to restore it, or use --dry-run to see what it would do")))) {
    ctx.out.warn("nothing was restored");
    return;
  }
  const result = await restoreBackup(file, { logger: ctx.out });
  if (ctx.json) {
    ctx.out.printJson({ dryRun: false, path: file, restoredSerial: result.serial, ...result });
    return;
  }
  if (result.corruptCopy !== undefined) ctx.out.info(`the damaged file was kept as ${result.corruptCopy}`);
  if (result.swapped) ctx.out.info(`the replaced file is now the backup, ${plan.backup.path}`);
  ctx.out.success(`state file ${file} restored to serial ${result.serial}`);
}

function restoreWords(plan: RestorePlan): string {
  const backup = `its backup (serial ${plan.backup.serial}, written ${plan.backup.updatedAt})`;
  switch (plan.current.kind) {
    case "missing":
      return `${plan.file} does not exist and is created from ${backup}`;
    case "damaged":
      return `${plan.file} ${plan.current.problem} and is replaced by ${backup}; a copy of it is kept`;
    case "unreadable-version":
      return `${plan.file} ${plan.current.problem} and is replaced by ${backup}, becoming the backup itself`;
    case "valid":
      return `${plan.file} is sound (serial ${plan.current.serial}) and is replaced by ${backup}, becoming the backup itself (changes recorded since are undone)`;
  }
}

function summaryTable(file: string, s: StateSummary): string {
  return renderTable(
    ["FIELD", "VALUE"],
    [
      ["file", file],
      ["version", s.version],
      ["serial", s.serial],
      ["lineage", s.lineage],
      ["created", s.createdAt],
      ["updated", s.updatedAt],
      ["Acronis mappings", s.counts.acronisMappings],
      ["Microsoft 365 mappings", s.counts.m365Mappings],
      ["alert ↔ ticket links", s.counts.alertLinks],
      ["field writes cached", s.counts.fieldWrites],
      ["sync cursors", s.counts.cursors],
      ["provisioning records", s.counts.provisioning],
      ["organizations seen", s.counts.orgsSeen],
    ],
  );
}
