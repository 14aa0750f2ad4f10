import { z } from "zod";
import { ApiError } from "../../errors.js";
import type { HttpClient } from "../../http/index.js";
import { cippListOf } from "./schemas.js";

/**
 * CIPP's generic Graph passthrough, one page at a time. By default ListGraphRequest follows
 * every @odata.nextLink itself and answers the whole list in one response, which is what
 * times out for tenants with thousands of users (CIPP#6379: "more than 2,000 users never
 * sync"). With `manualPagination=true` it answers one page and `Metadata.nextLink`, passed
 * back as `nextLink` with the same Endpoint for the next page (CIPP-API
 * Invoke-ListGraphRequest.ps1, comments on manualPagination and nextLink).
 */

const PATH = "/api/ListGraphRequest";

/** Pages a run follows at most for one list: 2,000 pages of 999 users is far past any tenant. */
const MAX_PAGES = 2000;

const metadataSchema = z.object({ nextLink: z.string().nullish() }).passthrough().nullish();

export interface GraphPageOptions {
  /** Graph's `$top`: the page size asked for; Graph (and CIPP) may answer fewer. */
  top: number;
  select?: readonly string[];
  expand?: string;
  /** Any further query parameters ListGraphRequest passes on, such as `$format`. */
  extra?: Readonly<Record<string, string>>;
}

/** Every row of one Graph list of one tenant, page by page through `Metadata.nextLink`. */
export async function* listGraphPaged<T extends z.ZodType>(http: HttpClient, tenantId: string, endpoint: string, item: T, options: GraphPageOptions): AsyncGenerator<z.infer<T>> {
  const pageSchema = z.object({ Results: cippListOf(item), Metadata: metadataSchema });
  const base: Record<string, string> = { tenantFilter: tenantId, Endpoint: endpoint, $top: String(options.top), manualPagination: "true", ...options.extra };
  if (options.select !== undefined) base["$select"] = options.select.join(",");
  if (options.expand !== undefined) base["$expand"] = options.expand;
  const seen = new Set<string>();
  let nextLink: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const body = await http.request({ method: "GET", path: PATH, query: nextLink === undefined ? base : { ...base, nextLink }, schema: pageSchema });
    for (const row of body.Results) yield row;
    const next = body.Metadata?.nextLink ?? undefined;
    if (next === undefined || next === "") return;
    // A link that comes back again would loop for ever: a fault of the service, not the end of the list.
    if (seen.has(next)) throw new ApiError(`cipp GET ${PATH}: Graph answered the same next page twice for ${endpoint}`, { service: "cipp", method: "GET", path: PATH, status: 502 });
    seen.add(next);
    nextLink = next;
  }
  throw new ApiError(`cipp GET ${PATH}: more than ${MAX_PAGES} pages of ${endpoint}`, { service: "cipp", method: "GET", path: PATH, status: 502 });
}
