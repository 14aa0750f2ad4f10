import { existsSync } from "node:fs";
import { StateError } from "../../errors.js";
import { describeState, openState, verifyState, type StateSummary } from "../../state/index.js";
import type { Context } from "../context.js";
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
    throw new StateError(`state file ${report.path} has ${errors} problem${errors === 1 ? "" : "s"}`, {
      hint: "nothing was changed; see the lines above (a damaged file's copy is kept as <file>.corrupt-<time>)",
    });
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
