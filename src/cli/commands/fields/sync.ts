import { BridgeError, PartialError } from "../../../errors.js";
import { entityLabel } from "../../../jobs/fields/apply.js";
import { fieldsJob, type FieldsJobPlan, type FieldsOutcome } from "../../../jobs/fields/index.js";
import { mergePlans } from "../../../jobs/fields/plan/plan-job.js";
import { isFailure, type SyncProblem } from "../../../jobs/fields/plan/problems.js";
import { fieldsSettingsFromFlags, type FieldsSyncFlags } from "../../../jobs/fields/settings.js";
import { plural } from "../../../plural.js";
import type { Context } from "../../context.js";
import type { Output } from "../../io.js";
import { runJobCommand } from "../../run-job-command.js";
import { renderTable } from "../../table.js";

export type FieldsSyncOptions = FieldsSyncFlags;

/** Rows of the plan shown to a person; --json lists every one. */
const SHOWN_ROWS = 40;

/**
 * The fields job with --source, --org and --full: plan under the state lock → print → write
 * (no confirmation: a sync only rewrites the fields the operator mapped to it, and cron runs
 * it) → print what landed.
 */
export async function run(options: FieldsSyncOptions, ctx: Context): Promise<void> {
  const settings = fieldsSettingsFromFlags(await ctx.config(), ctx.env, options);
  await runJobCommand(ctx, fieldsJob, settings, {
    command: "fields sync",
    reading: "reading NinjaOne fields and devices, and the mapped tenants' statuses…",
    printPlan: (out, plan) => printPlan(out, plan, ctx.profile),
    onAction: (out, e) => {
      if (e.result === "applied") out.debug(`wrote ${e.target}: ${e.detail ?? ""}`);
      else if (e.result === "failed") out.warn(`not written: ${e.target}: ${e.detail ?? "failed"}`);
    },
    finish,
  });
}

function printPlan(out: Output, jobPlan: FieldsJobPlan, profile: string): void {
  const plan = mergePlans(jobPlan.planned);
  if (plan.skippedBecause !== undefined) {
    out.warn(`nothing to sync: ${plan.skippedBecause}`);
    return;
  }
  for (const s of plan.notConfigured) out.warn(`${s} fields are mapped, but ${s} is not configured in profile "${profile}"; skipped`);
  for (const b of plan.blocked) out.warn(`${b.sourceId} is not written: ${b.reason}. ${b.fix}`);
  const writes = plan.writes.actions.flatMap((a) => (a.kind === "write" ? [a] : []));
  const c = plan.writes.counts;
  const lines: string[] = [];
  if (writes.length > 0) {
    lines.push(renderTable(["WRITE", "FIELDS", "WHY"], writes.slice(0, SHOWN_ROWS).map((a) => [entityLabel(a), Object.keys(a.fields).sort().join(", "), a.reason])));
    if (writes.length > SHOWN_ROWS) lines.push(`  … and ${writes.length - SHOWN_ROWS} more (--json lists them all)`);
  }
  lines.push(`${c.entitiesWritten} to write (${c.fieldsWritten} fields), ${c.entitiesUnchanged} unchanged`);
  if (plan.clears.length > 0) {
    lines.push("", "Stale values to clear (we wrote them; nothing stands behind them any more):");
    lines.push(renderTable(["CLEAR", "FIELDS", "WHY"], plan.clears.slice(0, SHOWN_ROWS).map((a) => [entityLabel(a), Object.keys(a.fields).sort().join(", "), a.reason])));
    if (plan.clears.length > SHOWN_ROWS) lines.push(`  … and ${plan.clears.length - SHOWN_ROWS} more (--json lists them all)`);
  }
  out.print(lines.join("\n"));
  if (plan.linkFindings.length > 0) {
    out.print(["", "Device links:", renderTable(["ORG", "WHAT", "FINDING"], plan.linkFindings.map((f) => [`${f.org.name} (${f.org.id})`, f.subject, f.message]))].join("\n"));
  }
  if (plan.problems.length > 0) {
    out.print(["", "Not written:", renderTable(["ORG", "WHAT", "WHY"], plan.problems.slice(0, SHOWN_ROWS).map(problemRow))].join("\n"));
    if (plan.problems.length > SHOWN_ROWS) out.print(`  … and ${plan.problems.length - SHOWN_ROWS} more (--json lists them all)`);
  }
}

function problemRow(p: SyncProblem): string[] {
  return [`${p.org.name} (${p.org.id})`, p.subject, p.reason];
}

/** A dry run and a run with nothing to do end quietly (exit 0); failed writes, unread tenants or blocked fields make it partly done, or failed when nothing landed. */
function finish(out: Output, jobPlan: FieldsJobPlan, outcome: FieldsOutcome | null): void {
  const plan = mergePlans(outcome?.plans ?? jobPlan.planned);
  if (plan.skippedBecause !== undefined) return;
  if (outcome === null) {
    out.info(`dry run: ${plan.writes.counts.entitiesWritten} devices or organizations would be written; nothing was`);
    return;
  }
  for (const c of outcome.cleared) {
    if (c.kept.length > 0) out.warn(`${c.entityName ?? `${c.scope} ${c.entityId}`}: NinjaOne kept ${c.kept.join(", ")} (a date takes no text in its place); clear ${c.kept.length === 1 ? "it" : "them"} by hand in NinjaOne`);
  }
  const { applied, failed, planned } = outcome.counts;
  if (failed === 0) {
    if (applied === 0) out.success("nothing changed: no field was written");
    else out.outcome(`wrote ${plural(applied, "device")} or organization${applied === 1 ? "" : "s"}`);
    return;
  }
  const blocked = plan.blocked.length > 0 ? `${plan.blocked.length} mapped field${plan.blocked.length === 1 ? "" : "s"} could not be written` : "";
  const writes = outcome.failed.length > 0 ? `${outcome.failed.length} of ${planned} writes failed` : "";
  const unread = plan.problems.filter(isFailure).length;
  const reads = unread > 0 ? `${plural(unread, "tenant or organization", "tenants or organizations")} could not be read and ${unread === 1 ? "was" : "were"} skipped` : "";
  const what = [writes, reads, blocked].filter((s) => s !== "").join("; ");
  if (planned > 0 && applied === 0) {
    throw new BridgeError(`no field was written: ${what}`, { hint: "see the warnings above; nothing was recorded, so the next run tries again" });
  }
  throw new PartialError(`wrote ${applied} of ${planned}, but ${what}`, { hint: "what landed is recorded; the rest is written by the next run once the cause above is fixed" });
}
