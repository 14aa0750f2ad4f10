import { z } from "zod";
import { describe, expect, it } from "vitest";
import { collect } from "../../src/clients/async-lists.js";
import { listWorkloads } from "../../src/clients/acronis/workloads.js";
import { listIntuneDevices } from "../../src/clients/cipp/devices.js";
import { listDevices } from "../../src/clients/ninjaone/devices.js";
import { ApiError } from "../../src/errors.js";
import { useDemoSandbox } from "../helpers/demo-sandbox.js";
import { sandboxClients, type SandboxClients } from "../helpers/sandbox-clients.js";
import { control } from "../helpers/sandbox-control.js";

/**
 * The control routes that change one device the way its owner would (rename, move, new serial,
 * Entra device id, delete), each read back through the public routes ninja-bridge's clients use.
 * One demo sandbox for the file: each test changes devices no other test reads.
 */

const sandbox = useDemoSandbox();
let cached: SandboxClients | undefined;
function clients(): SandboxClients {
  cached ??= sandboxClients(sandbox());
  return cached;
}

/** A control call whose refusal is the point: status and error text. */
async function refused(method: string, route: string, body?: unknown): Promise<{ status: number; error: string }> {
  const response = await fetch(`${sandbox().urls.control}/control${route}`, {
    method,
    ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body), headers: { "content-type": "application/json" } }),
  });
  const parsed = (await response.json()) as { error: string };
  return { status: response.status, error: parsed.error };
}

async function apiStatus(request: Promise<unknown>): Promise<number | undefined> {
  try {
    await request;
    return 200;
  } catch (error) {
    if (error instanceof ApiError) return error.status;
    throw error;
  }
}

async function ninjaDevice(id: number, organizationId: number) {
  const devices = await collect(listDevices(clients().ninjaone, { organizationId }));
  return devices.find((d) => d.id === id);
}

