import type { SummaryDevice, SummaryTenant, SummaryUser } from "../../../src/jobs/fields/plan/index.js";

export const contoso: SummaryTenant = {
  customerId: "0d7c6a1e-0000-4000-8000-000000000001",
  displayName: "Contoso Ltd",
  defaultDomainName: "contoso.com",
  initialDomainName: "contoso.onmicrosoft.com",
};

/** A tenant whose every name tries to break out of text and attributes. */
export const hostile: SummaryTenant = {
  customerId: "<script>alert(1)</script>",
  displayName: `<script>alert("x")</script> & Sons' "Ltd"`,
  defaultDomainName: `evil.com"><img src=x onerror=alert(1)>`,
  initialDomainName: "<b>.onmicrosoft.com",
};

export function user(displayName: string, licenses: string[] = ["Microsoft 365 Business Premium"], extra: Partial<SummaryUser> = {}): SummaryUser {
  return { displayName, userPrincipalName: `${displayName.toLowerCase().replace(/\W+/g, ".")}@contoso.com`, licenses, ...extra };
}

export function intuneDevice(overrides: Partial<SummaryDevice> = {}): SummaryDevice {
  return {
    id: "a1b2c3d4-0000-4000-8000-000000000010",
    deviceName: "DESKTOP-AB12",
    serialNumber: "ABC1234",
    complianceState: "compliant",
    azureADDeviceId: "e5f6a7b8-0000-4000-8000-000000000020",
    operatingSystem: "Windows",
    osVersion: "10.0.22631.3007",
    manufacturer: "Dell Inc.",
    model: "OptiPlex 7090",
    userPrincipalName: "ada.li@contoso.com",
    lastSyncAt: new Date("2026-01-05T20:41:42Z"),
    ...overrides,
  };
}
