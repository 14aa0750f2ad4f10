import { collect, mapConcurrent } from "../../../clients/async-lists.js";
import { ApiError } from "../../../errors.js";
import { attributeBatch, planAcronisReads, setChanged, tenantSetOf, type TenantSets } from "./acronis-batches.js";

/** Items per page of a listing: Acronis documents no most for the resource APIs, and a cursor carries on past any cap it has. */
export const LARGE_PAGE = 1000;

/** Listings in flight at once. */
const READ_CONCURRENCY = 4;

export type CustomerRead<T> = { items: T[] } | { error: ApiError };

export interface PerCustomerReads<T> {
  /** Every customer asked for, with its items or why they could not be read. */
  results: Map<string, CustomerRead<T>>;
  /** Sets learned from lone reads that differ from the known ones: for the job's apply to record. */
  learned: Record<string, string[]>;
}

/**
 * The items of many Acronis customers: those whose tenant set is known in batched listings,
 * placed by set; the rest, and every customer of a batch that failed or held an item no set
 * claims, each in a listing of its own, which also learns its set. A batch fails whole, so its
 * fault costs the lone reads of its customers; only a customer whose own listing fails goes
 * without. Anything but an API error (a bug) ends the read.
 */
export async function readPerCustomer<T>(
  customerIds: readonly string[],
  known: TenantSets,
  list: (tenantIds: readonly string[]) => AsyncIterable<T>,
  numericIdOf: (item: T) => string,
): Promise<PerCustomerReads<T>> {
  const plan = planAcronisReads(customerIds, known);
  const results = new Map<string, CustomerRead<T>>();
  const learned: Record<string, string[]> = {};
  const alone = [...plan.alone];
  const batches = mapConcurrent(plan.batches, READ_CONCURRENCY, async (batch) => {
    try {
      return { batch, placed: attributeBatch(batch, known, await collect(list(batch)), numericIdOf) };
    } catch (error) {
      if (error instanceof ApiError) return { batch, placed: undefined };
      throw error;
    }
  });
  for await (const { batch, placed } of batches) {
    if (placed === undefined || "unplaced" in placed) alone.push(...batch);
    else for (const [customer, items] of placed.byCustomer) results.set(customer, { items });
  }
  const lone = mapConcurrent(alone, READ_CONCURRENCY, async (customer) => {
    try {
      return { customer, read: { items: await collect(list([customer])) } as CustomerRead<T> };
    } catch (error) {
      if (error instanceof ApiError) return { customer, read: { error } as CustomerRead<T> };
      throw error;
    }
  });
  for await (const { customer, read } of lone) {
    results.set(customer, read);
    if ("items" in read) {
      const set = tenantSetOf(read.items, numericIdOf);
      if (setChanged(known.get(customer), set)) learned[customer] = set;
    }
  }
  return { results, learned };
}
