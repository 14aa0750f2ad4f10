import { z } from "zod";
import type { HttpClient } from "../../http/index.js";
import { cippListOf } from "./schemas.js";
import { listGraphPaged } from "./graph-pages.js";

/**
 * What CIPP's NinjaOne extension shows of each user beyond ListUsers: the last sign-in, and
 * mailbox and OneDrive usage (CIPP-API Invoke-NinjaOneTenantSync.ps1 reads them from its
 * reporting cache: users with signInActivity, `MailboxUsage`, `OneDriveUsage`; the cache is
 * filled from Graph `users?$select=…,signInActivity`, `reports/getMailboxUsageDetail(period='D7')`,
 * and ListSites' OneDrive usage). Each is its own read, so a tenant without the licence or
 * permission one needs loses only that one. Every field is optional: reports are sparse.
 */

const optionalText = z.string().nullish();
const bytes = z.union([z.number(), z.string()]).nullish();

function number(value: z.infer<typeof bytes>): number | null {
  if (value === null || value === undefined || value === "") return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

function date(value: string | null | undefined): Date | null {
  const ms = Date.parse(value ?? "");
  return Number.isNaN(ms) ? null : new Date(ms);
}

/** Storage used of a quota, in bytes; `total` null when the report gives no quota. */
export interface StorageUsage {
  used: number;
  total: number | null;
}

const signInRowSchema = z.object({
  id: z.string(),
  signInActivity: z
    .object({ lastSignInDateTime: optionalText, lastNonInteractiveSignInDateTime: optionalText, lastSuccessfulSignInDateTime: optionalText })
    .passthrough()
    .nullish(),
});

/**
 * Graph caps a page of users at 120 when `signInActivity` is selected (Graph docs, "List
 * users": "the maximum page size for $top is 120" with signInActivity); CIPP's own cache asks
 * 500 (Set-CIPPDBCacheUsers.ps1). The smaller is asked, so neither refuses it.
 */
export const SIGN_IN_PAGE_SIZE = 120;

/**
 * Each user's last sign-in, interactive or not, whichever is later (CIPP's inactive-user
 * alerts read both); null for a user who never signed in. Needs Entra ID P1 and
 * AuditLog.Read.All in the tenant; without them Graph refuses the whole read.
 */
export async function listLastSignIns(http: HttpClient, tenantId: string): Promise<Map<string, Date | null>> {
  const out = new Map<string, Date | null>();
  for await (const row of listGraphPaged(http, tenantId, "users", signInRowSchema, { top: SIGN_IN_PAGE_SIZE, select: ["id", "signInActivity"] })) {
    const a = row.signInActivity;
    const times = [a?.lastSignInDateTime, a?.lastNonInteractiveSignInDateTime, a?.lastSuccessfulSignInDateTime].map(date).filter((d): d is Date => d !== null);
    out.set(row.id.toLowerCase(), times.length === 0 ? null : new Date(Math.max(...times.map((d) => d.getTime()))));
  }
  return out;
}

const mailboxRowSchema = z.object({
  userPrincipalName: optionalText,
  storageUsedInBytes: bytes,
  prohibitSendReceiveQuotaInBytes: bytes,
  isDeleted: z.boolean().nullish(),
});

/** Graph's report page size; CIPP's alerts ask the same (Get-CIPPAlertQuotaUsed.ps1). */
const REPORT_PAGE_SIZE = 999;

/**
 * Mailbox storage by UPN (lower case), from Graph's mailbox usage report through
 * ListGraphRequest with `$format=application/json`, as CIPP reads it. A report whose names are
 * concealed (the tenant's report privacy setting) matches no user: the usage then reads as unknown.
 */
export async function listMailboxUsage(http: HttpClient, tenantId: string): Promise<Map<string, StorageUsage>> {
  const out = new Map<string, StorageUsage>();
  const rows = listGraphPaged(http, tenantId, "reports/getMailboxUsageDetail(period='D7')", mailboxRowSchema, { top: REPORT_PAGE_SIZE, extra: { $format: "application/json" } });
  for await (const row of rows) {
    const used = number(row.storageUsedInBytes);
    if (row.isDeleted === true || !row.userPrincipalName || used === null) continue;
    out.set(row.userPrincipalName.toLowerCase(), { used, total: number(row.prohibitSendReceiveQuotaInBytes) });
  }
  return out;
}

const oneDriveRowSchema = z.object({
  ownerPrincipalName: optionalText,
  storageUsedInBytes: bytes,
  storageAllocatedInBytes: bytes,
});

/**
 * OneDrive storage by owner UPN (lower case): CIPP's ListSites with `Type=OneDriveUsageAccount`
 * (CIPP-API Invoke-ListSites.ps1: personal sites joined to Graph's OneDrive usage report, one
 * answer per tenant, `ownerPrincipalName`, `storageUsedInBytes`, `storageAllocatedInBytes`).
 */
export async function listOneDriveUsage(http: HttpClient, tenantId: string): Promise<Map<string, StorageUsage>> {
  const rows = await http.request({ method: "GET", path: "/api/ListSites", query: { TenantFilter: tenantId, Type: "OneDriveUsageAccount" }, schema: cippListOf(oneDriveRowSchema) });
  const out = new Map<string, StorageUsage>();
  for (const row of rows) {
    const used = number(row.storageUsedInBytes);
    if (!row.ownerPrincipalName || used === null) continue;
    out.set(row.ownerPrincipalName.toLowerCase(), { used, total: number(row.storageAllocatedInBytes) });
  }
  return out;
}
