import { perList } from "../per-list.js";

const grouped = perList((items: readonly { organizationId: number }[]): ReadonlyMap<number, readonly unknown[]> => {
  const byOrg = new Map<number, { organizationId: number }[]>();
  for (const item of items) {
    const inOrg = byOrg.get(item.organizationId);
    if (inOrg === undefined) byOrg.set(item.organizationId, [item]);
    else inOrg.push(item);
  }
  return byOrg;
});

/** A listing's items by organization id, in listing order, grouped once per listing (see perList). */
export function byOrganization<T extends { organizationId: number }>(items: readonly T[]): ReadonlyMap<number, readonly T[]> {
  // The groups hold the listing's own items, so they are of its item type.
  return grouped(items) as ReadonlyMap<number, readonly T[]>;
}
