import { afterEach, describe, expect, it } from "vitest";
import { ALERT_ROUTES } from "../../src/sandbox/acronis/alert-routes.js";
import { RESOURCE_ROUTES } from "../../src/sandbox/acronis/resource-routes.js";
import { TENANT_ROUTES } from "../../src/sandbox/acronis/tenant-routes.js";
import { TOKEN_ROUTE } from "../../src/sandbox/acronis/token-route.js";
import { USER_ROUTES } from "../../src/sandbox/acronis/user-routes.js";
import { startSandbox, type RunningSandbox } from "../../src/sandbox/server.js";
import { jsonInit, send, stubNinjaOne } from "../unit/sandbox/acronis/http-client.js";

const running: RunningSandbox[] = [];
async function start(): Promise<RunningSandbox> {
  const sandbox = await startSandbox({ seed: "demo", services: { ninjaone: stubNinjaOne } });
  running.push(sandbox);
  return sandbox;
}
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
});

async function token(sandbox: RunningSandbox): Promise<{ access_token: string; expires_on: number }> {
  const { client_id: id, client_secret: secret } = sandbox.credentials.acronis as { client_id: string; client_secret: string };
  const res = await send(`${sandbox.urls.acronis}/api/2/idp/token`, {
    method: "POST",
    headers: { authorization: `Basic ${Buffer.from(`${id}:${secret}`).toString("base64")}`, "content-type": "application/x-www-form-urlencoded" },
    body: "grant_type=client_credentials",
  });
  expect(res.status).toBe(200);
  return res.json();
}

