import type { CippTenant, CippUser } from "./model.js";

/** Rows as CIPP's List* endpoints return them. */

export function tenantRow(t: CippTenant, tenantListMode: boolean): Record<string, unknown> {
  const row: Record<string, unknown> = {
    customerId: t.customerId,
    defaultDomainName: t.defaultDomainName,
    displayName: t.displayName,
    initialDomainName: t.initialDomainName,
    delegatedPrivilegeStatus: "granularDelegatedAdminPrivileges",
    domains: [...new Set([t.defaultDomainName, t.initialDomainName])],
    Excluded: false,
    GraphErrorCount: t.graphError === null ? 0 : 1,
    LastGraphError: t.graphError ?? "",
    RequiresRefresh: false,
  };
  if (tenantListMode) {
    const d = t.defaultDomainName;
    Object.assign(row, {
      portal_m365: `https://admin.cloud.microsoft/?delegatedOrg=${d}`,
      portal_exchange: `https://admin.cloud.microsoft/exchange?delegatedOrg=${d}`,
      portal_entra: `https://entra.microsoft.com/${d}`,
      portal_teams: `https://admin.teams.microsoft.com?delegatedOrg=${d}`,
      portal_azure: `https://portal.azure.com/${d}`,
      portal_intune: `https://intune.microsoft.com/${d}`,
      portal_security: `https://security.microsoft.com/?tid=${t.customerId}`,
      portal_compliance: `https://purview.microsoft.com/?tid=${t.customerId}`,
      portal_sharepoint: `https://admin.microsoft.com/Partner/beginclientsession.aspx?CTID=${t.customerId}&CSDEST=SharePoint`,
    });
  }
  return row;
}

/** The pseudo-tenant CIPP answers when it cannot read its tenants (a permission problem). */
export const FAILED_TENANT_ROW = {
  customerId: "",
  defaultDomainName: "Invalid",
  displayName: "Failed to retrieve tenants. Perform a permission check.",
  initialDomainName: "",
} as const;

export const ALL_TENANTS_ROW = { customerId: "AllTenants", defaultDomainName: "AllTenants", displayName: "*All Tenants", initialDomainName: "AllTenants" } as const;

export function userRow(t: CippTenant, u: CippUser): Record<string, unknown> {
  const names = u.assignedLicenses.map((l) => t.skus.find((s) => s.sku.skuId === l.skuId)?.sku.friendlyName ?? l.skuId);
  const [local, domain] = u.userPrincipalName.split("@");
  return { ...u, username: local, Aliases: "", LicJoined: names.join(", "), primDomain: domain, onPremisesSyncEnabled: null };
}

export function licenseRows(t: CippTenant): Record<string, unknown>[] {
  return t.skus.map(({ sku, total }) => {
    const holders = t.users.filter((u) => u.assignedLicenses.some((l) => l.skuId === sku.skuId));
    return {
      Tenant: t.defaultDomainName,
      License: sku.friendlyName,
      skuId: sku.skuId,
      skuPartNumber: sku.skuPartNumber,
      CountUsed: holders.length,
      CountAvailable: Math.max(0, total - holders.length),
      TotalLicenses: total,
      AssignedUsers: holders.map((u) => u.userPrincipalName),
    };
  });
}

export function subscribedSkuRows(t: CippTenant): Record<string, unknown>[] {
  return t.skus.map(({ sku, total }) => ({
    id: `${t.customerId}_${sku.skuId}`,
    skuId: sku.skuId,
    skuPartNumber: sku.skuPartNumber,
    capabilityStatus: "Enabled",
    appliesTo: "User",
    consumedUnits: t.users.filter((u) => u.assignedLicenses.some((l) => l.skuId === sku.skuId)).length,
    prepaidUnits: { enabled: total, suspended: 0, warning: 0, lockedOut: 0 },
  }));
}
