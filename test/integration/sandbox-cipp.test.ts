import { afterEach, describe, expect, it } from "vitest";
import { startSandbox, type RunningSandbox } from "../../src/sandbox/server.js";
import { send, stubNinjaOne } from "../unit/sandbox/acronis/http-client.js";

const running: RunningSandbox[] = [];
async function start(): Promise<RunningSandbox> {
  const sandbox = await startSandbox({ seed: "demo", services: { ninjaone: stubNinjaOne } });
  running.push(sandbox);
  return sandbox;
}
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
});

async function token(sandbox: RunningSandbox): Promise<string> {
  const c = sandbox.credentials.cipp as { tenant_id: string; client_id: string; client_secret: string; scope: string };
  const res = await send(`${sandbox.urls.cipp}/${c.tenant_id}/oauth2/v2.0/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "client_credentials", client_id: c.client_id, client_secret: c.client_secret, scope: c.scope }).toString(),
  });
  expect(res.status).toBe(200);
  return res.json<{ access_token: string }>().access_token;
}

describe("the CIPP sandbox over HTTP", () => {
  it("answers the token endpoint and every list endpoint", async () => {
    const sandbox = await start();
    const t = await token(sandbox);
    const get = (path: string) => send(`${sandbox.urls.cipp}${path}`, { headers: { authorization: `Bearer ${t}` } });
    const tenants = (await get("/api/ListTenants")).json<{ defaultDomainName: string; displayName: string }[]>();
    expect(tenants.map((x) => x.displayName)).toEqual(["Contoso", "fabrikam", "Tailspin", "Litware, Inc."]);
    const devices = (await get("/api/ListDevices?tenantFilter=contoso.onmicrosoft.com")).json<{ serialNumber: string }[]>();
    expect(devices.map((d) => d.serialNumber)).toContain("5CG0011XYZ");
    expect((await get("/api/ListUsers?tenantFilter=contoso.onmicrosoft.com")).json<unknown[]>()).toHaveLength(5);
    expect((await get("/api/ListLicenses?tenantFilter=contoso.onmicrosoft.com")).json<unknown[]>()).toHaveLength(2);
    const graph = (await get("/api/ListGraphRequest?tenantFilter=tailspintoys.com&Endpoint=deviceManagement/managedDevices&$select=serialNumber")).json<{ Results: unknown[] }>();
    expect(graph.Results).toHaveLength(4);
    const failed = await get("/api/ListDevices?tenantFilter=unknown.example");
    expect(failed.status).toBe(403);
    const routes = Object.keys(sandbox.counts().services.cipp.byRoute);
    for (const r of ["POST /{tenantId}/oauth2/v2.0/token", "GET /api/ListTenants", "GET /api/ListDevices", "GET /api/ListUsers", "GET /api/ListLicenses", "GET /api/ListGraphRequest"]) expect(routes).toContain(r);
  });

  it("refuses a wrong client secret with Entra's error body and the API without a token", async () => {
    const sandbox = await start();
    const c = sandbox.credentials.cipp as { tenant_id: string; client_id: string; scope: string };
    const res = await send(`${sandbox.urls.cipp}/${c.tenant_id}/oauth2/v2.0/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: "client_credentials", client_id: c.client_id, client_secret: "wrong", scope: c.scope }).toString(),
    });
    expect(res.status).toBe(401);
    expect(res.json()).toMatchObject({ error: "invalid_client", error_codes: [7000215] });
    expect((await send(`${sandbox.urls.cipp}/api/ListTenants`)).status).toBe(401);
  });

  it("adds an Intune device through the control endpoint", async () => {
    const sandbox = await start();
    const control = `${sandbox.urls.control}/control/cipp`;
    const tenants = (await send(`${control}/tenants`)).json<{ customerId: string; displayName: string }[]>();
    const litware = tenants.find((x) => x.displayName === "Litware, Inc.")?.customerId as string;
    const added = await send(`${control}/tenants/${litware}/devices`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ deviceName: "LIT-WS02", serialNumber: "LIT0000002" }) });
    expect(added.status).toBe(201);
    const t = await token(sandbox);
    const devices = (await send(`${sandbox.urls.cipp}/api/ListDevices?tenantFilter=${litware}`, { headers: { authorization: `Bearer ${t}` } })).json<{ deviceName: string }[]>();
    expect(devices.map((d) => d.deviceName)).toContain("LIT-WS02");
  });
});
