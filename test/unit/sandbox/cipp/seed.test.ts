import { describe, expect, it } from "vitest";
import { generateEstate } from "../../../../src/sandbox/seed/generate-estate.js";
import { body, context } from "../acronis/harness.js";
import { cippHarness } from "./harness.js";
import { LARGE_TENANT_USERS } from "../../../../src/sandbox/cipp/seed-generated.js";

const SMALL = { seed: 5, orgs: 80, devicesPerOrg: 10, alerts: 0 };

describe("CIPP seed", () => {
  it("builds the same tenants, devices and credentials from the same seed", () => {
    const a = cippHarness();
    const b = cippHarness();
    expect(a.service.credentials).toEqual(b.service.credentials);
    expect(a.api("/api/ListTenants").body).toEqual(b.api("/api/ListTenants").body);
    expect(a.api("/api/ListDevices", { tenantFilter: "contoso.onmicrosoft.com" }).body).toEqual(b.api("/api/ListDevices", { tenantFilter: "contoso.onmicrosoft.com" }).body);
  });

  it("gives a share of generated organizations a tenant whose Intune devices carry their NinjaOne serials and names", () => {
    const estate = generateEstate(SMALL);
    const h = cippHarness(context(estate, "generated", SMALL));
    const tenants = body<{ displayName: string; defaultDomainName: string }[]>(h.api("/api/ListTenants"));
    expect(tenants.length).toBeGreaterThan(SMALL.orgs * 0.3);
    expect(tenants.length).toBeLessThan(SMALL.orgs * 0.9);
    const ninja = new Map(estate.devices.map((d) => [d.serialNumber ?? d.biosSerialNumber, d]));
    let matched = 0;
    let intuneOnly = 0;
    for (const t of tenants) {
      for (const d of body<{ deviceName: string; serialNumber: string }[]>(h.api("/api/ListDevices", { tenantFilter: t.defaultDomainName }))) {
        const twin = ninja.get(d.serialNumber);
        if (twin === undefined) intuneOnly++;
        else if (twin.systemName === d.deviceName) matched++;
      }
    }
    expect(matched).toBeGreaterThan(50);
    expect(intuneOnly).toBeGreaterThan(0);
  });

  it("seeds the large estate of 2,000 organizations and answers one tenant's devices", () => {
    const params = { seed: 1, orgs: 2000, devicesPerOrg: 25, alerts: 0 };
    const h = cippHarness(context(generateEstate(params), "generated", params));
    const tenants = body<{ defaultDomainName: string }[]>(h.api("/api/ListTenants"));
    expect(tenants.length).toBeGreaterThan(1000);
    expect(new Set(tenants.map((t) => t.defaultDomainName)).size).toBe(tenants.length);
    expect(h.api("/api/ListDevices", { tenantFilter: tenants[0]?.defaultDomainName as string }).status).toBe(200);
    // One tenant past the size CIPP#6379 reports never syncing: read only page by page.
    const big = tenants.at(-1)?.defaultDomainName as string;
    expect(h.api("/api/ListUsers", { tenantFilter: big }).status).toBe(504);
    const page = body<{ Results: unknown[]; Metadata: { nextLink?: string } }>(h.api("/api/ListGraphRequest", { tenantFilter: big, Endpoint: "users", manualPagination: "true", $top: "999" }));
    expect(page.Results).toHaveLength(100);
    expect(page.Metadata.nextLink).toBeDefined();
    const counts = body<{ defaultDomainName: string; users: number }[]>(h.control("GET", "/tenants"));
    expect(counts.find((t) => t.defaultDomainName === big)?.users).toBe(LARGE_TENANT_USERS);
    expect(counts.filter((t) => t.users > 2000)).toHaveLength(1);
  });
});
