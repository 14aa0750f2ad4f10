import type { HttpClient } from "../../http/index.js";
import { checkLimit, cursorItems } from "./paging.js";
import { type TenantBody, apiClientSchema, tenantSchema } from "./schemas.js";

/** An Acronis tenant, as mapping and provisioning read it (reference §2). */
export interface AcronisTenant {
  id: string;
  name: string;
  /** partner, folder, customer or unit; kept open. */
  kind: string;
  enabled: boolean;
  /** Sent back with every update; a stale one is refused. */
  version: number;
  parentId: string | null;
  customerId: string | null;
  /** Reserved for integrators; where the NinjaOne organization id can be recorded. */
  internalTag: string | null;
  /** trial or production. */
  pricingMode: string | null;
  updatedAt: Date | null;
}

export interface ListTenantsOptions {
  /** Tenants per request; default 5000, the API's own default. */
  limit?: number;
}

const TENANTS = "/api/2/tenants";
const DEFAULT_LIMIT = 5000;

/** A tenant as the Account API sends it, in our shape; shared with the tenant writes. */
export function toTenant(body: TenantBody): AcronisTenant {
  const updated = Date.parse(body.updated_at ?? "");
  return {
    id: body.id,
    name: body.name,
    kind: body.kind,
    enabled: body.enabled,
    version: body.version,
    parentId: body.parent_id ?? null,
    customerId: body.customer_id ?? null,
    internalTag: body.internal_tag ?? null,
    pricingMode: body.pricing_mode ?? null,
    updatedAt: Number.isNaN(updated) ? null : new Date(updated),
  };
}

/** The tenant an API client was created in: the partner whose customers it manages. */
export async function getApiClientTenantId(http: HttpClient, clientId: string): Promise<string> {
  const client = await http.request({ method: "GET", path: `/api/2/clients/${encodeURIComponent(clientId)}`, schema: apiClientSchema });
  return client.tenant_id;
}

/** The direct children of a tenant, of every kind, cursor-paged (`GET /api/2/tenants?parent_id=`). */
export async function* listChildTenants(http: HttpClient, parentId: string, options: ListTenantsOptions = {}): AsyncGenerator<AcronisTenant> {
  const limit = checkLimit(options.limit ?? DEFAULT_LIMIT);
  for await (const body of cursorItems(http, TENANTS, { parent_id: parentId }, limit, tenantSchema)) yield toTenant(body);
}

/**
 * The customer tenants under a partner, including those a partner keeps in folders. Sub-partners
 * are not entered: their customers belong to their own API client.
 */
export async function* listCustomerTenants(http: HttpClient, partnerId: string, options: ListTenantsOptions = {}): AsyncGenerator<AcronisTenant> {
  const folders: string[] = [];
  for await (const tenant of listChildTenants(http, partnerId, options)) {
    if (tenant.kind === "customer") yield tenant;
    else if (tenant.kind === "folder") folders.push(tenant.id);
  }
  for (const folder of folders) yield* listCustomerTenants(http, folder, options);
}
