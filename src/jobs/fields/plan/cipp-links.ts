import type { CippLinkOptions, SummaryDevice, SummaryTenant } from "./cipp-facts.js";
import { concat, heading, link, list, safeUrl, type Html } from "../../shared/html.js";

export interface NamedLink {
  label: string;
  url: string;
}

/** A tenant's admin centres, each opened in the tenant through the partner's delegated access. */
export function tenantLinks(tenant: SummaryTenant, options: CippLinkOptions = {}): NamedLink[] {
  const tid = encodeURIComponent(tenant.customerId);
  const domain = tenant.defaultDomainName;
  const links: (NamedLink | undefined)[] = [
    named("Microsoft 365 admin centre", withQuery("https://admin.microsoft.com/", { delegatedOrg: domain })),
    named("Exchange admin centre", withQuery("https://admin.exchange.microsoft.com/", { delegatedOrg: domain })),
    named("Entra admin centre", `https://entra.microsoft.com/${tid}`),
    named("Intune admin centre", `https://intune.microsoft.com/${tid}`),
    named("SharePoint admin centre", sharePointAdminUrl(tenant.initialDomainName)),
    named("Teams admin centre", withQuery("https://admin.teams.microsoft.com/", { delegatedOrg: domain })),
    named("Microsoft Defender portal", withQuery("https://security.microsoft.com/", { tid: tenant.customerId })),
    named("Users in CIPP", cippUrl(options, "/identity/administration/users", { tenantFilter: domain })),
    named("Devices in CIPP", cippUrl(options, "/endpoint/reports/devices", { tenantFilter: domain })),
  ];
  return links.filter((l): l is NamedLink => l !== undefined);
}

/** One Intune device in Intune, Entra and CIPP, and for Windows the tenant's LAPS passwords. */
export function deviceLinks(tenant: SummaryTenant, device: Pick<SummaryDevice, "id" | "azureADDeviceId" | "operatingSystem">, options: CippLinkOptions = {}): NamedLink[] {
  const tid = encodeURIComponent(tenant.customerId);
  const links: (NamedLink | undefined)[] = [
    named("Device in Intune", `https://intune.microsoft.com/${tid}/#view/Microsoft_Intune_Devices/DeviceSettingsMenuBlade/~/overview/mdmDeviceId/${encodeURIComponent(device.id)}`),
    device.azureADDeviceId === null
      ? undefined
      : named("Device in Entra", `https://entra.microsoft.com/${tid}/#view/Microsoft_AAD_Devices/DeviceDetailsMenuBlade/~/Properties/deviceId/${encodeURIComponent(device.azureADDeviceId)}`),
    named("Device in CIPP", cippUrl(options, "/endpoint/reports/devices/device", { deviceId: device.id, tenantFilter: tenant.defaultDomainName })),
    // Entra's page of the tenant's local administrator passwords, as CIPP#3006 asks for it;
    // Windows LAPS is Windows only.
    (device.operatingSystem ?? "").trim().toLowerCase().startsWith("windows")
      ? named("Local admin passwords (LAPS) in Entra", `https://entra.microsoft.com/${tid}/#view/Microsoft_AAD_Devices/DevicesMenuBlade/~/LocalAdminPassword/menuId/Devices`)
      : undefined,
  ];
  return links.filter((l): l is NamedLink => l !== undefined);
}

export function tenantLinksHtml(tenant: SummaryTenant, options: CippLinkOptions = {}): string {
  return linksHtml(`Microsoft 365: ${tenant.displayName}`, tenantLinks(tenant, options)).html;
}

export function deviceLinksHtml(tenant: SummaryTenant, device: Pick<SummaryDevice, "id" | "azureADDeviceId" | "deviceName" | "operatingSystem">, options: CippLinkOptions = {}): string {
  return linksHtml(`Microsoft 365 device: ${device.deviceName}`, deviceLinks(tenant, device, options)).html;
}

function linksHtml(title: string, links: readonly NamedLink[]): Html {
  return concat([heading(title), list(links.map((l) => link(l.url, l.label)))]);
}

function named(label: string, url: string | undefined): NamedLink | undefined {
  const safe = safeUrl(url);
  return safe === undefined ? undefined : { label, url: safe };
}

function withQuery(base: string, query: Record<string, string>): string {
  const url = new URL(base);
  for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
  return url.href;
}

/** `contoso.onmicrosoft.com` → `https://contoso-admin.sharepoint.com`; undefined when the prefix is not a host label. */
function sharePointAdminUrl(initialDomain: string | null): string | undefined {
  const prefix = (initialDomain ?? "").trim().toLowerCase().split(".")[0] ?? "";
  return /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/.test(prefix) ? `https://${prefix}-admin.sharepoint.com/` : undefined;
}

/** A page of the operator's CIPP, only when its address is http(s). */
function cippUrl(options: CippLinkOptions, path: string, query: Record<string, string>): string | undefined {
  const base = safeUrl(options.cippUrl);
  if (base === undefined) return undefined;
  const url = new URL(base);
  url.pathname = `${url.pathname.replace(/\/+$/, "")}${path}`;
  for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
  return url.href;
}
