import { closeKey, keysAreClose } from "../names/similarity.js";
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
 * decides; in organization id order, then customer name. Every organization meets every
 * customer, so each name is normalised once (2,000 of each is 4 million comparisons).
 */
export function closeUnmappedPairs(
  orgs: readonly PlanOrg[],
  customers: readonly { id: string; name: string }[],
  mapped: { orgIds: ReadonlySet<number>; customerIds: ReadonlySet<string> },
): ClosePair[] {
  const free = customers
    .filter((c) => !mapped.customerIds.has(c.id))
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((c) => ({ customer: { id: c.id, name: c.name }, key: closeKey(c.name) }));
  return orgs
    .filter((o) => !mapped.orgIds.has(o.id))
    .sort((a, b) => a.id - b.id)
    .flatMap((org) => {
      const key = closeKey(org.name);
      return free.filter((c) => keysAreClose(key, c.key)).map((c) => ({ org, customer: c.customer }));
    });
}
