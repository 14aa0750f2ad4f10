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

  it("serves the extension's extra reads lean, pages users at a small size, and times out an unpaged list past its limit", async () => {
    const sandbox = await start();
    const t = await token(sandbox);
    const get = (path: string) => send(`${sandbox.urls.cipp}${path}`, { headers: { authorization: `Bearer ${t}` } });
    const graph = (query: string) => get(`/api/ListGraphRequest?tenantFilter=contoso.onmicrosoft.com&${query}`);
    // signInActivity only when selected, and at most 120 a page with it.
    expect(JSON.stringify((await graph("Endpoint=users")).json())).not.toContain("signInActivity");
    const signIns = (await graph("Endpoint=users&$select=id,signInActivity&$top=120")).json<{ Results: { id: string; signInActivity: { lastSignInDateTime: string | null } }[] }>();
    expect(signIns.Results).toHaveLength(5);
    expect(Object.keys(signIns.Results[0] ?? {})).toEqual(["id", "signInActivity"]);
    expect((await graph("Endpoint=users&$select=id,signInActivity&$top=999")).status).toBe(403);
    const mailboxes = (await graph("Endpoint=reports/getMailboxUsageDetail(period='D7')&$format=application/json")).json<{ Results: { storageUsedInBytes: number }[] }>();
    expect(mailboxes.Results).toHaveLength(3);
    const drives = (await get("/api/ListSites?TenantFilter=contoso.onmicrosoft.com&Type=OneDriveUsageAccount")).json<{ ownerPrincipalName: string }[]>();
    expect(drives).toHaveLength(3);
    expect((await get("/api/ListSites?TenantFilter=contoso.onmicrosoft.com")).status).toBe(400);
    // Groups only when expanded.
    expect(JSON.stringify((await graph("Endpoint=devices&$select=id,deviceId")).json())).not.toContain("memberOf");
    const entra = (await graph("Endpoint=devices&$select=id,deviceId&$expand=memberOf($select=id,displayName)")).json<{ Results: { memberOf: { displayName: string }[] }[] }>();
    expect(entra.Results[0]?.memberOf.map((g) => g.displayName)).toEqual(["Windows devices", "Autopilot devices"]);
    const policies = (await graph("Endpoint=deviceManagement/deviceCompliancePolicies")).json<{ Results: { id: string; displayName: string }[] }>();
    expect(policies.Results.map((p) => p.displayName)).toEqual(["Windows compliance baseline", "macOS compliance baseline", "iOS compliance baseline"]);
    const statuses = (await graph(`Endpoint=deviceManagement/deviceCompliancePolicies/${policies.Results[0]?.id ?? ""}/deviceStatuses`)).json<{ Results: { deviceDisplayName: string; status: string }[] }>();
    expect(statuses.Results.map((r) => [r.deviceDisplayName, r.status])).toEqual([
      ["CONTOSO-WS01", "compliant"],
      ["CONTOSO-WS02", "noncompliant"],
    ]);

    const paging = await send(`${sandbox.urls.control}/control/cipp/paging`, { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify({ maxPageSize: 2, unpagedUserLimit: 4 }) });
    expect(paging.status).toBe(200);
    expect((await get("/api/ListUsers?tenantFilter=contoso.onmicrosoft.com")).status).toBe(504);
    expect((await graph("Endpoint=users")).status).toBe(504);
    const first = (await graph("Endpoint=users&manualPagination=true&$top=999")).json<{ Results: unknown[]; Metadata: { nextLink: string } }>();
    expect(first.Results).toHaveLength(2);
    const second = (await graph(`Endpoint=users&manualPagination=true&$top=999&nextLink=${encodeURIComponent(first.Metadata.nextLink)}`)).json<{ Results: unknown[]; Metadata: { nextLink?: string } }>();
    expect(second.Results).toHaveLength(2);
    expect(second.Metadata.nextLink).toBeDefined();
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
