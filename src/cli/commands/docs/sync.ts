import { BridgeError, PartialError } from "../../../errors.js";
import { docsJob } from "../../../jobs/docs/index.js";
import type { DocsOutcome } from "../../../jobs/docs/apply.js";
import type { DocsPlan } from "../../../jobs/docs/plan/plan-job.js";
import { actionTarget, docsNotes } from "../../../jobs/docs/report.js";
import { docsSettingsFromFlags, type DocsSyncFlags } from "../../../jobs/docs/settings.js";
import { plural } from "../../../plural.js";
import type { Context } from "../../context.js";
import type { Output } from "../../io.js";
import { runJobCommand } from "../../run-job-command.js";
import { renderTable } from "../../table.js";

export type DocsSyncOptions = DocsSyncFlags;

const SHOWN_ROWS = 40;

/** The docs job with --org, --licensed-only, --max-archive: plan → print → write (no confirmation: it writes only its own documents, and archives within the limit). */
export async function run(options: DocsSyncOptions, ctx: Context): Promise<void> {
  const settings = docsSettingsFromFlags(await ctx.config(), ctx.env, options);
  await runJobCommand(ctx, docsJob, settings, {
    command: "docs sync",
    reading: "reading document templates, the mapped tenants' users and licences, and their documents…",
    printPlan,
    notices: (out, plan) => {
      for (const p of plan.problems) out.warn(`not read: ${p.subject} (${p.org.name}, org ${p.org.id}): ${p.reason}`);
      for (const n of docsNotes(plan, settings.maxArchive, settings.cippFreshForMinutes)) out.warn(n);
    },
    onAction: (out, e) => {
      if (e.result === "applied") out.debug(`${e.action}: ${e.target}`);
      else if (e.result === "failed") out.warn(`not written: ${e.action} ${e.target}: ${e.detail ?? "failed"}`);
    },
    finish,
  });
}

function printPlan(out: Output, plan: DocsPlan): void {
  const lines: string[] = [];
  if (plan.actions.length > 0) {
    lines.push(renderTable(["DO", "DOCUMENT", "WHY"], plan.actions.slice(0, SHOWN_ROWS).map((a) => [a.kind, actionTarget(a), a.reason])));
    if (plan.actions.length > SHOWN_ROWS) lines.push(`  … and ${plan.actions.length - SHOWN_ROWS} more (--json lists them all)`);
  }
  lines.push(`${plan.actions.length} documents to write in ${plan.orgs} organization(s), ${plan.unchanged} unchanged`);
  out.print(lines.join("\n"));
}

/** Unread tenants or failed batches make it partly done (exit 3), or failed when nothing landed. */
function finish(out: Output, plan: DocsPlan, outcome: DocsOutcome | null): void {
  if (outcome === null) {
    out.info(`dry run: ${plan.actions.length} documents would be written; nothing was`);
    return;
  }
  const failed = outcome.failed.length;
  const unread = plan.problems.length;
  if (failed === 0 && unread === 0) {
    if (outcome.applied.length === 0) out.success("nothing changed: no document was written");
    else out.outcome(`wrote ${plural(outcome.applied.length, "document")}`);
    return;
  }
  const what = [failed > 0 ? `${failed} of ${plan.actions.length} documents were not written` : "", unread > 0 ? `${unread} tenant(s) could not be read and were skipped` : ""].filter((s) => s !== "").join("; ");
  if (plan.actions.length > 0 && outcome.applied.length === 0 && failed > 0) throw new BridgeError(`no document was written: ${what}`, { hint: "see the warnings above; nothing was recorded, so the next run tries again" });
  throw new PartialError(`wrote ${outcome.applied.length} document(s), but ${what}`, { hint: "what landed is recorded; the rest is written by the next run once the cause above is fixed" });
}
