import { describe, expect, it } from "vitest";
import { DEMO_DEVICES } from "../../../../src/sandbox/seed/demo-estate.js";
import { body } from "../acronis/harness.js";
import { cippHarness } from "./harness.js";

interface TenantRow {
  customerId: string;
  defaultDomainName: string;
  displayName: string;
  initialDomainName: string;
  portal_m365?: string;
}
interface DeviceRow {
  deviceName: string;
  serialNumber: string;
  complianceState: string;
  azureADDeviceId: string;
  operatingSystem: string;
  lastSyncDateTime: string;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("CIPP ListTenants", () => {
  it("returns a bare array of tenants with customerId, domains and display names", () => {
    const h = cippHarness();
    const rows = body<TenantRow[]>(h.api("/api/ListTenants"));
    expect(rows.map((t) => t.displayName)).toEqual(["Contoso", "fabrikam", "Tailspin", "Litware, Inc."]);
    expect(rows[0]).toMatchObject({ defaultDomainName: "contoso.onmicrosoft.com", initialDomainName: "contoso.onmicrosoft.com" });
    expect(rows.filter((t) => !GUID.test(t.customerId))).toEqual([]);
    expect(rows[0]?.portal_m365).toBeUndefined();
  });

  it("adds portal links in TenantList mode, narrows to one tenant with tenantFilter, and offers the AllTenants selector", () => {
    const h = cippHarness();
    expect(body<TenantRow[]>(h.api("/api/ListTenants", { Mode: "TenantList" }))[0]?.portal_m365).toContain("delegatedOrg=contoso.onmicrosoft.com");
    expect(body<TenantRow[]>(h.api("/api/ListTenants", { tenantFilter: "FABRIKAM.COM" })).map((t) => t.displayName)).toEqual(["fabrikam"]);
    expect(body<TenantRow[]>(h.api("/api/ListTenants", { AllTenantSelector: "true" }))[0]?.customerId).toBe("AllTenants");
  });

  it("answers no tenants as [null], the way CIPP's @($Body) renders an empty list", () => {
    const h = cippHarness();
    expect(body<unknown[]>(h.api("/api/ListTenants", { tenantFilter: "nobody.example" }))).toEqual([null]);
  });

  it("answers the permission-check pseudo-tenant when control makes ListTenants fail", () => {
    const h = cippHarness();
    expect(h.control("PUT", "/faults", { json: { listTenantsFails: true } }).status).toBe(200);
    const rows = body<TenantRow[]>(h.api("/api/ListTenants"));
    expect(rows).toEqual([expect.objectContaining({ customerId: "", displayName: "Failed to retrieve tenants. Perform a permission check." })]);
  });
});

describe("CIPP ListDevices", () => {
  it("returns a tenant's Intune devices as Graph managedDevice objects, by domain or by tenant id", () => {
    const h = cippHarness();
    const contoso = body<TenantRow[]>(h.api("/api/ListTenants"))[0] as TenantRow;
    const byDomain = body<DeviceRow[]>(h.api("/api/ListDevices", { tenantFilter: "contoso.onmicrosoft.com" }));
    const byId = body<DeviceRow[]>(h.api("/api/ListDevices", { tenantFilter: contoso.customerId }));
    expect(byId).toEqual(byDomain);
    const d = byDomain[0] as DeviceRow;
    expect(GUID.test(d.azureADDeviceId)).toBe(true);
    expect(d.lastSyncDateTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(byDomain.map((x) => x.operatingSystem).sort()).toEqual(["Windows", "Windows", "iOS", "macOS"]);
  });

  it("covers compliant, noncompliant, inGracePeriod and unknown devices", () => {
    const h = cippHarness();
    const states = new Set<string>();
    for (const t of body<TenantRow[]>(h.api("/api/ListTenants"))) for (const d of body<DeviceRow[]>(h.api("/api/ListDevices", { tenantFilter: t.defaultDomainName }))) states.add(d.complianceState);
    expect(states).toEqual(new Set(["compliant", "noncompliant", "inGracePeriod", "unknown"]));
  });

  it("matches Tailspin's NinjaOne devices by serial, including a BIOS serial, under another device name", () => {
    const h = cippHarness();
    const tailspin = body<DeviceRow[]>(h.api("/api/ListDevices", { tenantFilter: "tailspintoys.com" }));
    const ninja = DEMO_DEVICES.filter((d) => d.organizationId === 4);
    const serials = new Set(ninja.flatMap((d) => [d.serialNumber, d.biosSerialNumber]).filter((s) => s !== undefined));
    const matched = tailspin.filter((d) => serials.has(d.serialNumber));
    expect(matched.map((d) => d.serialNumber).sort()).toEqual(["TSP0000401", "TSP0000402", "TSPBIOS404"]);
    expect(matched.find((d) => d.serialNumber === "TSP0000401")?.deviceName).toBe("DESKTOP-7H2K9QX");
    expect(tailspin.length).toBeGreaterThan(matched.length);
  });

  it("answers 403 with a one-element array of error text for an unknown tenant or a failing Graph call", () => {
    const h = cippHarness();
    const unknown = h.api("/api/ListDevices", { tenantFilter: "nowhere.example" });
    expect(unknown.status).toBe(403);
    expect(body<unknown[]>(unknown)).toEqual([expect.any(String)]);
    h.control("PUT", "/tenants/contoso.onmicrosoft.com/graph-error", { json: { message: "Could not get a token for this tenant: consent missing" } });
    expect(body<unknown[]>(h.api("/api/ListDevices", { tenantFilter: "contoso.onmicrosoft.com" }))).toEqual(["Could not get a token for this tenant: consent missing"]);
    h.control("PUT", "/tenants/contoso.onmicrosoft.com/graph-error", { json: { message: null } });
    expect(h.api("/api/ListDevices", { tenantFilter: "contoso.onmicrosoft.com" }).status).toBe(200);
  });

  it("enrols a new Intune device through control", () => {
    const h = cippHarness();
    const res = h.control("POST", "/tenants/fabrikam.com/devices", { json: { deviceName: "FAB-SRV01", serialNumber: "MXQ91100F2", complianceState: "noncompliant" } });
    expect(res.status).toBe(201);
    expect(body<DeviceRow[]>(h.api("/api/ListDevices", { tenantFilter: "fabrikam.com" })).map((d) => d.deviceName)).toContain("FAB-SRV01");
    expect(h.control("POST", "/tenants/fabrikam.com/devices", { json: { deviceName: "X", serialNumber: "Y", complianceState: "fine" } }).status).toBe(400);
    expect(h.control("POST", "/tenants/nowhere/devices", { json: { deviceName: "X", serialNumber: "Y" } }).status).toBe(404);
    const counts = body<{ displayName: string; devices: number }[]>(h.control("GET", "/tenants"));
    expect(counts.find((t) => t.displayName === "fabrikam")?.devices).toBe(4);
  });
});

describe("CIPP ListUsers and ListLicenses", () => {
  it("returns users with assigned licences, friendly licence names and CIPP's extras, licensed or not", () => {
    const h = cippHarness();
    const users = body<{ userPrincipalName: string; assignedLicenses: { skuId: string }[]; LicJoined: string; username: string; primDomain: string; accountEnabled: boolean }[]>(
      h.api("/api/ListUsers", { tenantFilter: "contoso.onmicrosoft.com" }),
    );
    expect(users).toHaveLength(5);
    expect(users.filter((u) => u.assignedLicenses.length > 0)).toHaveLength(3);
    expect(users.filter((u) => u.assignedLicenses.length === 0 && u.LicJoined !== "")).toEqual([]);
    expect(users[0]?.LicJoined).toBe("Microsoft 365 Business Premium");
    expect(users[0]?.primDomain).toBe("contoso.onmicrosoft.com");
    expect(users.map((u) => u.accountEnabled)).toContain(false);
    const one = body<unknown[]>(h.api("/api/ListUsers", { tenantFilter: "contoso.onmicrosoft.com", UserID: users[0]?.userPrincipalName as string }));
    expect(one).toHaveLength(1);
  });

  it("answers a message object for ListUsers over AllTenants", () => {
    const h = cippHarness();
    expect(body(h.api("/api/ListUsers", { tenantFilter: "AllTenants" }))).toEqual({ Results: expect.any(String) });
  });

  it("counts used and available licences per SKU for a tenant", () => {
    const h = cippHarness();
    const rows = body<{ License: string; CountUsed: number; CountAvailable: number; TotalLicenses: number; skuId: string }[]>(h.api("/api/ListLicenses", { tenantFilter: "contoso.onmicrosoft.com" }));
    expect(rows).toEqual([
      expect.objectContaining({ License: "Microsoft 365 Business Premium", CountUsed: 2, CountAvailable: 8, TotalLicenses: 10 }),
      expect.objectContaining({ License: "Microsoft 365 Business Basic", CountUsed: 1, CountAvailable: 4, TotalLicenses: 5 }),
    ]);
  });

  it("answers a loading row for the first AllTenants licence report and the data afterwards", () => {
    const h = cippHarness();
    const first = body<{ Tenant: string }[]>(h.api("/api/ListLicenses", { tenantFilter: "AllTenants" }));
    expect(first).toHaveLength(1);
    expect(first[0]?.Tenant).toMatch(/^Loading data/);
    const second = body<{ Tenant: string }[]>(h.api("/api/ListLicenses", { tenantFilter: "AllTenants" }));
    expect(new Set(second.map((r) => r.Tenant)).size).toBe(4);
  });
});

describe("CIPP ListGraphRequest", () => {
  it("wraps results in {Results, Metadata} and applies $select and a simple $filter", () => {
    const h = cippHarness();
    const res = body<{ Results: Record<string, unknown>[]; Metadata: Record<string, unknown> }>(
      h.api("/api/ListGraphRequest", { tenantFilter: "contoso.onmicrosoft.com", Endpoint: "deviceManagement/managedDevices", $select: "deviceName,serialNumber", $filter: "operatingSystem eq 'Windows'" }),
    );
    expect(res.Metadata).toEqual({});
    expect(res.Results).toEqual([
      { deviceName: "CONTOSO-WS01", serialNumber: "5CG0011XYZ" },
      { deviceName: "CONTOSO-WS02", serialNumber: "To Be Filled By O.E.M." },
    ]);
  });

  it("returns one page and a nextLink to pass back with manualPagination", () => {
    const h = cippHarness();
    const base = { tenantFilter: "contoso.onmicrosoft.com", Endpoint: "users", $top: "2", manualPagination: "true", $select: "id" };
    const ids: unknown[] = [];
    let page = body<{ Results: { id: string }[]; Metadata: { nextLink?: string } }>(h.api("/api/ListGraphRequest", base));
    ids.push(...page.Results.map((r) => r.id));
    while (page.Metadata.nextLink !== undefined) {
      page = body(h.api("/api/ListGraphRequest", { ...base, nextLink: page.Metadata.nextLink }));
      ids.push(...page.Results.map((r) => r.id));
    }
    expect(ids).toHaveLength(5);
    expect(new Set(ids).size).toBe(5);
  });

  it("answers 403 with the error in Results for an unknown endpoint or filter", () => {
    const h = cippHarness();
    const res = h.api("/api/ListGraphRequest", { tenantFilter: "contoso.onmicrosoft.com", Endpoint: "teleporters" });
    expect(res.status).toBe(403);
    expect(body(res)).toEqual({ Results: expect.any(String), Metadata: {} });
    expect(h.api("/api/ListGraphRequest", { tenantFilter: "contoso.onmicrosoft.com", Endpoint: "users", $filter: "startswith(displayName,'A')" }).status).toBe(403);
  });

  it("lists subscribed SKUs with prepaid and consumed units", () => {
    const h = cippHarness();
    const res = body<{ Results: { skuPartNumber: string; consumedUnits: number; prepaidUnits: { enabled: number } }[] }>(h.api("/api/ListGraphRequest", { tenantFilter: "contoso.onmicrosoft.com", Endpoint: "subscribedSkus" }));
    expect(res.Results[0]).toMatchObject({ skuPartNumber: "SPB", consumedUnits: 2, prepaidUnits: { enabled: 10 } });
  });
});

describe("CIPP routing", () => {
  it("answers 404 for an unknown API path", () => {
    const h = cippHarness();
    expect(h.api("/api/ListTeleporters").status).toBe(404);
  });
});