describe("NinjaOne device control", () => {
  it("renames a device and changes its serials; devices-detailed shows the new host name, DNS name and system serials", async () => {
    const changed = await control<{ systemName: string }>(sandbox(), "POST", "/ninjaone/devices/103", {
      systemName: "CONTOSO-WS02-OLD",
      dnsName: "contoso-ws02-old.local",
      serialNumber: "5CG9999NEW",
      biosSerialNumber: null,
    });
    expect(changed.systemName).toBe("CONTOSO-WS02-OLD");
    expect(await ninjaDevice(103, 1)).toMatchObject({
      systemName: "CONTOSO-WS02-OLD",
      dnsName: "contoso-ws02-old.local",
      // The display name is the technician's label, changed only when sent.
      displayName: "CONTOSO-WS02",
      serialNumber: "5CG9999NEW",
      biosSerialNumber: null,
    });
  });

  it("swaps two devices' host names and serials with two calls", async () => {
    const before = [await ninjaDevice(401, 4), await ninjaDevice(402, 4)];
    await control(sandbox(), "POST", "/ninjaone/devices/401", { systemName: "TST-WS02", serialNumber: "TSP0000402" });
    await control(sandbox(), "POST", "/ninjaone/devices/402", { systemName: "TST-WS01", serialNumber: "TSP0000401" });
    const after = [await ninjaDevice(401, 4), await ninjaDevice(402, 4)];
    expect(before.map((d) => [d?.systemName, d?.serialNumber])).toEqual([["TST-WS01", "TSP0000401"], ["TST-WS02", "TSP0000402"]]);
    expect(after.map((d) => [d?.systemName, d?.serialNumber])).toEqual([["TST-WS02", "TSP0000402"], ["TST-WS01", "TSP0000401"]]);
  });

  it("moves a device to another organization and one of its locations", async () => {
    const orgs = await control<{ id: number; locations: { id: number }[] }[]>(sandbox(), "GET", "/ninjaone/organizations");
    const alpine = orgs.find((o) => o.id === 5);
    expect(alpine?.locations[0]?.id).toEqual(expect.any(Number));
    expect(await ninjaDevice(601, 6)).toBeDefined();
    await control(sandbox(), "POST", "/ninjaone/devices/601", { organizationId: 5 });
    expect(await ninjaDevice(601, 6)).toBeUndefined();
    expect(await ninjaDevice(601, 5)).toMatchObject({ organizationId: 5, systemName: "ADATUM-WS01" });
    const orgDevices = await clients().ninjaone.request({ method: "GET", path: "/v2/organization/5/devices", schema: z.array(z.object({ id: z.number(), locationId: z.number() })) });
    expect(orgDevices.find((d) => d.id === 601)?.locationId).toBe(alpine?.locations[0]?.id);
    const wrongLocation = await refused("POST", "/ninjaone/devices/601", { organizationId: 6, locationId: alpine?.locations[0]?.id });
    expect(wrongLocation.status).toBe(400);
    expect(wrongLocation.error).toContain("locationId");
  });

  it("deletes a device: it leaves devices-detailed and GET /v2/device/{id} answers 404", async () => {
    const get = () => clients().ninjaone.request({ method: "GET", path: "/v2/device/502", schema: z.object({ id: z.number() }) });
    expect(await apiStatus(get())).toBe(200);
    await control(sandbox(), "DELETE", "/ninjaone/devices/502");
    expect(await ninjaDevice(502, 5)).toBeUndefined();
    expect((await collect(listDevices(clients().ninjaone))).map((d) => d.id)).not.toContain(502);
    expect(await apiStatus(get())).toBe(404);
    expect((await refused("DELETE", "/ninjaone/devices/502")).status).toBe(404);
  });

  it("fills the read-only Entra device id field as a script would; the API reads it and lists it as no API write", async () => {
    const entraId = "6f1d2c3b-4a59-4e8d-9c7b-0a1b2c3d4e5f";
    await control(sandbox(), "POST", "/ninjaone/devices/104/custom-fields", { entraDeviceId: entraId });
    const values = await clients().ninjaone.request({ method: "GET", path: "/v2/device/104/custom-fields", schema: z.record(z.string(), z.unknown()) });
    expect(values["entraDeviceId"]).toBe(entraId);
    const written = await control<{ writes: { entityId: number }[] }>(sandbox(), "GET", "/ninjaone/field-values");
    expect(written.writes.filter((w) => w.entityId === 104)).toEqual([]);
    const unknown = await refused("POST", "/ninjaone/devices/104/custom-fields", { entraId: entraId });
    expect(unknown).toMatchObject({ status: 400, error: expect.stringContaining("entraId") });
    const wrongType = await refused("POST", "/ninjaone/devices/104/custom-fields", { entraDeviceId: 7 });
    expect(wrongType).toMatchObject({ status: 400, error: expect.stringContaining("entraDeviceId") });
  });

  it("refuses bodies it cannot apply, naming the field, and unknown devices with 404", async () => {
    const cases: [unknown, string][] = [
      [{}, "at least one of"],
      [{ serial: "X" }, "serial"],
      [{ systemName: "" }, "systemName"],
      [{ organizationId: 999 }, "organizationId"],
      [{ organizationId: "5" }, "organizationId"],
      ["not json", "JSON"],
    ];
    for (const [body, field] of cases) {
      const answer = await refused("POST", "/ninjaone/devices/101", body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.error).toContain(field);
    }
    expect((await refused("POST", "/ninjaone/devices/9999", { systemName: "X" })).status).toBe(404);
    expect((await refused("POST", "/ninjaone/devices/abc/custom-fields", { entraDeviceId: "x" })).status).toBe(404);
    expect((await refused("DELETE", "/ninjaone/devices/9999")).status).toBe(404);
  });
});

interface AcronisTenantRow {
  id: string;
  name: string;
  kind: string;
  numeric_id: string;
}

async function acronisTenant(name: string): Promise<AcronisTenantRow> {
  const { items } = await control<{ items: AcronisTenantRow[] }>(sandbox(), "GET", "/acronis/tenants");
  const tenant = items.find((t) => t.name === name);
  if (tenant === undefined) throw new Error(`no Acronis tenant ${name}`);
  return tenant;
}

async function workloadsOf(tenantName: string) {
  return collect(listWorkloads(clients().acronis, (await acronisTenant(tenantName)).id));
}

async function workloadNamed(tenantName: string, name: string) {
  const workload = (await workloadsOf(tenantName)).find((w) => w.name === name);
  if (workload === undefined) throw new Error(`no workload ${name} in ${tenantName}`);
  return workload;
}

