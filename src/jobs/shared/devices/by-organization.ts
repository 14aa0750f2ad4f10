const groups = new WeakMap<readonly object[], ReadonlyMap<number, readonly unknown[]>>();

/**
 * A listing's items by organization id, grouped once per listing and kept while it lives: a
 * job asks for the same listing's groups organization after organization, batch after batch,
 * and grouping 50,000 devices each time made a run's cost grow with the square of the estate.
 */
export function byOrganization<T extends { organizationId: number }>(items: readonly T[]): ReadonlyMap<number, readonly T[]> {
  let grouped = groups.get(items);
  if (grouped === undefined) {
    const built = new Map<number, T[]>();
    for (const item of items) {
      const inOrg = built.get(item.organizationId);
      if (inOrg === undefined) built.set(item.organizationId, [item]);
      else inOrg.push(item);
    }
    grouped = built;
    groups.set(items, grouped);
  }
  // Keyed by the listing itself, so the groups hold that listing's own items.
  return grouped as ReadonlyMap<number, readonly T[]>;
}
