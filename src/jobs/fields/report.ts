import { JsonList } from "../../json-chunks.js";
import type { JobCounts, JobReport, ReportedAction } from "../job.js";
import { entityLabel, type FieldWriteOutcome } from "./apply.js";
import type { FieldWriteAction } from "./plan/index.js";
import type { FieldsSyncPlan } from "./plan/plan-job.js";
import { describeClears, type ClearAction } from "./plan/stale.js";

type WriteAction = Extract<FieldWriteAction, { kind: "write" }>;

/** The plan's writes: the report's lists are made from them as they are printed, one entry at a time. */
function writeActions(plan: FieldsSyncPlan): WriteAction[] {
  return plan.writes.actions.filter((a): a is WriteAction => a.kind === "write");
}

/**
 * `fields sync --json`: the plan and, once applied, what landed. Values are left out (a
 * summary is kilobytes of HTML); field names, reasons and problems are all there.
 */
export function fieldsSyncJson(plan: FieldsSyncPlan, options: { dryRun: boolean }, applied: Omit<FieldWriteOutcome, "stop"> | null) {
  const writes = JsonList.of(writeActions(plan), (a) => ({ scope: a.scope, entityId: a.entityId, entityName: a.entityName ?? null, fields: Object.keys(a.fields).sort(), changed: a.changed, reason: a.reason }));
  return {
    dryRun: options.dryRun,
    full: plan.full,
    services: plan.services,
    notConfigured: plan.notConfigured,
    mappings: plan.mappings,
    blocked: plan.blocked,
    orgs: plan.orgs,
    summary: { ...plan.writes.counts, problems: plan.problems.length, blocked: plan.blocked.length },
    writes,
    problems: plan.problems,
    clears: plan.clears.map((c) => ({ scope: c.scope, entityId: c.entityId, entityName: c.entityName ?? null, fields: Object.keys(c.fields).sort(), reason: c.reason })),
    deviceLinks: {
      findings: plan.linkFindings,
      recorded: plan.linksRecorded,
      forgotten: plan.forget.links.length,
    },
    applied,
  };
}

/** What a person should hear about a fields run: fields that cannot be written, and what was left out and why. */
export function fieldsNotes(plan: FieldsSyncPlan, cippFreshForMinutes: number): string[] {
  const notes = plan.blocked.map((b) => `${b.sourceId} → ${b.fieldName}: ${b.reason} (${b.fix})`);
  if (plan.cippFresh > 0) {
    notes.push(`${plan.cippFresh} Microsoft 365 tenant(s) read less than ${cippFreshForMinutes} min ago were not read again (setting sync.cippRefreshMinutes; \`ninja-bridge fields sync\` reads them all)`);
  }
  for (const f of plan.linkFindings) notes.push(`${f.subject} (${f.org.name}): ${f.message}`);
  if (plan.clears.length > 0) notes.push(`${describeClears(plan.clears)} we wrote on ${plan.clears.length} device(s) or organization(s) have nothing behind them any more (source unmapped, organization unlinked, device no longer paired) and are cleared`);
  if (plan.forget.links.length > 0) notes.push(`${plan.forget.links.length} gone device link(s) past --forget-after dropped, with ${plan.forget.fieldWrites.length} cached field value(s)`);
  const byKind = new Map<string, number>();
  for (const p of plan.problems) byKind.set(p.kind, (byKind.get(p.kind) ?? 0) + 1);
  if (byKind.size > 0) {
    notes.push(`not written: ${[...byKind].map(([kind, n]) => `${n} ${kind}`).join(", ")}; \`ninja-bridge fields sync --dry-run\` lists them`);
  }
  return notes;
}

/**
 * The job's report: `fields sync --json`'s document with the shared keys beside it. Its
 * `problems` are the shared ones (subject, reason) with the service, kind and organization;
 * `applied` is what landed ({written, failed}), null when nothing was applied.
 */
export function fieldsReport(
  plan: FieldsSyncPlan,
  options: { dryRun: boolean; cippFreshForMinutes: number; counts: JobCounts },
  applied: Omit<FieldWriteOutcome, "stop"> | null,
): JobReport & Record<string, unknown> {
  return {
    ...fieldsSyncJson(plan, options, applied),
    job: "fields",
    counts: options.counts,
    actions: JsonList.of<WriteAction | ClearAction, ReportedAction & Record<string, unknown>>([...writeActions(plan), ...plan.clears], (a) => ({
      kind: "kind" in a ? "write-fields" : "clear-fields",
      target: entityLabel(a),
      reason: a.reason,
      scope: a.scope,
      entityId: a.entityId,
      fields: Object.keys(a.fields).sort(),
    })),
    notes: fieldsNotes(plan, options.cippFreshForMinutes),
    ...(plan.skippedBecause === undefined ? {} : { skippedBecause: plan.skippedBecause }),
  };
}
