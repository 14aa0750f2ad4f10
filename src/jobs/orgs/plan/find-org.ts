import { findByIdOrName, matchIdOrName } from "./find-by-id-or-name.js";

export interface OrgRef {
  id: number;
  name: string;
}

const ORG_KEYS = { idOf: (org: OrgRef) => String(org.id), namesOf: (org: OrgRef) => [org.name] };

/** Whether any organization answers to `query` (by id or exact name). */
export function anyOrgMatches(orgs: readonly OrgRef[], query: string): boolean {
  return matchIdOrName(orgs, query, ORG_KEYS).length > 0;
}

/** A NinjaOne organization by id or exact name. */
export function findOrg(orgs: readonly OrgRef[], query: string): OrgRef {
  return findByIdOrName(orgs, query, {
    what: "NinjaOne organization",
    ...ORG_KEYS,
    describe: (org) => `${org.id} "${org.name}"`,
    notFoundHint: "run 'ninja-bridge orgs list' to see every organization with its id",
  });
}

/** The organizations the recorded links name, as the links recorded them (one per id). */
export function linkedOrgs(links: Readonly<Record<string, readonly { orgId: number; orgName: string }[]>>): OrgRef[] {
  const byId = new Map<number, OrgRef>();
  for (const section of Object.values(links)) for (const l of section) if (!byId.has(l.orgId)) byId.set(l.orgId, { id: l.orgId, name: l.orgName });
  return [...byId.values()].sort((a, b) => a.id - b.id);
}
