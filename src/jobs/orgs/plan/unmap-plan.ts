import type { Link } from "../../shared/mappings.js";
import type { TargetService } from "../../../services.js";

export interface UnmapPlan {
  orgId: number;
  /** The links that go, in service order. */
  removals: Link[];
  /** Services asked for that have no link for this organization. */
  notMapped: TargetService[];
}

/** Which of an organization's links `orgs unmap` removes for the services asked for. */
export function planUnmap(links: Readonly<Record<TargetService, readonly Link[]>>, orgId: number, services: readonly TargetService[]): UnmapPlan {
  const removals: Link[] = [];
  const notMapped: TargetService[] = [];
  for (const service of services) {
    const link = links[service].find((l) => l.orgId === orgId);
    if (link === undefined) notMapped.push(service);
    else removals.push(link);
  }
  return { orgId, removals, notMapped };
}
