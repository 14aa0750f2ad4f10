import { z } from "zod";
import type { HttpClient } from "../../http/index.js";
import { cippListOf } from "./schemas.js";

/** One licence (SKU) a tenant bought, as CIPP's ListLicenses reports it (reference cipp-and-peers §1.8). */
export interface CippLicense {
  /** The SKU's friendly name. */
  name: string;
  /** Units assigned to users. */
  used: number;
  /** Units bought. */
  total: number;
  /** The SKU's id in Microsoft 365, when CIPP gives it: the stable key of a licence. */
  skuId?: string;
}

/** The exact columns are UNVERIFIED (reference §1.8): counts are read as numbers or numeric text. */
const count = z.union([z.number(), z.string()]).nullish();

const licenseRowSchema = z.object({
  License: z.string(),
  skuId: z.string().nullish(),
  CountUsed: count,
  TotalLicenses: count,
});
type LicenseRow = z.infer<typeof licenseRowSchema>;

const PATH = "/api/ListLicenses";
const listSchema = cippListOf(licenseRowSchema);

function number(value: LicenseRow["CountUsed"]): number {
  const n = Number(value ?? 0);
  return Number.isFinite(n) ? n : 0;
}

function toLicense(row: LicenseRow): CippLicense {
  return { name: row.License, used: number(row.CountUsed), total: number(row.TotalLicenses), ...(row.skuId ? { skuId: row.skuId } : {}) };
}

/** A tenant's licences; one request. */
export async function* listLicenses(http: HttpClient, tenantId: string): AsyncGenerator<CippLicense> {
  const rows = await http.request({ method: "GET", path: PATH, query: { tenantFilter: tenantId }, schema: listSchema });
  for (const row of rows) yield toLicense(row);
}

const allTenantsSchema = cippListOf(licenseRowSchema.extend({ Tenant: z.string() }));

/** What CIPP puts in both columns of its one row while the all-tenants cache fills, and before a tenant it could not read. */
const LOADING = /^loading data/i;
const UNREADABLE = /^could not connect/i;

/**
 * Every tenant's licences in one request, by the tenant's default domain (lower case), as
 * CIPP's `ListLicenses?tenantFilter=AllTenants` serves them: from a cache up to an hour old,
 * which a first call only starts filling, answering one "Loading data…" row (CIPP-API
 * Invoke-ListLicenses.ps1; newer versions answer no rows and `Metadata.Queued` instead).
 * Undefined while it fills. A tenant CIPP could not read, or left out, is not in the map: its
 * caller reads it alone. CIPP offers this for licences only: ListUsers' AllTenants mode is
 * deprecated (a message object), and ListDevices passes "AllTenants" to Graph as a tenant
 * (Invoke-ListUsers.ps1, Invoke-ListDevices.ps1).
 */
export async function licensesOfAllTenants(http: HttpClient): Promise<Map<string, CippLicense[]> | undefined> {
  const rows = await http.request({ method: "GET", path: PATH, query: { tenantFilter: "AllTenants" }, schema: allTenantsSchema });
  if (rows.length === 0 || rows.some((r) => LOADING.test(r.Tenant) || LOADING.test(r.License))) return undefined;
  const byTenant = new Map<string, CippLicense[]>();
  const unreadable = new Set<string>();
  for (const row of rows) {
    const tenant = row.Tenant.toLowerCase();
    if (UNREADABLE.test(row.License)) unreadable.add(tenant);
    else byTenant.set(tenant, [...(byTenant.get(tenant) ?? []), toLicense(row)]);
  }
  for (const tenant of unreadable) byTenant.delete(tenant);
  return byTenant;
}
