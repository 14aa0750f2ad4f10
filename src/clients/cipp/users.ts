import { z } from "zod";
import type { HttpClient } from "../../http/index.js";
import { listGraphPaged } from "./graph-pages.js";
import { plural } from "../../plural.js";

/** A Microsoft 365 user of one tenant (reference cipp-and-peers §1.7). */
export interface CippUser {
  id: string;
  displayName: string;
  userPrincipalName: string;
  /** Friendly licence names; empty for an unlicensed user. */
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
  assignedLicenses: z.array(z.object({ skuId: z.string().nullish() }).passthrough()).nullish(),
});
type UserRow = z.infer<typeof userRowSchema>;

/** Graph's largest page of users. */
export const USERS_PAGE_SIZE = 999;
const SELECT = ["id", "displayName", "userPrincipalName", "accountEnabled", "userType", "assignedLicenses"] as const;

function toUser(row: UserRow, skuNames: ReadonlyMap<string, string>): CippUser {
  const skus = (row.assignedLicenses ?? []).map((l) => l.skuId ?? "").filter((id) => id !== "");
  const names = skus.map((id) => skuNames.get(id.toLowerCase())).filter((n): n is string => n !== undefined);
  // "Licensed" means at least one assigned SKU; a SKU the licence list does not name still counts.
  const licenses = names.length === skus.length ? names : skus.length > 0 ? [...names, plural(skus.length - names.length, "licence")] : [];
  return {
    id: row.id,
    displayName: row.displayName?.trim() || row.userPrincipalName,
    userPrincipalName: row.userPrincipalName,
    licenses,
    accountEnabled: row.accountEnabled ?? null,
    userType: row.userType ?? null,
  };
}

export interface ListUsersOptions {
  /** SKU id → friendly name (from ListLicenses), to name each user's licences. */
  skuNames?: ReadonlyMap<string, string>;
}

/**
 * A tenant's users, a page at a time through ListGraphRequest (Graph `/users`, lean `$select`).
 * ListUsers answers the whole tenant in one response, and that response is what never comes
 * back for tenants past about 2,000 users (CIPP#6379); ListUsers' friendly licence names
 * (`LicJoined`) are CIPP's SKU table, which ListLicenses' rows carry too.
 */
export async function* listUsers(http: HttpClient, tenantId: string, options: ListUsersOptions = {}): AsyncGenerator<CippUser> {
  const skuNames = options.skuNames ?? new Map<string, string>();
  for await (const row of listGraphPaged(http, tenantId, "users", userRowSchema, { top: USERS_PAGE_SIZE, select: SELECT })) yield toUser(row, skuNames);
}
