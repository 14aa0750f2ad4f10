import { describe, expect, it } from "vitest";
import { generateEstate } from "../../../../src/sandbox/seed/generate-estate.js";
import { acronisHarness, body, context, customers, partnerId } from "./harness.js";

const SMALL = { seed: 11, orgs: 60, devicesPerOrg: 10, alerts: 120 };

describe("Acronis seed", () => {
  it("builds the same estate, ids included, from the same seed", () => {
    const a = acronisHarness();
    const b = acronisHarness();
    expect(a.service.credentials).toEqual(b.service.credentials);
    expect(a.control("GET", "/tenants").body).toEqual(b.control("GET", "/tenants").body);
    expect(a.control("GET", "/alerts").body).toEqual(b.control("GET", "/alerts").body);
  });

  it("builds a different estate from a different seed", () => {
    const a = acronisHarness({}, context(undefined, "demo", { seed: 1 }));
    const b = acronisHarness({}, context(undefined, "demo", { seed: 2 }));
    expect(a.service.credentials["client_id"]).not.toBe(b.service.credentials["client_id"]);
  });

  it("gives most generated organizations a customer and spreads exactly the requested number of alerts", () => {
    const estate = generateEstate(SMALL);
    const h = acronisHarness({}, context(estate, "generated", SMALL));
    const list = customers(h);
    expect(list.length).toBeGreaterThan(SMALL.orgs * 0.7);
    expect(list.length).toBeLessThanOrEqual(SMALL.orgs);
    expect(new Set(list.map((t) => t.name.toLowerCase())).size).toBe(list.length);
    const all = body<{ items: unknown[] }>(h.control("GET", "/alerts")).items;
    expect(all).toHaveLength(SMALL.alerts);
  });

  it("names every generated workload after a NinjaOne device of the organization its customer came from", () => {
    const estate = generateEstate(SMALL);
    const h = acronisHarness({ workloadSerials: true }, context(estate, "generated", SMALL));
    const devices = new Map(estate.devices.map((d) => [`${d.systemName}|${d.serialNumber ?? d.biosSerialNumber ?? ""}`, d]));
    const items = body<{ items: { name: string; attributes: { name: string; kvs: { key: string; value: unknown }[] }[] }[] }>(
      h.api("GET", "/api/resource_management/v4/resources", { query: { limit: "100000", include_attributes: "true" } }),
    ).items;
    expect(items.length).toBeGreaterThan(estate.devices.length * 0.4);
    for (const r of items) {
      const serial = r.attributes.find((a) => a.name === "default")?.kvs.find((kv) => kv.key === "serial_number")?.value;
      expect(devices.has(`${r.name}|${String(serial ?? "")}`)).toBe(true);
    }
  });

  it("seeds the large estate of 2,000 organizations and 50,000 devices and lists one customer's workloads through the index", () => {
    const params = { seed: 1, orgs: 2000, devicesPerOrg: 25, alerts: 5000 };
    const estate = generateEstate(params);
    const h = acronisHarness({}, context(estate, "generated", params));
    const first = customers(h)[0];
    const items = body<{ items: { tenant_id: string }[] }>(h.api("GET", "/api/resource_management/v4/resources", { query: { tenant_id: first?.id as string } })).items;
    expect(new Set(items.map((r) => r.tenant_id)).size).toBe(1);
    expect(partnerId(h)).toMatch(/^[0-9a-f-]{36}$/);
  });
});
