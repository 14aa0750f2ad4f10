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

/** At most this many tenants in one `tenant_id` filter (reference §5). */
export const MAX_TENANT_FILTER = 100;

/**
 * The `tenant_id` filter for one tenant or several. The reference says the resource APIs take
 * "one or more tenant IDs or UUIDs" without the syntax; Acronis' guide for the sibling
 * `policy_statuses` writes several as `or(a,b)` (G: resource-policy/policies/fetching-policy-
 * statuses-of-resources), so that is what several become. One stays plain.
 */
export function tenantFilter(tenantIds: string | readonly string[]): string {
  const ids = typeof tenantIds === "string" ? [tenantIds] : tenantIds;
  if (ids.length === 0) throw new RangeError("at least one tenant id is needed");
  if (ids.length > MAX_TENANT_FILTER) throw new RangeError(`at most ${MAX_TENANT_FILTER} tenants can be asked for at once, got ${ids.length}`);
  return ids.length === 1 ? (ids[0] as string) : `or(${ids.join(",")})`;
}
