/**
 * Keyset paging the way NinjaOne's `after` lists work (reference §4): ids ascending, a page
 * is the next `pageSize` ids strictly greater than `after`. `ids` must be sorted ascending;
 * the start is found by binary search so a page costs O(log n + pageSize).
 */
export function firstIndexAfter(ids: readonly number[], after: number): number {
  let lo = 0;
  let hi = ids.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((ids[mid] as number) <= after) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function pageAfter(
  ids: readonly number[],
  after: number,
  pageSize: number,
  accept: (id: number) => boolean = () => true,
): number[] {
  const out: number[] = [];
  for (let i = firstIndexAfter(ids, after); i < ids.length && out.length < pageSize; i++) {
    const id = ids[i] as number;
    if (accept(id)) out.push(id);
  }
  return out;
}

export type PageParams = { ok: true; after: number; pageSize: number } | { ok: false; error: string };

/**
 * Reads `pageSize` and `after` from a query. Both are int32 in the spec; anything else is a
 * 400. A pageSize above the maximum is clamped (the real maximum is undocumented), so a client
 * that stops on "fewer than I asked for" after a clamped page is caught truncating.
 */
export function readPageParams(query: URLSearchParams, defaultPageSize: number, maxPageSize: number): PageParams {
  const rawSize = query.get("pageSize");
  const rawAfter = query.get("after");
  let pageSize = defaultPageSize;
  if (rawSize !== null) {
    if (!/^-?[0-9]+$/.test(rawSize)) return { ok: false, error: `Invalid value for parameter pageSize: ${rawSize}` };
    pageSize = Number(rawSize);
    if (pageSize < 1) return { ok: false, error: "pageSize must be greater than 0" };
  }
  let after = 0;
  if (rawAfter !== null) {
    if (!/^-?[0-9]+$/.test(rawAfter) || Math.abs(Number(rawAfter)) > 2147483647) {
      return { ok: false, error: `Invalid value for parameter after: ${rawAfter}` };
    }
    after = Number(rawAfter);
  }
  return { ok: true, after, pageSize: Math.min(pageSize, maxPageSize) };
}
