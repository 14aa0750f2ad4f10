import { z } from "zod";
import type { HttpClient } from "../../http/index.js";
import { cippListOf } from "./schemas.js";
import { plural } from "../../plural.js";

/** A Microsoft 365 user as CIPP's ListUsers returns it (reference cipp-and-peers §1.7). */
export interface CippUser {
  id: string;
  displayName: string;
  userPrincipalName: string;
  /** Friendly licence names (CIPP's `LicJoined`); empty for an unlicensed user. */
  licenses: string[];
  accountEnabled: boolean | null;
  /** "Member" or "Guest". */
  userType: string | null;
}

const userRowSchema = z.object({
  id: z.string(),
  displayName: z.string().nullish(),
  userPrincipalName: z.string(),
  accountEnabled: z.boolean().nullish(),
  userType: z.string().nullish(),
  LicJoined: z.string().nullish(),
  assignedLicenses: z.array(z.object({ skuId: z.string().nullish() })).nullish(),
});
type UserRow = z.infer<typeof userRowSchema>;

const PATH = "/api/ListUsers";
const listSchema = cippListOf(userRowSchema);

function toUser(row: UserRow): CippUser {
  const names = (row.LicJoined ?? "").split(",").map((n) => n.trim()).filter((n) => n !== "");
  // "Licensed" means at least one assigned SKU; a SKU CIPP cannot name still counts.
  const skus = row.assignedLicenses?.length ?? 0;
  const licenses = names.length > 0 ? names : skus > 0 ? [plural(skus, "licence")] : [];
  return {
    id: row.id,
    displayName: row.displayName?.trim() || row.userPrincipalName,
    userPrincipalName: row.userPrincipalName,
    licenses,
    accountEnabled: row.accountEnabled ?? null,
    userType: row.userType ?? null,
  };
}

/** A tenant's users; CIPP pages Graph itself, so this is one request. */
export async function* listUsers(http: HttpClient, tenantId: string): AsyncGenerator<CippUser> {
  const rows = await http.request({ method: "GET", path: PATH, query: { tenantFilter: tenantId }, schema: listSchema });
  for (const row of rows) yield toUser(row);
}
