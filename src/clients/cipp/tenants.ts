import { PermissionError } from "../../errors.js";
import type { HttpClient } from "../../http/index.js";
import { type TenantRow, cippListOf, tenantRowSchema } from "./schemas.js";

/** A Microsoft 365 tenant CIPP manages. */
export interface CippTenant {
  /** The Entra tenant id (GUID). */
  customerId: string;
  defaultDomainName: string;
  displayName: string;
  initialDomainName: string | null;
}

const PATH = "/api/ListTenants";
const listSchema = cippListOf(tenantRowSchema);

/** The selector row CIPP adds for "all tenants"; not a tenant. */
const ALL_TENANTS = "alltenants";

/**
 * CIPP answers a failed tenant read with 200 and one pseudo-tenant that has no customerId and a
 * displayName asking for a permission check (reference cipp-and-peers §1.4).
 */
export function isFailurePseudoTenant(row: TenantRow): boolean {
  return row.customerId.trim() === "";
}

/** Every tenant CIPP manages; CIPP's failure pseudo-tenant is raised as a permission error. */
export async function* listTenants(http: HttpClient): AsyncGenerator<CippTenant> {
  const rows = await http.request({ method: "GET", path: PATH, schema: listSchema });
  const failure = rows.find(isFailurePseudoTenant);
  if (failure !== undefined) {
    throw new PermissionError(`cipp GET ${PATH}: CIPP could not read its tenants: ${failure.displayName}`, {
      service: "cipp",
      method: "GET",
      path: PATH,
      hint: "Run CIPP's permission check (Settings → Permissions) for its partner app, then try again.",
    });
  }
  for (const row of rows) {
    if (row.customerId.toLowerCase() === ALL_TENANTS) continue;
    yield {
      customerId: row.customerId,
      defaultDomainName: row.defaultDomainName,
      displayName: row.displayName,
      initialDomainName: row.initialDomainName ?? null,
    };
  }
}