const agentsSchema = z.object({ items: z.array(z.object({ id: z.string(), hostname: z.string(), tenant: z.object({ id: z.string() }) })) });

describe("Acronis workload control", () => {
  it("renames a workload: the resource, its agent hostname attribute and the agent follow", async () => {
    const mac = await workloadNamed("Contoso", "CONTOSO-MAC01");
    const changed = await control<{ name: string }>(sandbox(), "POST", `/acronis/workloads/${mac.id}`, { hostname: "CONTOSO-MAC01-OLD" });
    expect(changed.name).toBe("CONTOSO-MAC01-OLD");
    expect((await workloadsOf("Contoso")).find((w) => w.id === mac.id)).toMatchObject({ name: "CONTOSO-MAC01-OLD", hostname: "CONTOSO-MAC01-OLD" });
    const agents = await clients().acronis.request({ method: "GET", path: "/api/agent_manager/v2/agents", query: { hostname: "CONTOSO-MAC01-OLD" }, schema: agentsSchema });
    expect(agents.items.map((a) => a.id)).toEqual([mac.agentId]);
  });

  it("moves a workload to another customer, by numeric id or UUID", async () => {
    const lt02 = await workloadNamed("Fabrikam Inc", "FAB-LT02");
    const woodgrove = await acronisTenant("Woodgrove Bank");
    await control(sandbox(), "POST", `/acronis/workloads/${lt02.id}`, { tenantId: woodgrove.numeric_id });
    expect((await workloadsOf("Fabrikam Inc")).map((w) => w.id)).not.toContain(lt02.id);
    expect((await workloadsOf("Woodgrove Bank")).find((w) => w.id === lt02.id)?.tenantNumericId).toBe(woodgrove.numeric_id);
    const agents = await clients().acronis.request({ method: "GET", path: "/api/agent_manager/v2/agents", query: { hostname: "FAB-LT02" }, schema: agentsSchema });
    expect(agents.items.map((a) => a.tenant.id)).toEqual([woodgrove.numeric_id]);
    const fabrikam = await acronisTenant("Fabrikam Inc");
    await control(sandbox(), "POST", `/acronis/workloads/${lt02.id}`, { tenantId: fabrikam.id });
    expect((await workloadsOf("Fabrikam Inc")).map((w) => w.id)).toContain(lt02.id);
  });

  it("changes a workload's serial, which shows only with the workloadSerials option", async () => {
    const lt01 = await workloadNamed("Fabrikam Inc", "FAB-LT01");
    await control(sandbox(), "POST", `/acronis/workloads/${lt01.id}`, { serialNumber: "PF2NEW99" });
    expect((await workloadNamed("Fabrikam Inc", "FAB-LT01")).serialNumber).toBeNull();
    await control(sandbox(), "PUT", "/acronis/options", { workloadSerials: true });
    try {
      expect((await workloadNamed("Fabrikam Inc", "FAB-LT01")).serialNumber).toBe("PF2NEW99");
      await control(sandbox(), "POST", `/acronis/workloads/${lt01.id}`, { serialNumber: null });
      expect((await workloadNamed("Fabrikam Inc", "FAB-LT01")).serialNumber).toBeNull();
    } finally {
      await control(sandbox(), "PUT", "/acronis/options", { workloadSerials: false });
    }
  });

  it("deletes a workload: it leaves resources and agents, and include_deleted shows it with deleted_at", async () => {
    const srv = await workloadNamed("Woodgrove Bank", "WGB-SRV01");
    await control(sandbox(), "DELETE", `/acronis/workloads/${srv.id}`);
    expect((await workloadsOf("Woodgrove Bank")).map((w) => w.id)).not.toContain(srv.id);
    const woodgrove = await acronisTenant("Woodgrove Bank");
    const withDeleted = await clients().acronis.request({
      method: "GET",
      path: "/api/resource_management/v4/resources",
      query: { tenant_id: woodgrove.id, include_deleted: true },
      schema: z.object({ items: z.array(z.object({ id: z.string(), deleted_at: z.string().nullable() })) }),
    });
    expect(withDeleted.items.find((r) => r.id === srv.id)?.deleted_at).toMatch(/^\d{4}-\d\d-\d\dT/);
    const agentStatus = await apiStatus(clients().acronis.request({ method: "GET", path: `/api/agent_manager/v2/agents/${srv.agentId ?? ""}`, schema: z.unknown() }));
    expect(agentStatus).toBe(404);
    const agents = await clients().acronis.request({ method: "GET", path: "/api/agent_manager/v2/agents", query: { hostname: "WGB-SRV01" }, schema: agentsSchema });
    expect(agents.items).toEqual([]);
    expect((await refused("DELETE", `/acronis/workloads/${srv.id}`)).status).toBe(404);
  });

  it("refuses bodies it cannot apply, naming the field, and unknown workloads with 404", async () => {
    const dc = await workloadNamed("Contoso", "CONTOSO-DC01");
    const partner = (await control<{ items: AcronisTenantRow[] }>(sandbox(), "GET", "/acronis/tenants")).items.find((t) => t.kind === "partner");
    const cases: [unknown, string][] = [
      [{}, "at least one of"],
      [{ name: "X" }, "name"],
      [{ hostname: " " }, "hostname"],
      [{ tenantId: "424242" }, "tenantId"],
      [{ tenantId: partner?.id }, "tenantId"],
      [{ serialNumber: 5 }, "serialNumber"],
    ];
    for (const [body, field] of cases) {
      const answer = await refused("POST", `/acronis/workloads/${dc.id}`, body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.error).toContain(field);
    }
    expect((await refused("POST", "/acronis/workloads/00000000-0000-4000-8000-000000000000", { hostname: "X" })).status).toBe(404);
    expect((await refused("DELETE", "/acronis/workloads/00000000-0000-4000-8000-000000000000")).status).toBe(404);
  });
});

