import { getTenant, offeringItemsForCustomer, tenantEditions, type OfferingItem } from "../../clients/acronis/tenant-admin.js";
import { mapConcurrent } from "../../clients/async-lists.js";
import { ConfigError } from "../../errors.js";
import type { HttpClient } from "../../http/index.js";
import type { ProvisionSettings } from "../shared/acronis-customers/settings.js";
import type { JobSession } from "../shared/session.js";
import { chooseServices } from "./plan/services.js";

/** Customers read at once; Acronis counts requests per client. */
const CONCURRENCY = 4;

/** Each customer's internal_tag, read one by one: the listing does not carry it. */
export async function readInternalTags(session: JobSession, ids: Iterable<string>): Promise<Map<string, string | null>> {
  const http = (await session.acronis()).http;
  const tags = new Map<string, string | null>();
  for await (const tenant of mapConcurrent(ids, CONCURRENCY, (id) => getTenant(http, id))) tags.set(tenant.id, tenant.internalTag);
  return tags;
}

/**
 * The offering items each new customer gets, chosen from the partner's offer. A choice that
 * would enable nothing stops the run before any tenant is created, naming the editions there are.
 */
export async function servicesToEnable(session: JobSession, settings: ProvisionSettings): Promise<OfferingItem[]> {
  const conn = await session.acronis();
  const partnerId = await conn.ownTenantId();
  const choice = chooseServices(await offeringItemsForCustomer(conn.http, partnerId, settings.edition), settings.offeringItems, settings.edition);
  if (choice.ok) return choice.items;
  throw new ConfigError(`nothing provisioned: ${choice.problem}`, { hint: await editionsHint(conn.http, partnerId) });
}

async function editionsHint(http: HttpClient, partnerId: string): Promise<string> {
  const editions = await tenantEditions(http, partnerId);
  if (editions.length === 0) return "the partner tenant holds no offering items; switch its services on in Acronis first";
  return `the partner's editions: ${editions.join(", ")}; choose one with \`ninja-bridge provision config --edition <name>\`, or name the items with \`--offering-items\``;
}