describe("the Acronis sandbox over HTTP", () => {
  it("answers every endpoint through a whole provisioning, alert and monitoring run", async () => {
    const sandbox = await start();
    const base = sandbox.urls.acronis;
    // The clock is read on both sides of the request: on a loaded machine a second may turn between.
    const issuedFrom = Math.floor(sandbox.clock.now() / 1000);
    const { access_token: t, expires_on: expiresOn } = await token(sandbox);
    const issuedBy = Math.floor(sandbox.clock.now() / 1000);
    expect([issuedFrom, issuedBy].map((s) => s + sandbox.knobs.tokenLifetimeSec)).toContain(expiresOn);
    const get = (path: string) => send(`${base}${path}`, jsonInit("GET", t));
    const call = (method: string, path: string, body?: unknown) => send(`${base}${path}`, jsonInit(method, t, body));
    const partner = sandbox.credentials.acronis["tenant_id"] as string;

    expect((await get(`/api/2/clients/${sandbox.credentials.acronis["client_id"] as string}`)).json()["tenant_id"]).toBe(partner);
    expect((await get(`/api/2/tenants?parent_id=${partner}`)).json<{ items: unknown[] }>().items).toHaveLength(7);
    const created = await call("POST", "/api/2/tenants", { name: "Alpine Ski House", kind: "customer", parent_id: partner });
    expect(created.status).toBe(201);
    const id = created.json<{ id: string }>().id;
    expect((await get(`/api/2/tenants/${id}`)).json()["pricing_mode"]).toBe("trial");
    const updated = await call("PUT", `/api/2/tenants/${id}`, { version: 1, internal_tag: "ninja-org:5" });
    expect(updated.json()["version"]).toBe(2);
    expect((await call("PUT", `/api/2/tenants/${id}`, { version: 1, enabled: false })).status).toBe(409);
    expect((await get(`/api/2/tenants/${partner}/children`)).json<{ items: string[] }>().items).toContain(id);
    const pricing = (await get(`/api/2/tenants/${id}/pricing`)).json();
    expect((await call("PUT", `/api/2/tenants/${id}/pricing`, { ...pricing, mode: "production" })).json()["mode"]).toBe("production");
    expect((await call("PUT", `/api/2/tenants/${id}/mfa/status`, { enabled: true })).json()["mfa_status"]).toBe("enabled");
    expect((await get(`/api/2/tenants/${id}/mfa/status`)).status).toBe(200);
    const offered = (await get(`/api/2/tenants/${partner}/offering_items/available_for_child?kind=customer&edition=*`)).json<{ items: { name: string }[] }>().items;
    expect((await call("PUT", `/api/2/tenants/${id}/offering_items`, { offering_items: [{ name: offered[0]?.name, status: 1 }] })).status).toBe(200);
    expect((await get(`/api/2/tenants/${id}/offering_items?edition=*`)).json<{ items: unknown[] }>().items).toHaveLength(1);
    expect((await get(`/api/2/search?tenant=${partner}&text=alpine`)).json<{ items: unknown[] }>().items).toHaveLength(1);

    expect((await get("/api/2/users/check_login?username=alpine.admin")).status).toBe(204);
    const user = (await call("POST", "/api/2/users", { tenant_id: id, login: "alpine.admin", contact: { email: "it@alpine.example" } })).json<{ id: string }>();
    expect((await get(`/api/2/users/${user.id}`)).json()["activated"]).toBe(false);
    expect((await get(`/api/2/users?subtree_root_tenant_id=${id}`)).json<{ items: unknown[] }>().items).toHaveLength(1);
    const zero = "00000000-0000-0000-0000-000000000000";
    const policy = { id: zero, issuer_id: zero, role_id: "company_admin", tenant_id: id, trustee_id: user.id, trustee_type: "user", version: 0 };
    expect((await call("PUT", `/api/2/users/${user.id}/access_policies`, { items: [policy] })).status).toBe(200);
    expect((await get(`/api/2/users/${user.id}/access_policies`)).json<{ items: unknown[] }>().items).toHaveLength(1);
    expect((await call("PUT", `/api/2/users/${user.id}/mfa/status`, { enabled: true })).status).toBe(200);
    expect((await call("POST", `/api/2/users/${user.id}/send-activation-email`, {})).status).toBe(204);
    const emails = (await send(`${sandbox.urls.control}/control/acronis/activation-emails`)).json<{ items: { email: string }[] }>().items;
    expect(emails.map((e) => e.email)).toEqual(["it@alpine.example"]);

    const alerts = (await get("/api/alert_manager/v1/alerts?limit=3")).json<{ items: { id: string }[]; paging: { cursors: { after?: string } } }>();
    expect(alerts.items).toHaveLength(3);
    expect((await get(`/api/alert_manager/v1/alerts?after=${encodeURIComponent(alerts.paging.cursors.after as string)}`)).status).toBe(200);
    const first = alerts.items[0]?.id as string;
    expect((await get(`/api/alert_manager/v1/alerts/${first}`)).status).toBe(200);
    expect((await call("DELETE", `/api/alert_manager/v1/alerts/${first}`)).status).toBe(204);
    expect((await call("DELETE", "/api/alert_manager/v1/alerts?type=MalwareDetected")).status).toBe(204);
    expect((await call("POST", "/api/alert_manager/v1/alerts", { type: "BackupFailed", details: { resourceName: "X" } })).json()["id"]).toEqual(expect.any(String));
    expect((await get("/api/alert_manager/v1/types?os_type=windows")).status).toBe(200);
    expect((await get("/api/alert_manager/v1/categories")).status).toBe(200);
    expect((await get("/api/alert_manager/v1/stats")).json()["count"]).toBe(7);

    const resources = (await get("/api/resource_management/v4/resources?include_attributes=true")).json<{ items: { id: string; agent_id: string }[] }>().items;
    expect(resources.length).toBeGreaterThan(0);
    expect((await get(`/api/resource_management/v4/resources/${resources[0]?.id as string}/attributes`)).status).toBe(200);
    expect((await get("/api/resource_management/v4/resource_statuses?type=resource.machine")).json<{ items: unknown[] }>().items).toHaveLength(resources.length);
    expect((await get("/api/agent_manager/v2/agents")).json<{ items: unknown[] }>().items).toHaveLength(resources.length);
    expect((await get(`/api/agent_manager/v2/agents/${resources[0]?.agent_id as string}`)).status).toBe(200);

    const current = (await get(`/api/2/tenants/${id}`)).json<{ version: number }>();
    const disabled = (await call("PUT", `/api/2/tenants/${id}`, { version: current.version, enabled: false })).json<{ version: number }>();
    expect((await call("DELETE", `/api/2/tenants/${id}?version=${disabled.version}`)).status).toBe(204);

    const counted = sandbox.counts().services.acronis.byRoute;
    const every = [TOKEN_ROUTE, ...TENANT_ROUTES, ...USER_ROUTES, ...ALERT_ROUTES, ...RESOURCE_ROUTES].map((r) => `${r.method} ${r.template}`);
    expect(every.filter((r) => counted[r] === undefined)).toEqual([]);
  });

  it("answers 401 once the sandbox clock passes the token's expires_on", async () => {
    const sandbox = await start();
    const { access_token: t } = await token(sandbox);
    const path = `${sandbox.urls.acronis}/api/2/tenants/${sandbox.credentials.acronis["tenant_id"] as string}`;
    expect((await send(path, jsonInit("GET", t))).status).toBe(200);
    sandbox.clock.advance(sandbox.knobs.tokenLifetimeSec);
    const expired = await send(path, jsonInit("GET", t));
    expect(expired.status).toBe(401);
    expect(expired.json()).toMatchObject({ error: { code: 401 } });
  });

  it("raises, clears and lists alerts and tenants through the control endpoint", async () => {
    const sandbox = await start();
    const control = `${sandbox.urls.control}/control/acronis`;
    const tenants = (await send(`${control}/tenants`)).json<{ items: { name: string; numeric_id: string }[] }>().items;
    const contoso = tenants.find((x) => x.name === "Contoso")?.numeric_id as string;
    const raised = await send(`${control}/alerts`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ type: "NoBackupForXDays", tenantID: contoso }) });
    const id = raised.json<{ id: string }>().id;
    expect((await send(`${control}/alerts/${id}/clear`, { method: "POST" })).status).toBe(204);
    const dismissed = (await send(`${control}/alerts?dismissed=true`)).json<{ items: { id: string }[] }>().items.map((a) => a.id);
    expect(dismissed).toContain(id);
    expect((await send(`${control}/users`)).json<{ items: unknown[] }>().items.length).toBeGreaterThan(0);
  });
});
