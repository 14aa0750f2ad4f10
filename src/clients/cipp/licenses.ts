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

/** A tenant's licences; one request. */
export async function* listLicenses(http: HttpClient, tenantId: string): AsyncGenerator<CippLicense> {
  const rows = await http.request({ method: "GET", path: PATH, query: { tenantFilter: tenantId }, schema: listSchema });
  for (const row of rows) yield { name: row.License, used: number(row.CountUsed), total: number(row.TotalLicenses), ...(row.skuId ? { skuId: row.skuId } : {}) };
}
