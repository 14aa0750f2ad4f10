import { exactNameKey, normalizeName } from "../../shared/names/normalize-name.js";
import type { NinjaOrg, TargetTenant } from "./types.js";

export interface NameLink {
  org: NinjaOrg;
  target: TargetTenant;
  match: "exact" | "normalised";
  normalisedName: string;
  /** Same normalised name, but beaten by this exact match. */
  similarOrgs: NinjaOrg[];
  similarTargets: TargetTenant[];
}

/** One side's name matches several on the other side at its best level; nothing is guessed. */
export type NameTie =
  | { side: "org"; org: NinjaOrg; candidates: TargetTenant[] }
  | { side: "target"; target: TargetTenant; candidates: NinjaOrg[] };

export interface NameMatches {
  links: NameLink[];
  ties: NameTie[];
}

interface Keyed<T> {
  item: T;
  exact: string;
  normalised: string;
}

/**
 * Links an organization and a tenant when each is the other's only match at its best level:
 * an exact (case-insensitive) match if it has any, otherwise a normalised one. Exact links are
 * made first and their names then leave the pool: "Acme Inc." = "Acme Inc." must not keep
 * "Acme" and "ACME, Inc." tied through it, or the next run would link them after all.
 */
export function matchNames(orgs: readonly NinjaOrg[], targets: readonly TargetTenant[]): NameMatches {
  const exact = matchOnce(orgs, targets).links.filter((l) => l.match === "exact");
  if (exact.length === 0) return matchOnce(orgs, targets);
  const linkedOrgs = new Set(exact.map((l) => l.org));
  const linkedTargets = new Set(exact.map((l) => l.target));
  const rest = matchOnce(
    orgs.filter((o) => !linkedOrgs.has(o)),
    targets.filter((t) => !linkedTargets.has(t)),
  );
  const order = new Map(orgs.map((o, i) => [o, i]));
  const links = [...exact, ...rest.links].sort((a, b) => (order.get(a.org) ?? 0) - (order.get(b.org) ?? 0));
  return { links, ties: rest.ties };
}

/** One matching pass, indexed by key, so the cost grows with the number of names, not their product. */
function matchOnce(orgs: readonly NinjaOrg[], targets: readonly TargetTenant[]): NameMatches {
  // A name of only punctuation or spaces says nothing, and would match every other such name.
  const keyedOrgs = orgs.map((o) => keyed(o)).filter((k) => k.normalised !== "");
  const keyedTargets = targets.map((t) => keyed(t)).filter((k) => k.normalised !== "");
  const orgsByExact = groupBy(keyedOrgs, (k) => k.exact);
  const orgsByNormalised = groupBy(keyedOrgs, (k) => k.normalised);
  const targetsByExact = groupBy(keyedTargets, (k) => k.exact);
  const targetsByNormalised = groupBy(keyedTargets, (k) => k.normalised);

  const best = <T>(k: Keyed<unknown>, byExact: Map<string, Keyed<T>[]>, byNormalised: Map<string, Keyed<T>[]>) => {
    const exact = byExact.get(k.exact) ?? [];
    return exact.length > 0 ? { match: "exact" as const, hits: exact } : { match: "normalised" as const, hits: byNormalised.get(k.normalised) ?? [] };
  };

  const links: NameLink[] = [];
  const ties: NameTie[] = [];
  for (const o of keyedOrgs) {
    const fromOrg = best(o, targetsByExact, targetsByNormalised);
    if (fromOrg.hits.length > 1) ties.push({ side: "org", org: o.item, candidates: fromOrg.hits.map((h) => h.item) });
    const [t] = fromOrg.hits;
    if (fromOrg.hits.length !== 1 || t === undefined) continue;
    const fromTarget = best(t, orgsByExact, orgsByNormalised);
    if (fromTarget.hits.length !== 1 || fromTarget.hits[0] !== o) continue;
    const exact = fromOrg.match === "exact" && fromTarget.match === "exact";
    links.push({
      org: o.item,
      target: t.item,
      match: exact ? "exact" : "normalised",
      normalisedName: o.normalised,
      similarOrgs: exact ? others(orgsByNormalised.get(o.normalised), o) : [],
      similarTargets: exact ? others(targetsByNormalised.get(t.normalised), t) : [],
    });
  }
  for (const t of keyedTargets) {
    const fromTarget = best(t, orgsByExact, orgsByNormalised);
    if (fromTarget.hits.length > 1) ties.push({ side: "target", target: t.item, candidates: fromTarget.hits.map((h) => h.item) });
  }
  return { links, ties };
}

function keyed<T extends { name: string }>(item: T): Keyed<T> {
  return { item, exact: exactNameKey(item.name), normalised: normalizeName(item.name) };
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group === undefined) groups.set(k, [item]);
    else group.push(item);
  }
  return groups;
}

function others<T>(group: readonly Keyed<T>[] | undefined, self: Keyed<T>): T[] {
  return (group ?? []).filter((k) => k !== self).map((k) => k.item);
}