async function intuneDevices(tenant: string) {
  return collect(listIntuneDevices(clients().cipp, tenant));
}

describe("CIPP Intune device control", () => {
  it("renames a device and changes its serial and Entra device id; ListDevices shows them", async () => {
    const oobe = (await intuneDevices("tailspintoys.com")).find((d) => d.deviceName === "DESKTOP-7H2K9QX");
    expect(oobe?.azureADDeviceId).toMatch(/^[0-9a-f-]{36}$/);
    const entraId = "A1B2C3D4-E5F6-4789-8ABC-DEF012345678";
    await control(sandbox(), "POST", `/cipp/devices/${oobe?.id ?? ""}`, { deviceName: "TST-WS01", serialNumber: "TSP0000499", azureADDeviceId: entraId });
    const after = (await intuneDevices("tailspintoys.com")).find((d) => d.id === oobe?.id);
    // Graph renders GUIDs in lower case.
    expect(after).toMatchObject({ deviceName: "TST-WS01", serialNumber: "TSP0000499", azureADDeviceId: entraId.toLowerCase() });
  });

  it("deletes a device: ListDevices no longer has it", async () => {
    const lt09 = (await intuneDevices("tailspintoys.com")).find((d) => d.deviceName === "TST-LT09");
    await control(sandbox(), "DELETE", `/cipp/devices/${lt09?.id ?? ""}`);
    expect((await intuneDevices("tailspintoys.com")).map((d) => d.id)).not.toContain(lt09?.id);
    expect((await refused("DELETE", `/cipp/devices/${lt09?.id ?? ""}`)).status).toBe(404);
  });

  it("refuses bodies it cannot apply, naming the field, and unknown devices with 404", async () => {
    const lit = (await intuneDevices("litware.com"))[0];
    const cases: [unknown, string][] = [
      [{}, "at least one of"],
      [{ azureADDeviceId: "not-a-guid" }, "azureADDeviceId"],
      [{ deviceName: "" }, "deviceName"],
      [{ serialNumber: null }, "serialNumber"],
      [{ complianceState: "green" }, "complianceState"],
    ];
    for (const [body, field] of cases) {
      const answer = await refused("POST", `/cipp/devices/${lit?.id ?? ""}`, body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.error).toContain(field);
    }
    expect((await refused("POST", "/cipp/devices/00000000-0000-4000-8000-000000000000", { deviceName: "X" })).status).toBe(404);
  });
});
