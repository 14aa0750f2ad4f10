import { plural } from "../../plural.js";
import type { JobCounts, JobReport } from "../job.js";
import type { DocsOutcome } from "./apply.js";
import type { DocsPlan } from "./plan/plan-job.js";
import type { DocAction } from "./plan/plan-org.js";

export function actionTarget(a: DocAction): string {
  return `${a.name} (${a.docKind}, ${a.org.name}, org ${a.org.id})`;
}

export function docsCounts(plan: DocsPlan, outcome: DocsOutcome | null): JobCounts {
  const held = plan.held.reduce((n, h) => n + h.count, 0);
  return {
    planned: plan.actions.length,
    applied: outcome?.applied.length ?? 0,
    failed: (outcome?.failed.length ?? 0) + plan.problems.length,
    skipped: held,
  };
}

export function docsNotes(plan: DocsPlan, maxArchive: number, freshForMinutes: number): string[] {
  const notes = plan.held.map((h) => `${h.org.name} (org ${h.org.id}): ${h.count} documents would be archived, more than --max-archive ${maxArchive}; none was (is CIPP's user list complete?)`);
  if (plan.fresh > 0) notes.push(`${plan.fresh} Microsoft 365 tenant(s) written less than ${freshForMinutes} min ago were not read again (setting sync.cippRefreshMinutes; \`ninja-bridge docs sync\` reads them all)`);
  return notes;
}

/** `docs sync --json`: the shared report, with each document's action, and what landed. */
export function docsReport(plan: DocsPlan, options: { dryRun: boolean; maxArchive: number; freshForMinutes: number }, outcome: DocsOutcome | null): JobReport & Record<string, unknown> {
  const byKind = (kind: DocAction["kind"]) => plan.actions.filter((a) => a.kind === kind).length;
  const left = outcome?.left.length ?? 0;
  return {
    job: "docs",
    dryRun: options.dryRun,
    counts: docsCounts(plan, outcome),
    summary: { create: byKind("create"), update: byKind("update"), restore: byKind("restore"), archive: byKind("archive"), unchanged: plan.unchanged, orgs: plan.orgs },
    actions: plan.actions.map((a) => ({
      kind: `${a.kind}-document`,
      target: actionTarget(a),
      reason: a.reason,
      orgId: a.org.id,
      docKind: a.docKind,
      sourceId: a.sourceId,
      ...(a.kind === "create" || a.kind === "archive" ? {} : { documentId: a.documentId }),
      ...(a.kind === "archive" ? {} : { fields: Object.keys(a.fields).sort() }),
    })),
    problems: plan.problems.map((p) => ({ subject: `${p.subject} (${p.org.name}, org ${p.org.id})`, reason: p.reason, orgId: p.org.id })),
    notes: [...docsNotes(plan, options.maxArchive, options.freshForMinutes), ...(left > 0 ? [`${plural(left, "document")} left for the next run: the --max-duration window closed`] : [])],
    applied:
      outcome === null
        ? null
        : { documents: outcome.applied.map((a) => ({ kind: a.kind, key: a.key })), failed: outcome.failed.map((f) => ({ kind: f.action.kind, key: f.action.key, reason: f.reason })) },
    // Summed into sync's "N values left for the next run".
    ...(outcome === null ? {} : { left }),
  };
}
