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

/** Graph `users` with `$select=…,signInActivity`: the user and its sign-in activity. */
export function signInRows(t: CippTenant): Record<string, unknown>[] {
  return t.users.map((u) => {
    const last = t.activity.get(u.id)?.lastSignIn ?? null;
    return { ...u, signInActivity: { lastSignInDateTime: last, lastSignInRequestId: null, lastNonInteractiveSignInDateTime: null, lastNonInteractiveSignInRequestId: null } };
  });
}

/** Graph's mailbox usage report (`$format=application/json`): one row per mailbox. */
export function mailboxUsageRows(t: CippTenant): Record<string, unknown>[] {
  return t.users.flatMap((u) => {
    const box = t.activity.get(u.id)?.mailbox;
    if (box === null || box === undefined) return [];
    return [{ reportRefreshDate: null, userPrincipalName: u.userPrincipalName, displayName: u.displayName, isDeleted: false, storageUsedInBytes: box.usedBytes, prohibitSendReceiveQuotaInBytes: box.quotaBytes, itemCount: null, reportPeriod: "7" }];
  });
}

/** CIPP's ListSites with Type=OneDriveUsageAccount: personal sites joined to the OneDrive usage report. */
export function oneDriveRows(t: CippTenant): Record<string, unknown>[] {
  return t.users.flatMap((u) => {
    const drive = t.activity.get(u.id)?.oneDrive;
    if (drive === null || drive === undefined) return [];
    const site = `https://${t.initialDomainName.split(".")[0] ?? "tenant"}-my.sharepoint.com/personal/${u.userPrincipalName.replace(/[@.]/g, "_")}`;
    return [{ displayName: u.displayName, webUrl: site, ownerDisplayName: u.displayName, ownerPrincipalName: u.userPrincipalName, storageUsedInBytes: drive.usedBytes, storageAllocatedInBytes: drive.allocatedBytes }];
  });
}

/** Graph `devices` (Entra), with `memberOf` only when expanded. */
export function entraDeviceRows(t: CippTenant, withGroups: boolean): Record<string, unknown>[] {
  return t.devices.map((d) => ({
    id: d.id,
    deviceId: d.azureADDeviceId,
    displayName: d.deviceName,
    operatingSystem: d.operatingSystem,
    ...(withGroups ? { memberOf: t.groups.filter((g) => g.deviceIds.includes(d.azureADDeviceId)).map((g) => ({ "@odata.type": "#microsoft.graph.group", id: g.id, displayName: g.displayName })) } : {}),
  }));
}

export function compliancePolicyRows(t: CippTenant): Record<string, unknown>[] {
  return t.policies.map((p) => ({ "@odata.type": "#microsoft.graph.windows10CompliancePolicy", id: p.id, displayName: p.displayName, version: 1 }));
}

/** One policy's verdict on each device of its platform; undefined when the tenant has no such policy. */
export function deviceStatusRows(t: CippTenant, policyId: string): Record<string, unknown>[] | undefined {
  const policy = t.policies.find((p) => p.id === policyId);
  if (policy === undefined) return undefined;
  return t.devices
    .filter((d) => d.operatingSystem === policy.os)
    .map((d) => ({ id: `${d.id}_${policy.id}`, deviceDisplayName: d.deviceName, userPrincipalName: d.userPrincipalName, platform: 0, status: d.complianceState, lastReportedDateTime: d.lastSyncDateTime }));
}
