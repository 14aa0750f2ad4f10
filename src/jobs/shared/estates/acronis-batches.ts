import type { ReadonlyStateDocument, StateDocument } from "../../../state/index.js";

/**
 * Reading many Acronis customers' workloads in few requests. The resource APIs take up to 100
 * tenants in one `tenant_id` filter (reference §5), but their items name only a numeric tenant
 * id (the customer's own or one of its units'), never the customer's UUID; and the Account
 * API's tenant object carries no numeric id either (G: account/tenants/obj-structures lists
 * `id`, `brand_id`, `customer_id` "an internal value", nothing numeric to match). Acronis'
 * own examples read `resource_statuses` with no filter at all, the API client's whole subtree
 * (acronis-cyber-platform-python-examples resources/get_all_resources_protection_statuses.py),
 * which still leaves every item to place. So each mapped customer's set of numeric ids is
 * learned from a listing of that customer alone, kept in the state, and a batch's items are
 * placed by it. An item whose id no customer of its batch claims (a new unit, a workload in a
 * unit that had none) means a set is stale: the batch is read again customer by customer,
 * which relearns the sets. Whether a filter covers a tenant's units is undocumented; both the
 * batch and the lone reads use the same filter, so the sets follow whichever it is.
 */

/** Tenants per batched listing: the most one `tenant_id` filter takes. */
export const TENANTS_PER_READ = 100;

/** Customer UUID → the numeric tenant ids its workloads were last seen with. */
export type TenantSets = ReadonlyMap<string, readonly string[]>;

export interface AcronisReadPlan {
  /** Customers with a known set, up to 100 a listing. */
  batches: string[][];
  /** Customers read on their own: no set is known. */
  alone: string[];
}

/** Which customers are read together and which alone. */
export function planAcronisReads(customerIds: readonly string[], known: TenantSets, size: number = TENANTS_PER_READ): AcronisReadPlan {
  const unique = [...new Set(customerIds)];
  const withSet = unique.filter((id) => known.has(id));
  const alone = unique.filter((id) => !known.has(id));
  const batches: string[][] = [];
  // A batch of one is the request a lone read makes, but placed by its set: a lone read each
  // run would relearn a set every run, and two jobs that list different resource types would
  // take turns rewriting it.
  for (let i = 0; i < withSet.length; i += size) batches.push(withSet.slice(i, i + size));
  return { batches, alone };
}

/** A batch's items placed by customer, or the numeric ids that no set (or more than one) claims. */
export type BatchAttribution<T> = { byCustomer: Map<string, T[]> } | { unplaced: string[] };

export function attributeBatch<T>(customerIds: readonly string[], known: TenantSets, items: Iterable<T>, numericIdOf: (item: T) => string): BatchAttribution<T> {
  const owner = new Map<string, string | null>();
  for (const customer of customerIds) {
    for (const numeric of known.get(customer) ?? []) owner.set(numeric, owner.has(numeric) && owner.get(numeric) !== customer ? null : customer);
  }
  const byCustomer = new Map<string, T[]>(customerIds.map((id) => [id, []]));
  const unplaced = new Set<string>();
  for (const item of items) {
    const customer = owner.get(numericIdOf(item));
    if (customer === undefined || customer === null) unplaced.add(numericIdOf(item));
    else byCustomer.get(customer)?.push(item);
  }
  return unplaced.size > 0 ? { unplaced: [...unplaced].sort() } : { byCustomer };
}

/** The set a customer's own listing shows: every numeric tenant id among its items, sorted. */
export function tenantSetOf<T>(items: Iterable<T>, numericIdOf: (item: T) => string): string[] {
  return [...new Set([...items].map(numericIdOf))].sort((a, b) => a.localeCompare(b, "en", { numeric: true }));
}

/** Whether a learned set says something the known one does not. */
export function setChanged(known: readonly string[] | undefined, learned: readonly string[]): boolean {
  return known === undefined || known.length !== learned.length || known.some((id, i) => id !== learned[i]);
}

/** The sets the state holds for the mapped customers. */
export function knownTenantSets(state: ReadonlyStateDocument): Map<string, readonly string[]> {
  const sets = new Map<string, readonly string[]>();
  for (const m of Object.values(state.mappings.acronis)) if (m.acronisTenantNumericIds !== undefined) sets.set(m.acronisTenantId, m.acronisTenantNumericIds);
  return sets;
}

/** Records learned sets on the customers' mappings (inside `StateHandle.update`); a customer no longer mapped is left out. */
export function recordTenantSets(draft: StateDocument, learned: Readonly<Record<string, readonly string[]>>): void {
  for (const mapping of Object.values(draft.mappings.acronis)) {
    const set = learned[mapping.acronisTenantId];
    if (set !== undefined) mapping.acronisTenantNumericIds = [...set];
  }
}
