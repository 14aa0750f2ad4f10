import { BridgeError, PartialError, UsageError } from "../../../errors.js";
import { entityLabel } from "../../../jobs/fields/apply.js";
import { fieldsSyncJson } from "../../../jobs/fields/report.js";
import { isFailure, type SyncProblem } from "../../../jobs/fields/plan/problems.js";
import { applyFieldsSync, planFieldsSync, SOURCE_CHOICES, type FieldsSyncOutcome, type FieldsSyncPlan, type SourceChoice } from "../../../jobs/fields/run-job.js";
import { readFieldsSettings } from "../../../jobs/fields/settings.js";
import { JobSession } from "../../../jobs/shared/session.js";
import { openState } from "../../../state/index.js";
import type { Context } from "../../context.js";
import { renderTable } from "../../table.js";
import { plural } from "../../../plural.js";

export interface FieldsSyncCommandOptions {
  source: string;
  org?: string[];
  full?: boolean;
}

/** Rows of the plan shown to a person; --json lists every one. */
const SHOWN_ROWS = 40;

/**
 * plan under the state lock → print → write (no confirmation: a sync only rewrites the
 * fields the operator mapped to it, and cron runs it) → print what landed.
 */
export async function runFieldsSync(ctx: Context, opts: FieldsSyncCommandOptions): Promise<void> {
  const source = SOURCE_CHOICES.find((c) => c === opts.source);
  if (source === undefined) throw new UsageError(`--source must be one of ${SOURCE_CHOICES.join(", ")}, not "${opts.source}"`);
  const settings = readFieldsSettings(await ctx.config());
  const session = new JobSession(ctx);
  const state = await openState(await ctx.statePath(), { mode: ctx.dryRun ? "read" : "write", command: "fields sync", logger: ctx.out });
  let plan: FieldsSyncPlan;
  let outcome: FieldsSyncOutcome | null = null;
  try {
    ctx.out.info("reading NinjaOne fields and devices, and the mapped tenants' statuses…");
    plan = await planFieldsSync(session, state.data, settings, { source: source as SourceChoice, ...(opts.org ? { orgs: opts.org } : {}), full: Boolean(opts.full) });
    if (!ctx.json) printPlan(ctx, plan);
    if (!ctx.dryRun && plan.skippedBecause === undefined) {
      outcome = await applyFieldsSync(session, state, plan, {
        onAction: (e) => {
          if (e.result === "applied") ctx.out.debug(`wrote ${e.target}: ${e.detail ?? ""}`);
          else if (e.result === "failed") ctx.out.warn(`not written: ${e.target}: ${e.detail ?? "failed"}`);
        },
      });
    }
  } finally {
    await state.close();
  }
  if (ctx.json) ctx.out.printJson(fieldsSyncJson(plan, { dryRun: ctx.dryRun }, outcome === null ? null : { written: outcome.written, failed: outcome.failed }));
  finish(ctx, plan, outcome);
}

function printPlan(ctx: Context, plan: FieldsSyncPlan): void {
  if (plan.skippedBecause !== undefined) {
    ctx.out.warn(`nothing to sync: ${plan.skippedBecause}`);
    return;
  }
  for (const s of plan.notConfigured) ctx.out.warn(`${s} fields are mapped, but ${s} is not configured in profile "${ctx.profile}"; skipped`);
  for (const b of plan.blocked) ctx.out.warn(`${b.sourceId} is not written: ${b.reason}. ${b.fix}`);
  const writes = plan.writes.actions.flatMap((a) => (a.kind === "write" ? [a] : []));
  const c = plan.writes.counts;
  const lines: string[] = [];
  if (writes.length > 0) {
    lines.push(renderTable(["WRITE", "FIELDS", "WHY"], writes.slice(0, SHOWN_ROWS).map((a) => [entityLabel(a), Object.keys(a.fields).sort().join(", "), a.reason])));
    if (writes.length > SHOWN_ROWS) lines.push(`  … and ${writes.length - SHOWN_ROWS} more (--json lists them all)`);
  }
  lines.push(`${c.entitiesWritten} to write (${c.fieldsWritten} fields), ${c.entitiesUnchanged} unchanged`);
  ctx.out.print(lines.join("\n"));
  if (plan.problems.length > 0) {
    ctx.out.print(["", "Not written:", renderTable(["ORG", "WHAT", "WHY"], plan.problems.slice(0, SHOWN_ROWS).map(problemRow))].join("\n"));
    if (plan.problems.length > SHOWN_ROWS) ctx.out.print(`  … and ${plan.problems.length - SHOWN_ROWS} more (--json lists them all)`);
  }
}

function problemRow(p: SyncProblem): string[] {
  return [`${p.org.name} (${p.org.id})`, p.subject, p.reason];
}

function finish(ctx: Context, plan: FieldsSyncPlan, outcome: FieldsSyncOutcome | null): void {
  if (plan.skippedBecause !== undefined) return;
  if (outcome === null) {
    ctx.out.info(`dry run: ${plan.writes.counts.entitiesWritten} devices or organizations would be written; nothing was`);
    return;
  }
  const { applied, failed, planned } = outcome.counts;
  if (failed === 0) {
    ctx.out.success(applied === 0 ? "nothing changed: no field was written" : `wrote ${plural(applied, "device")} or organization${applied === 1 ? "" : "s"}`);
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
