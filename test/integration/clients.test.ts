import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collect } from "../../src/clients/async-lists.js";
import { listWorkloads } from "../../src/clients/acronis/workloads.js";
import { getApiClientTenantId, listCustomerTenants } from "../../src/clients/acronis/tenants.js";
import { listIntuneDevices, listIntuneDevicesOfTenants } from "../../src/clients/cipp/devices.js";
import { listTenants } from "../../src/clients/cipp/tenants.js";
import { listCustomFieldDefinitions } from "../../src/clients/ninjaone/custom-fields.js";
import { listDevices } from "../../src/clients/ninjaone/devices.js";
import { listOrganizations } from "../../src/clients/ninjaone/organizations.js";
import { PermissionError } from "../../src/errors.js";
import { type RunningSandbox, startSandbox } from "../../src/sandbox/server.js";
import { type SandboxClients, sandboxClients } from "../helpers/sandbox-clients.js";

let sandbox: RunningSandbox;
let clients: SandboxClients;

beforeAll(async () => {
  sandbox = await startSandbox({ seed: "demo" });
  clients = sandboxClients(sandbox);
});
afterAll(() => sandbox.close());

async function control(path: string, method: string, body: unknown): Promise<void> {
  const response = await fetch(`${sandbox.urls.control}${path}`, { method, headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  expect(response.status).toBe(200);
}

function routes(service: "ninjaone" | "acronis" | "cipp"): string[] {
  return Object.keys(sandbox.counts().services[service].byRoute);
}

describe("NinjaOne data clients against the demo sandbox", () => {
  it("lists every organization of the estate", async () => {
    const orgs = await collect(listOrganizations(clients.ninjaone));
    expect(orgs.map((o) => [o.id, o.name])).toEqual(sandbox.estate.orgs.map((o) => [o.id, o.name]));
  });

  it("lists every device with its serial numbers from devices-detailed, without a request per device", async () => {
    sandbox.resetCounts();
    const devices = await collect(listDevices(clients.ninjaone, { pageSize: 5 }));
    expect(devices.map((d) => [d.id, d.organizationId, d.systemName, d.nodeClass, d.serialNumber, d.biosSerialNumber])).toEqual(
      sandbox.estate.devices.map((d) => [d.id, d.organizationId, d.systemName, d.nodeClass, d.serialNumber ?? null, d.biosSerialNumber ?? null]),
    );
    expect(routes("ninjaone")).toEqual(["GET /v2/devices-detailed"]);
  });

  it("lists one organization's devices", async () => {
    const devices = await collect(listDevices(clients.ninjaone, { organizationId: 4 }));
    expect(devices.map((d) => d.systemName)).toEqual(["TST-WS01", "TST-WS02", "TST-SRV01", "TST-WS03"]);
    expect(devices.find((d) => d.systemName === "TST-WS03")).toMatchObject({ serialNumber: null, biosSerialNumber: "TSPBIOS404" });
  });

  it("lists custom field definitions of the node scope only when asked", async () => {
    const all = await collect(listCustomFieldDefinitions(clients.ninjaone));
    const node = await collect(listCustomFieldDefinitions(clients.ninjaone, { scopes: ["node"] }));
    expect(node.length).toBeGreaterThan(0);
    expect(node.length).toBeLessThan(all.length);
    expect(node.filter((f) => !f.scopes.includes("NODE"))).toEqual([]);
    expect(all).toContainEqual(expect.objectContaining({ type: "DROPDOWN", options: expect.arrayContaining([expect.anything()]) }));
  });
});

describe("Acronis data clients against the demo sandbox", () => {
  it("finds the partner tenant of the API client", async () => {
    const clientId = sandbox.credentials.acronis.client_id ?? "";
    expect(await getApiClientTenantId(clients.acronis, clientId)).toBe(sandbox.credentials.acronis.tenant_id);
  });

  it("lists the partner's customer tenants with kind, state and version", async () => {
    const customers = await collect(listCustomerTenants(clients.acronis, sandbox.credentials.acronis.tenant_id ?? ""));
    expect(customers.map((t) => t.name)).toEqual(["Contoso", "Fabrikam Inc", "NORTHWIND TRADERS LLC", "TST Holdings", "Adatum GmbH", "ADATUM", "Woodgrove Bank"]);
    for (const tenant of customers) {
      expect(tenant).toMatchObject({ kind: "customer", enabled: true, parentId: sandbox.credentials.acronis.tenant_id });
      expect(tenant.version).toBeGreaterThan(0);
    }
  });

  it("reads the customers' workloads with agent hostnames, every customer in one listing", async () => {
    const customers = await collect(listCustomerTenants(clients.acronis, sandbox.credentials.acronis.tenant_id ?? ""));
    sandbox.resetCounts();
    const workloads = await collect(listWorkloads(clients.acronis, customers.map((t) => t.id), { limit: 1000 }));
    const contoso = (await collect(listWorkloads(clients.acronis, customers.find((t) => t.name === "Contoso")?.id ?? ""))).map((w) => w.id);
    expect(workloads.filter((w) => contoso.includes(w.id)).map((w) => w.hostname)).toEqual(["CONTOSO-DC01", "CONTOSO-WS01", "CONTOSO-WS02", "CONTOSO-MAC01"]);
    expect(new Set(workloads.map((w) => w.tenantNumericId)).size).toBeGreaterThan(1);
    expect(sandbox.counts().services.acronis.byRoute["GET /api/resource_management/v4/resources"]?.total).toBe(2);
    expect(routes("acronis")).toEqual(["GET /api/resource_management/v4/resources"]);
  });

  it("reads a workload's serial number when the platform reports one", async () => {
    const customers = await collect(listCustomerTenants(clients.acronis, sandbox.credentials.acronis.tenant_id ?? ""));
    const woodgrove = customers.find((t) => t.name === "Woodgrove Bank")?.id ?? "";
    await control("/control/acronis/options", "PUT", { workloadSerials: true });
    try {
      const workloads = await collect(listWorkloads(clients.acronis, woodgrove));
      expect(workloads.map((w) => [w.hostname, w.serialNumber])).toEqual([
        ["WGB-SRV01", "WGB7781SRV"],
        ["WGB-WS01", "WGB7782WS"],
      ]);
    } finally {
      await control("/control/acronis/options", "PUT", { workloadSerials: false });
    }
  });
});

describe("CIPP data clients against the demo sandbox", () => {
  it("lists the Microsoft 365 tenants", async () => {
    const tenants = await collect(listTenants(clients.cipp));
    expect(tenants.map((t) => [t.displayName, t.defaultDomainName])).toEqual([
      ["Contoso", "contoso.onmicrosoft.com"],
      ["fabrikam", "fabrikam.com"],
      ["Tailspin", "tailspintoys.com"],
      ["Litware, Inc.", "litware.com"],
    ]);
  });

  it("raises CIPP's failure pseudo-tenant as a permission error", async () => {
    await control("/control/cipp/faults", "PUT", { listTenantsFails: true });
    try {
      await expect(collect(listTenants(clients.cipp))).rejects.toThrow(PermissionError);
    } finally {
      await control("/control/cipp/faults", "PUT", { listTenantsFails: false });
    }
  });

  it("reads a tenant's Intune devices with serial numbers and compliance", async () => {
    const [contoso] = await collect(listTenants(clients.cipp));
    const devices = await collect(listIntuneDevices(clients.cipp, contoso?.customerId ?? ""));
    expect(devices.map((d) => [d.deviceName, d.serialNumber, d.complianceState])).toEqual([
      ["CONTOSO-WS01", "5CG0011XYZ", "compliant"],
      ["CONTOSO-WS02", "To Be Filled By O.E.M.", "noncompliant"],
      ["CONTOSO-MAC01", "C02XK0AAJG5H", "compliant"],
      ["Ada's iPhone", "F2LXK1ABCD7Q", "compliant"],
    ]);
  });

  it("reports a tenant whose Graph read fails and still reads the others", async () => {
    const tenants = await collect(listTenants(clients.cipp));
    const litware = tenants.find((t) => t.displayName.startsWith("Litware"))?.customerId ?? "";
    await control(`/control/cipp/tenants/${litware}/graph-error`, "PUT", { message: "Tenant is not licensed for Intune." });
    try {
      const results = await collect(listIntuneDevicesOfTenants(clients.cipp, tenants.map((t) => t.customerId), { concurrency: 2 }));
      const failed = results.filter((r) => "error" in r).map((r) => r.tenantId);
      const read = results.flatMap((r) => ("devices" in r ? [r.devices.length] : []));
      expect(failed).toEqual([litware]);
      expect(read).toEqual([4, 3, 4]);
    } finally {
      await control(`/control/cipp/tenants/${litware}/graph-error`, "PUT", { message: null });
    }
  });
});
