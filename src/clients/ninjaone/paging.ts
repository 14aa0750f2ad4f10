import { InvalidResponseError } from "../../errors.js";

/**
 * NinjaOne's `after` lists (reference §4): a bare array per page, next page with
 * `after=<largest id of the page>`. The largest pageSize the server honours is undocumented;
 * 1000 is what CIPP, PSWarranty and NinjaOne's own scripts page with in production, so a page
 * shorter than that (or than what we asked for, if less) is certainly the last. A page of 1000
 * or more that is short of a larger request may be the server clamping, so the listing goes on
 * until a page is shorter than 1000 or empty.
 */

/** The largest page we ask for unless told otherwise (homotechsual's default). */
export const DEFAULT_PAGE_SIZE = 2000;

/** A page size the server is known to return in full. */
const HONOURED_PAGE_SIZE = 1000;

export type NextPage = { done: true } | { done: false; after: number };

/** What to ask for after a page with these ids, or `stuck` when they do not move forward. */
export function nextPageAfter(ids: readonly number[], pageSize: number, after: number | undefined): NextPage | { stuck: true } {
  if (ids.length === 0) return { done: true };
  const largest = Math.max(...ids);
  if (after !== undefined && largest <= after) return { stuck: true };
  if (ids.length < Math.min(pageSize, HONOURED_PAGE_SIZE)) return { done: true };
  return { done: false, after: largest };
}

export interface KeysetListing<T> {
  /** `/v2/devices-detailed`, for error messages. */
  path: string;
  pageSize: number;
  fetchPage(after: number | undefined): Promise<readonly T[]>;
  idOf(item: T): number;
}

export function checkPageSize(pageSize: number): number {
  if (!Number.isInteger(pageSize) || pageSize < 1) throw new RangeError(`pageSize must be a whole number of at least 1, got ${pageSize}`);
  return pageSize;
}

/** Every item of a keyset-paged list, one page in memory at a time. */
export async function* keysetItems<T>(listing: KeysetListing<T>): AsyncGenerator<T> {
  let after: number | undefined;
  for (;;) {
    const page = await listing.fetchPage(after);
    const next = nextPageAfter(page.map(listing.idOf), listing.pageSize, after);
    if ("stuck" in next) {
      throw new InvalidResponseError(`ninjaone GET ${listing.path}: a page after id ${after} returned no larger id, so paging cannot advance`, {
        service: "ninjaone",
        method: "GET",
        path: listing.path,
        hint: "The NinjaOne API returned the same page again; re-run with --verbose and report it.",
      });
    }
    yield* page;
    if (next.done) return;
    after = next.after;
  }
}
