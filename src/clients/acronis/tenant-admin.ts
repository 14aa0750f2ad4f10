import { z } from "zod";
import type { HttpClient } from "../../http/index.js";
import { tenantSchema } from "./schemas.js";
import { toTenant, type AcronisTenant } from "./tenants.js";

/**
 * Writes to Acronis customer tenants (reference §2): create, services, pricing mode, 2FA,
 * disable/enable and delete. Every update carries the tenant's current `version`; a stale
 * one is refused by Acronis (409), never overwritten.
 */

const TENANTS = "/api/2/tenants";

function tenantPath(id: string, rest = ""): string {
  return `${TENANTS}/${encodeURIComponent(id)}${rest}`;
}

export interface NewCustomer {
  name: string;
  parentId: string;
  /** Where the NinjaOne organization id goes, so a lost record can find the tenant again. */
  internalTag: string;
}

/**
 * `POST /api/2/tenants`. Not idempotent and never retried: a caller that did not see the
 * answer looks the tenant up by name and tag before trying again.
 */
export async function createCustomerTenant(http: HttpClient, customer: NewCustomer): Promise<AcronisTenant> {
  const body = await http.request({
    method: "POST",
    path: TENANTS,
    json: { name: customer.name, kind: "customer", parent_id: customer.parentId, internal_tag: customer.internalTag },
    expectedStatus: [200, 201],
    schema: tenantSchema,
  });
  return toTenant(body);
}

export async function getTenant(http: HttpClient, id: string): Promise<AcronisTenant> {
  return toTenant(await http.request({ method: "GET", path: tenantPath(id), schema: tenantSchema }));
}

/** Suspends or re-enables a tenant (`PUT` with `enabled` and the current `version`). */
export async function setTenantEnabled(http: HttpClient, tenant: Pick<AcronisTenant, "id" | "version">, enabled: boolean): Promise<AcronisTenant> {
  const body = await http.request({ method: "PUT", path: tenantPath(tenant.id), json: { version: tenant.version, enabled }, schema: tenantSchema });
  return toTenant(body);
}

/** `DELETE ?version=`: the tenant must be disabled first; irreversible for the customer. */
export async function deleteTenant(http: HttpClient, tenant: Pick<AcronisTenant, "id" | "version">): Promise<void> {
  await http.request({ method: "DELETE", path: tenantPath(tenant.id), query: { version: tenant.version }, expectedStatus: [200, 204] });
}

const pricingSchema = z.looseObject({ mode: z.string(), version: z.number().optional() });
export type TenantPricing = z.infer<typeof pricingSchema>;

export async function getPricing(http: HttpClient, tenantId: string): Promise<TenantPricing> {
  return http.request({ method: "GET", path: tenantPath(tenantId, "/pricing"), schema: pricingSchema });
}

/** Trial → production: once, irreversible, and billed from this month (reference §2). */
export async function switchToProduction(http: HttpClient, tenantId: string, current: TenantPricing): Promise<TenantPricing> {
  return http.request({ method: "PUT", path: tenantPath(tenantId, "/pricing"), json: { ...current, mode: "production" }, schema: pricingSchema });
}

const mfaSchema = z.object({ mfa_status: z.string() });

export async function setTenantMfa(http: HttpClient, tenantId: string, enabled: boolean): Promise<string> {
  const body = await http.request({ method: "PUT", path: tenantPath(tenantId, "/mfa/status"), json: { enabled }, schema: mfaSchema });
  return body.mfa_status;
}

/** An offering item as Acronis returns it; sent back whole, with only `status` changed. */
const offeringItemSchema = z.looseObject({ name: z.string(), type: z.string(), edition: z.string().nullish(), status: z.number().int() });
export type OfferingItem = z.infer<typeof offeringItemSchema>;

const offeringItemsSchema = z.object({ items: z.array(offeringItemSchema) });

/** What a partner may switch on for a new customer of an edition (`*`: every edition). */
export async function offeringItemsForCustomer(http: HttpClient, partnerId: string, edition: string): Promise<OfferingItem[]> {
  const body = await http.request({
    method: "GET",
    path: tenantPath(partnerId, "/offering_items/available_for_child"),
    query: { kind: "customer", edition },
    schema: offeringItemsSchema,
  });
  return body.items;
}

/**
 * The editions a tenant holds, read from its own offering items that are switched on. Both
 * offering-item reads default to the legacy `standard` edition, so `*` is asked for.
 */
export async function tenantEditions(http: HttpClient, tenantId: string): Promise<string[]> {
  const body = await http.request({ method: "GET", path: tenantPath(tenantId, "/offering_items"), query: { edition: "*" }, schema: offeringItemsSchema });
  const editions = body.items.filter((i) => i.status === 1).map((i) => i.edition);
  return [...new Set(editions.filter((e): e is string => typeof e === "string" && e !== ""))].sort();
}

/**
 * Switches the given items on for a tenant; a new customer has no services until this. Acronis
 * documents the 200 but not its body (reference §2), so any 2xx body is accepted and none is read.
 */
export async function enableOfferingItems(http: HttpClient, tenantId: string, items: readonly OfferingItem[]): Promise<void> {
  await http.request({
    method: "PUT",
    path: tenantPath(tenantId, "/offering_items"),
    json: { offering_items: items.map((item) => ({ ...item, status: 1 })) },
  });
}
