import type { z } from "zod";
import { InvalidResponseError } from "../../errors.js";
import type { HttpClient, Query } from "../../http/index.js";
import { pageOf } from "./schemas.js";

/**
 * Acronis cursor paging (reference §2, §6): the next page is asked for with `after` and `limit`
 * alone, because the cursor carries every other filter. A full page may carry a cursor with
 * nothing behind it, so an empty page also ends the listing.
 */
export async function* cursorItems<T extends z.ZodType>(http: HttpClient, path: string, query: Query, limit: number, item: T): AsyncGenerator<z.infer<T>> {
  const schema = pageOf(item);
  let after: string | undefined;
  for (;;) {
    const page = await http.request({ method: "GET", path, query: after === undefined ? { ...query, limit } : { after, limit }, schema });
    yield* page.items;
    const next = page.paging?.cursors?.after ?? undefined;
    if (next === undefined || next === "" || page.items.length === 0) return;
    if (next === after) {
      throw new InvalidResponseError(`acronis GET ${path}: the next-page cursor did not change, so paging cannot advance`, {
        service: "acronis",
        method: "GET",
        path,
        hint: "The Acronis API returned the same cursor again; re-run with --verbose and report it.",
      });
    }
    after = next;
  }
}

export function checkLimit(limit: number): number {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`limit must be a whole number of at least 1, got ${limit}`);
  return limit;
}
