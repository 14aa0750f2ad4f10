import { z } from "zod";
import type { HttpClient } from "../../http/index.js";
import { DEFAULT_PAGE_SIZE, checkPageSize, keysetItems, pageSizeMemory } from "./paging.js";
import { type OrganizationBody, organizationSchema } from "./schemas.js";

export interface NinjaOrganization {
  id: number;
  name: string;
  description: string | null;
}

export interface ListOrganizationsOptions {
  /** Organizations per request; default 1000. */
  pageSize?: number;
}

const PATH = "/v2/organizations";
const pageSchema = z.array(organizationSchema);

function toOrganization(body: OrganizationBody): NinjaOrganization {
  return { id: body.id, name: body.name, description: body.description ?? null };
}

/** Every organization, in id order, paged with `after` (reference §3, §4). */
export async function* listOrganizations(http: HttpClient, options: ListOrganizationsOptions = {}): AsyncGenerator<NinjaOrganization> {
  const pageSize = checkPageSize(options.pageSize ?? DEFAULT_PAGE_SIZE);
  const items = keysetItems({
    path: PATH,
    pageSize,
    memory: pageSizeMemory(http, PATH),
    idOf: (org: OrganizationBody) => org.id,
    fetchPage: (after) => http.request({ method: "GET", path: PATH, query: { pageSize, after }, schema: pageSchema }),
  });
  for await (const org of items) yield toOrganization(org);
}
