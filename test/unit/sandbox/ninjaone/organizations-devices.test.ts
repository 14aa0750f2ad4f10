import { describe, expect, it } from "vitest";
import type { SeedEstate } from "../../../../src/sandbox/contract.js";
import { makeHarness } from "./harness.js";

type Item = { id: number; organizationId?: number; name?: string; system?: Record<string, unknown> };

function estate(orgCount: number, devicesPerOrg: number): SeedEstate {
  const orgs = Array.from({ length: orgCount }, (_, i) => ({ id: i + 1, name: `Org ${i + 1}` }));
  const devices = orgs.flatMap((o) =>
    Array.from({ length: devicesPerOrg }, (_, j) => ({
      id: o.id * 1000 + j,
      organizationId: o.id,
      systemName: `ORG${o.id}-WS${j}`,
      nodeClass: "WINDOWS_WORKSTATION",
      serialNumber: `SN${o.id}X${j}`,
    })),
  );
  return { orgs, devices };
}

describe("NinjaOne sandbox organizations and devices", () => {
  it("pages organizations by the last id, ending with an empty page on an exact multiple of pageSize", async () => {
    const h = makeHarness({}, estate(6, 0));
    const token = await h.m2mToken();
    const page = async (after: number) =>
      (await h.call("GET", "/v2/organizations", { token, query: { pageSize: "3", after: String(after) } })).body as Item[];
    expect((await page(0)).map((o) => o.id)).toEqual([1, 2, 3]);
    expect((await page(3)).map((o) => o.id)).toEqual([4, 5, 6]);
    expect(await page(6)).toEqual([]);
  });

  it("answers an empty array when after is beyond the last id", async () => {
    const h = makeHarness();
    const token = await h.m2mToken();
    const res = await h.call("GET", "/v2/organizations-detailed", { token, query: { pageSize: "10", after: "99999" } });
    expect(res.status).toBe(200);
    expect(res.body).toEqual([]);
  });

  it("clamps a pageSize above the maximum instead of returning more", async () => {
    const h = makeHarness({ maxPageSize: 4 }, estate(10, 0));
    const token = await h.m2mToken();
    const res = await h.call("GET", "/v2/organizations", { token, query: { pageSize: "1000" } });
    expect((res.body as Item[]).length).toBe(4);
  });

  it("uses the default page size when pageSize is omitted", async () => {
    const h = makeHarness({ defaultPageSize: 2 }, estate(5, 0));
    const token = await h.m2mToken();
    const res = await h.call("GET", "/v2/organizations", { token });
    expect((res.body as Item[]).map((o) => o.id)).toEqual([1, 2]);
  });

  it("refuses a pageSize that is not a positive integer with an application-layer 400", async () => {
    const h = makeHarness();
    const token = await h.m2mToken();
    for (const pageSize of ["0", "abc", "-5"]) {
      const res = await h.call("GET", "/v2/devices", { token, query: { pageSize } });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ resultCode: "FAILURE", incidentId: expect.any(String) });
    }
  });

  it("refuses an organization filter it cannot apply", async () => {
    const h = makeHarness();
    const token = await h.m2mToken();
    const res = await h.call("GET", "/v2/organizations", { token, query: { of: "cf=foo=bar" } });
    expect(res.status).toBe(400);
  });

  it("filters devices with df = org and pages within the filter", async () => {
    const h = makeHarness({}, estate(3, 5));
    const token = await h.m2mToken();
    const first = (await h.call("GET", "/v2/devices", { token, query: { df: "org = 2", pageSize: "3" } })).body as Item[];
    expect(first.map((d) => d.id)).toEqual([2000, 2001, 2002]);
    const second = (await h.call("GET", "/v2/devices", { token, query: { df: "org=2", pageSize: "3", after: "2002" } })).body as Item[];
    expect(second.map((d) => d.id)).toEqual([2003, 2004]);
  });

  it("combines org in (…) with other clauses joined by AND", async () => {
    const h = makeHarness({}, estate(3, 2));
    const token = await h.m2mToken();
    const res = await h.call("GET", "/v2/devices", { token, query: { df: "org in (1,3) AND class in (WINDOWS_WORKSTATION)", pageSize: "50" } });
    expect((res.body as Item[]).map((d) => d.id)).toEqual([1000, 1001, 3000, 3001]);
  });

  it("refuses a device filter it does not support rather than ignoring it", async () => {
    const h = makeHarness();
    const token = await h.m2mToken();
    for (const df of ["tagId in (1,2)", "org = 1 OR org = 2", "group 5", "org = abc"]) {
      const res = await h.call("GET", "/v2/devices-detailed", { token, query: { df } });
      expect(res.status, df).toBe(400);
    }
  });

  it("shows serial numbers under system in devices-detailed, including a device with only a BIOS serial", async () => {
    const h = makeHarness();
    const token = await h.m2mToken();
    const res = await h.call("GET", "/v2/devices-detailed", { token, query: { df: "org = 4", pageSize: "10" } });
    const byId = new Map((res.body as Item[]).map((d) => [d.id, d]));
    expect(byId.get(401)?.system).toMatchObject({ serialNumber: "TSP0000401", biosSerialNumber: "TSP0000401" });
    expect(byId.get(404)?.system).not.toHaveProperty("serialNumber");
    expect(byId.get(404)?.system).toMatchObject({ biosSerialNumber: "TSPBIOS404" });
  });

  it("lists an organization's devices and answers a single device in the detailed shape", async () => {
    const h = makeHarness();
    const token = await h.m2mToken();
    const list = (await h.call("GET", "/v2/organization/1/devices", { token, query: { pageSize: "2" } })).body as Item[];
    expect(list.map((d) => d.id)).toEqual([101, 102]);
    const device = await h.call("GET", "/v2/device/101", { token });
    expect(device.body).toMatchObject({ id: 101, systemName: "CONTOSO-DC01", dnsName: "contoso-dc01.local", organizationId: 1 });
    expect((await h.call("GET", "/v2/device/999999", { token })).status).toBe(404);
  });

  it("creates an organization with the next id and its locations, and patches it with 204", async () => {
    const h = makeHarness();
    const token = await h.m2mToken();
    const created = await h.call("POST", "/v2/organizations", {
      token,
      json: { name: "Woodgrove Bank", nodeApprovalMode: "MANUAL", locations: [{ name: "HQ", address: "1 Main St" }] },
    });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ id: 7, name: "Woodgrove Bank", nodeApprovalMode: "MANUAL", locations: [{ name: "HQ" }] });
    const patched = await h.call("PATCH", "/v2/organization/7", { token, json: { description: "Bank" } });
    expect(patched.status).toBe(204);
    expect((await h.call("GET", "/v2/organization/7", { token })).body).toMatchObject({ description: "Bank" });
  });

  it("refuses to create an organization without a name", async () => {
    const h = makeHarness();
    const token = await h.m2mToken();
    const res = await h.call("POST", "/v2/organizations", { token, json: { description: "nameless" } });
    expect(res.status).toBe(400);
  });

  it("drops an organization deleted through control from every list, with its devices, and 404s it", async () => {
    const h = makeHarness();
    const token = await h.m2mToken();
    expect((await h.control("DELETE", "/organizations/2"))?.status).toBe(204);
    const orgs = (await h.call("GET", "/v2/organizations", { token, query: { pageSize: "100" } })).body as Item[];
    expect(orgs.map((o) => o.id)).not.toContain(2);
    const devices = (await h.call("GET", "/v2/devices", { token, query: { pageSize: "100" } })).body as Item[];
    expect(devices.filter((d) => d.organizationId === 2)).toEqual([]);
    expect((await h.call("GET", "/v2/organization/2", { token })).status).toBe(404);
    const all = (await h.control("GET", "/organizations"))?.body as { id: number; deleted: boolean }[];
    expect(all.find((o) => o.id === 2)?.deleted).toBe(true);
  });

  it("serves the same resources under /api/v2", async () => {
    const h = makeHarness();
    const token = await h.m2mToken();
    const res = await h.call("GET", "/api/v2/organization/1", { token });
    expect(res.status).toBe(200);
    expect(res.route).toBe("GET /v2/organization/{id}");
  });

  it("builds a 2,000-organization, 50,000-device estate and pages through a filtered org", async () => {
    const h = makeHarness({}, estate(2000, 25));
    const token = await h.m2mToken();
    const res = await h.call("GET", "/v2/devices-detailed", { token, query: { df: "org = 1999", pageSize: "1000" } });
    expect((res.body as Item[]).length).toBe(25);
    const tail = await h.call("GET", "/v2/devices", { token, query: { pageSize: "10", after: "2000020" } });
    expect((tail.body as Item[]).map((d) => d.id)).toEqual([2000021, 2000022, 2000023, 2000024]);
  });
});
