import { namesAreClose } from "../names/similarity.js";
import type { PlanOrg } from "./read.js";

/** An unmapped NinjaOne organization and an unmapped Acronis customer whose names are close. */
export interface ClosePair {
  org: PlanOrg;
  customer: { id: string; name: string };
}

/**
 * The pairs automatic provisioning would likely duplicate: Acronis' integration warns to map
 * existing customers before turning it on (reference §8). Close, not only equal after
 * normalising ("Contoso" and "Contoso Europe", "Fabrikam" and "Fabrikan"), since a person
 * decides; in organization id order, then customer name.
 */
export function closeUnmappedPairs(
  orgs: readonly PlanOrg[],
  customers: readonly { id: string; name: string }[],
  mapped: { orgIds: ReadonlySet<number>; customerIds: ReadonlySet<string> },
): ClosePair[] {
  const free = customers.filter((c) => !mapped.customerIds.has(c.id));
  return orgs
    .filter((o) => !mapped.orgIds.has(o.id))
    .sort((a, b) => a.id - b.id)
    .flatMap((org) =>
      free
        .filter((c) => namesAreClose(org.name, c.name))
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((c) => ({ org, customer: { id: c.id, name: c.name } })),
    );
}
