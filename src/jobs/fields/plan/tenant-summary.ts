import type { SummaryDevice, SummaryLicense, SummaryTenant, SummaryUser } from "./cipp-facts.js";
import { compareText } from "./compare-text.js";
import { complianceText } from "./compliance.js";
import { concat, facts, heading, table } from "../../shared/html.js";

export interface TenantSummaryInput {
  tenant: SummaryTenant;
  users: readonly SummaryUser[];
  devices: readonly Pick<SummaryDevice, "complianceState" | "operatingSystem">[];
  licenses: readonly SummaryLicense[];
  /**
   * Licences (names or SKU ids, any case) left out of the unused count: free or trial SKUs
   * that come with thousands of units would drown the paid ones (CIPP#4878).
   */
  unusedExclusions?: readonly string[];
}

/**
 * The organization's Microsoft 365 at a glance: tenant details, user and device counts,
 * and the licences bought. Holds no "generated at" time, so an unchanged tenant renders the
 * same HTML and is not rewritten.
 */
export function tenantSummaryHtml(input: TenantSummaryInput): string {
  const { tenant, users, devices, licenses } = input;
  const licensed = users.filter((u) => u.licenses.length > 0).length;
  const guests = users.filter((u) => (u.userType ?? "").toLowerCase() === "guest").length;
  const blocked = users.filter((u) => u.accountEnabled === false).length;
  const bought = licenses.filter((l) => l.total > 0).sort((a, b) => compareText(a.name, b.name));
  const excluded = new Set((input.unusedExclusions ?? []).map((e) => e.trim().toLowerCase()));
  const isExcluded = (l: SummaryLicense): boolean => excluded.has(l.name.trim().toLowerCase()) || (l.skuId !== undefined && excluded.has(l.skuId.toLowerCase()));
  const unused = bought.filter((l) => !isExcluded(l)).reduce((sum, l) => sum + Math.max(0, l.total - l.used), 0);
  return concat([
    heading(`Microsoft 365: ${tenant.displayName}`),
    facts([
      ["Tenant", tenant.displayName],
      ["Default domain", tenant.defaultDomainName],
      ["Initial domain", tenant.initialDomainName],
      ["Tenant ID", tenant.customerId],
    ]),
    heading("Users"),
    facts([
      ["Total", users.length],
      ["Licensed", licensed],
      ["Unlicensed", users.length - licensed],
      ["Guests", guests],
      ["Sign-in blocked", blocked],
    ]),
    heading("Intune devices"),
    table(["State", "Devices"], countBy(devices.map((d) => complianceText(d)))),
    table(["Operating system", "Devices"], countBy(devices.map((d) => d.operatingSystem?.trim() || "Unknown"))),
    heading("Licences"),
    facts([["Unused licences", unused]]),
    table(["Licence", "Assigned", "Total", "Available"], bought.map((l) => [l.name, l.used, l.total, isExcluded(l) ? "Not counted" : Math.max(0, l.total - l.used)])),
  ]).html;
}

/** Value → count rows, most frequent first, then by name, so the order never depends on input order. */
function countBy(values: readonly string[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || compareText(a[0], b[0]));
}
