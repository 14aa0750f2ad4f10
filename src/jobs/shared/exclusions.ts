import { UsageError } from "../../errors.js";
import { EXCLUDABLE_JOBS, type ExcludableJob, type OrgExclusion, type ReadonlyStateDocument, type StateDocument } from "../../state/index.js";

export { EXCLUDABLE_JOBS, type ExcludableJob };

/** The organizations left out of `job` (`orgs exclude`), by id. */
export function excludedOrgIds(doc: ReadonlyStateDocument, job: ExcludableJob): Set<number> {
  return new Set(Object.values(doc.orgExclusions ?? {}).flatMap((e) => (e.jobs.includes(job) ? [e.ninjaOrgId] : [])));
}

/** The jobs each organization is left out of, by organization id. */
export function exclusionsByOrg(doc: ReadonlyStateDocument): Map<number, ExcludableJob[]> {
  return new Map(Object.values(doc.orgExclusions ?? {}).map((e) => [e.ninjaOrgId, [...e.jobs]]));
}

/** The line a job's report carries when it left organizations out (none when it left none out). */
export function excludedNote(doc: ReadonlyStateDocument, job: ExcludableJob): string[] {
  const left = Object.values(doc.orgExclusions ?? {}).filter((e) => e.jobs.includes(job));
  if (left.length === 0) return [];
  return [`excluded (\`orgs exclude\`): ${left.map((e) => `${e.ninjaOrgName} (org ${e.ninjaOrgId})`).join(", ")}; ${job} leaves them alone`];
}

/** `--jobs fields,tickets` → the jobs, checked; an unknown one is a usage error naming the valid ones. */
export function parseJobList(text: string): ExcludableJob[] {
  const names = text.split(",").map((n) => n.trim().toLowerCase()).filter((n) => n !== "");
  if (names.length === 0) throw new UsageError("--jobs needs at least one job", { hint: `jobs: ${EXCLUDABLE_JOBS.join(", ")}` });
  for (const name of names) {
    if (!(EXCLUDABLE_JOBS as readonly string[]).includes(name)) throw new UsageError(`"${name}" is not a job an organization can be excluded from`, { hint: `jobs: ${EXCLUDABLE_JOBS.join(", ")}` });
  }
  return EXCLUDABLE_JOBS.filter((j) => names.includes(j));
}

/**
 * Sets (or, with an empty list, removes) an organization's exclusions in a state draft
 * (inside `StateHandle.update`), jobs in their fixed order.
 */
export function recordExclusion(draft: StateDocument, org: { id: number; name: string }, jobs: readonly ExcludableJob[], at: string): void {
  const all = (draft.orgExclusions ??= {});
  if (jobs.length === 0) {
    delete all[String(org.id)];
    return;
  }
  const entry: OrgExclusion = { ninjaOrgId: org.id, ninjaOrgName: org.name, jobs: EXCLUDABLE_JOBS.filter((j) => jobs.includes(j)), updatedAt: at };
  all[String(org.id)] = entry;
}

/** A job's report with the organizations it left out named among its notes. */
export function withExcludedNote<R extends { notes: string[] }>(report: R, doc: ReadonlyStateDocument, job: ExcludableJob): R {
  const note = excludedNote(doc, job);
  return note.length === 0 ? report : { ...report, notes: [...report.notes, ...note] };
}
