import { InvalidResponseError } from "../../errors.js";

/**
 * NinjaOne's `after` lists (reference §4): a bare array per page, next page with
 * `after=<largest id of the page>`, and the listing ends on a page shorter than asked for.
 *
 * The largest pageSize the server honours is undocumented. 1000 is what CIPP, PSWarranty and
 * NinjaOne's own scripts page with, so that is what we ask for. The danger is a server that
 * quietly caps pages below it: "shorter than asked" then stops after the first page, and the
 * run sees 500 of 2,000 organizations without a word. So a short page is trusted as the last
 * only when the client has learned that this endpoint returns at least that many items when it
 * has them; otherwise the next page is read to confirm:
 *
 * - more items come: the server caps pages at that length. The cap is remembered, and from then
 *   on a page of exactly the cap is full and a shorter one is the last.
 * - nothing comes: the list really ended. The length is remembered as a floor: every later short
 *   page of at most that length is the last without asking again.
 * - a page of the full size asked for sets the floor to that size: no short page is ever doubted.
 *
 * What is learned is kept per HTTP client (one run) and per endpoint path, so the many
 * per-organization device lists of a large estate share it. Asking again costs one request
 * each time a list ends on a page longer than any seen before: about ln(n) extra requests for
 * n lists of random lengths, one for a uniform estate, none once a full page was seen.
 * The one case it cannot tell apart: a server whose cap equals the exact length of the first
 * list that ended on it (then later lists of that length are read as ended).
 */

/** The page size we ask for unless told otherwise. */
export const DEFAULT_PAGE_SIZE = 1000;

/** What one client has learned about one list endpoint's page sizes. */
export interface PageSizeMemory {
  /** The server's page cap, learned when a short page was followed by more items. */
  cap: number | undefined;
  /** A length the server is known to fill when it has the items: a page shorter than or equal to it that is short of the request ends the list. */
  floor: number;
}

export type PageVerdict = "last" | "next" | "confirm";

/** Whether a page of `length` items, `requested` asked for, ends the list, continues it, or must be confirmed by the next read. */
export function judgePage(length: number, requested: number, memory: Readonly<PageSizeMemory>): PageVerdict {
  if (length === 0) return "last";
  if (length >= requested) return "next";
  if (memory.cap !== undefined && length <= memory.cap) return length === memory.cap ? "next" : "last";
  if (length <= memory.floor) return "last";
  return "confirm";
}

/** Learns from a page of `length` items after `verdict`, and from what the read after a doubted page brought. */
export function learnPage(memory: PageSizeMemory, length: number, requested: number, confirmed: { doubted: number } | undefined): void {
  if (confirmed !== undefined) {
    if (length > 0) memory.cap = confirmed.doubted;
    else memory.floor = Math.max(memory.floor, confirmed.doubted);
  }
  if (length >= requested) memory.floor = Math.max(memory.floor, requested);
  // A page longer than the remembered cap proves the cap wrong (the server changed): learn afresh.
  if (memory.cap !== undefined && length > memory.cap) memory.cap = undefined;
}

const memories = new WeakMap<object, Map<string, PageSizeMemory>>();

/** The memory of one list endpoint for one client (`owner`, an HttpClient), created empty on first use. */
export function pageSizeMemory(owner: object, path: string): PageSizeMemory {
  let byPath = memories.get(owner);
  if (byPath === undefined) {
    byPath = new Map();
    memories.set(owner, byPath);
  }
  let memory = byPath.get(path);
  if (memory === undefined) {
    memory = { cap: undefined, floor: 0 };
    byPath.set(path, memory);
  }
  return memory;
}

/** The largest id of a page, by a loop: a spread into Math.max overflows the stack on a 200,000-item page. */
export function largestId<T>(page: readonly T[], idOf: (item: T) => number): number {
  let largest = -Infinity;
  for (const item of page) {
    const id = idOf(item);
    if (id > largest) largest = id;
  }
  return largest;
}

export interface KeysetListing<T> {
  /** `/v2/devices-detailed`, for error messages. */
  path: string;
  pageSize: number;
  /** From `pageSizeMemory(http, path)`. */
  memory: PageSizeMemory;
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
  let doubted: { doubted: number } | undefined;
  for (;;) {
    const page = await listing.fetchPage(after);
    learnPage(listing.memory, page.length, listing.pageSize, doubted);
    if (page.length === 0) return;
    const largest = largestId(page, listing.idOf);
    if (after !== undefined && largest <= after) {
      throw new InvalidResponseError(`ninjaone GET ${listing.path}: a page after id ${after} returned no larger id, so paging cannot advance`, {
        service: "ninjaone",
        method: "GET",
        path: listing.path,
        hint: "The NinjaOne API returned the same page again; re-run with --verbose and report it.",
      });
    }
    yield* page;
    const verdict = judgePage(page.length, listing.pageSize, listing.memory);
    if (verdict === "last") return;
    doubted = verdict === "confirm" ? { doubted: page.length } : undefined;
    after = largest;
  }
}
