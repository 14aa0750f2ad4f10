import type { ReadonlyStateDocument, StateDocument } from "../../../state/index.js";

interface Org {
  id: number;
  name: string;
}

/**
 * The organizations that appeared since the last provision run: listed now, never seen
 * before. A state that has seen nothing yet has no "before", so nothing appeared: the first
 * run only takes note, and never provisions the whole backlog by surprise.
 */
export function orgsAppearedSince<T extends Org>(seen: ReadonlyStateDocument["orgsSeen"], orgs: readonly T[]): T[] {
  if (Object.keys(seen).length === 0) return [];
  return orgs.filter((org) => seen[String(org.id)] === undefined);
}

/** Notes every listed organization as seen at `now` (inside `StateHandle.update`). */
export function recordOrgsSeen(draft: StateDocument, orgs: readonly Org[], now: Date): void {
  const at = now.toISOString();
  for (const org of orgs) {
    const key = String(org.id);
    const before = draft.orgsSeen[key];
    draft.orgsSeen[key] = { ninjaOrgId: org.id, name: org.name, firstSeenAt: before?.firstSeenAt ?? at, lastSeenAt: at };
  }
}
