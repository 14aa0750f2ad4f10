import type { Target } from "../../shared/estates/target-estate.js";
import type { Link, MappingSource } from "../../shared/mappings.js";
import { nameKey } from "./find-by-id-or-name.js";
import type { OrgRef } from "./find-org.js";
import { TARGET_SERVICES, type TargetService } from "../../../services.js";

export type OrgFlag = "org-gone" | "duplicate-name" | "acronis-target-gone" | "m365-target-gone";

export interface LinkCell {
  targetId: string;
  targetName: string;
  source: MappingSource;
}

export interface OrgRow {
  id: number;
  name: string;
  /** Null for an organization that is mapped but no longer in NinjaOne. */
  devices: number | null;
  acronis: LinkCell | null;
  m365: LinkCell | null;
  /** Jobs that leave the organization alone (`orgs exclude`). */
  excluded: string[];
  flags: OrgFlag[];
}

export interface OrgListInput {
  orgs: readonly OrgRef[];
  deviceCounts: ReadonlyMap<number, number>;
  links: Readonly<Record<TargetService, readonly Link[]>>;
  /** Live targets of the services that could be read; a service left out is not checked for gone targets. */
  liveTargets: Partial<Record<TargetService, readonly Target[]>>;
  /** Jobs each organization is excluded from, by organization id. */
  exclusions?: ReadonlyMap<number, readonly string[]>;
}

const GONE_FLAG: Record<TargetService, OrgFlag> = { acronis: "acronis-target-gone", cipp: "m365-target-gone" };

function cellOf(link: Link | undefined): LinkCell | null {
  return link === undefined ? null : { targetId: link.targetId, targetName: link.targetName, source: link.source };
}

/**
 * One row per NinjaOne organization, plus one per mapped organization NinjaOne no longer has,
 * sorted by name then id, each with what needs a person's attention.
 */
export function buildOrgRows(input: OrgListInput): OrgRow[] {
  const linkByOrg = new Map<TargetService, Map<number, Link>>(
    TARGET_SERVICES.map((service) => [service, new Map(input.links[service].map((l) => [l.orgId, l]))]),
  );
  const liveIds = new Map<TargetService, Set<string>>();
  for (const service of TARGET_SERVICES) {
    const targets = input.liveTargets[service];
    if (targets !== undefined) liveIds.set(service, new Set(targets.map((t) => t.id)));
  }
  const present = new Set(input.orgs.map((o) => o.id));
  const gone = new Map<number, string>();
  for (const service of TARGET_SERVICES) {
    for (const link of input.links[service]) if (!present.has(link.orgId)) gone.set(link.orgId, link.orgName);
  }

  const bases = [
    ...input.orgs.map((org) => ({ id: org.id, name: org.name, devices: input.deviceCounts.get(org.id) ?? 0 })),
    ...[...gone].map(([id, name]) => ({ id, name, devices: null })),
  ];
  // Only live organizations can be confused with each other when mapping by name.
  const nameCounts = new Map<string, number>();
  for (const org of input.orgs) nameCounts.set(nameKey(org.name), (nameCounts.get(nameKey(org.name)) ?? 0) + 1);

  const rows: OrgRow[] = bases.map((base) => {
    const acronis = linkByOrg.get("acronis")?.get(base.id);
    const cipp = linkByOrg.get("cipp")?.get(base.id);
    const flags: OrgFlag[] = [];
    if (base.devices === null) flags.push("org-gone");
    else if ((nameCounts.get(nameKey(base.name)) ?? 0) > 1) flags.push("duplicate-name");
    for (const [service, link] of [["acronis", acronis], ["cipp", cipp]] as const) {
      const ids = liveIds.get(service);
      if (link !== undefined && ids !== undefined && !ids.has(link.targetId)) flags.push(GONE_FLAG[service]);
    }
    return { ...base, acronis: cellOf(acronis), m365: cellOf(cipp), excluded: [...(input.exclusions?.get(base.id) ?? [])], flags };
  });
  return rows.sort((a, b) => a.name.localeCompare(b.name, "en", { sensitivity: "base" }) || a.id - b.id);
}

/** Live organizations still missing a link for at least one of `services` (the ones configured). */
export function unmappedRows(rows: readonly OrgRow[], services: readonly TargetService[]): OrgRow[] {
  return rows.filter((row) => row.devices !== null && services.some((service) => (service === "acronis" ? row.acronis : row.m365) === null));
}
