import { describe, expect, it } from "vitest";
import { acronisHarness, basic, body, T0 } from "./harness.js";

const FORM = { "content-type": "application/x-www-form-urlencoded" };

describe("Acronis token endpoint", () => {
  it("issues a bearer token for client credentials sent as HTTP Basic, with expires_on in absolute UNIX seconds", () => {
    const h = acronisHarness();
    const { client_id: id, client_secret: secret } = h.service.credentials as { client_id: string; client_secret: string };
    const res = h.call("POST", "/api/2/idp/token", { headers: { ...FORM, authorization: basic(id, secret) }, body: "grant_type=client_credentials" });
    expect(res.status).toBe(200);
    const b = body(res);
    expect(b["token_type"]).toBe("bearer");
    expect(b["expires_on"]).toBe(T0 / 1000 + 7200);
    expect(b).not.toHaveProperty("expires_in");
    expect(typeof b["access_token"]).toBe("string");
    expect(typeof b["id_token"]).toBe("string");
  });

  it("reads the token lifetime from the knobs at the time of issue", () => {
    const h = acronisHarness();
    h.ctx.knobs.tokenLifetimeSec = 60;
    const { client_id: id, client_secret: secret } = h.service.credentials as { client_id: string; client_secret: string };
    const res = h.call("POST", "/api/2/idp/token", { headers: { ...FORM, authorization: basic(id, secret) }, body: "grant_type=client_credentials" });
    expect(body(res)["expires_on"]).toBe(T0 / 1000 + 60);
  });

  it("refuses a wrong secret with 401 in the Account API error envelope", () => {
    const h = acronisHarness();
    const res = h.call("POST", "/api/2/idp/token", { headers: { ...FORM, authorization: basic(h.service.credentials["client_id"] as string, "nope") }, body: "grant_type=client_credentials" });
    expect(res.status).toBe(401);
    expect(body(res)).toMatchObject({ error: { code: 401, domain: "PlatformAccountServer" } });
  });

  it("refuses credentials sent in the form instead of HTTP Basic", () => {
    const h = acronisHarness();
    const { client_id: id, client_secret: secret } = h.service.credentials as { client_id: string; client_secret: string };
    const res = h.call("POST", "/api/2/idp/token", { headers: FORM, body: `grant_type=client_credentials&client_id=${id}&client_secret=${secret}` });
    expect(res.status).toBe(401);
  });

  it("answers 415 for a JSON body and 400 for another grant type", () => {
    const h = acronisHarness();
    const auth = basic(h.service.credentials["client_id"] as string, h.service.credentials["client_secret"] as string);
    expect(h.call("POST", "/api/2/idp/token", { headers: { authorization: auth }, json: { grant_type: "client_credentials" } }).status).toBe(415);
    expect(h.call("POST", "/api/2/idp/token", { headers: { ...FORM, authorization: auth }, body: "grant_type=password" }).status).toBe(400);
  });

  it("answers 401 once the token has expired", () => {
    const h = acronisHarness();
    const token = h.token();
    const path = `/api/2/clients/${h.service.credentials["client_id"] as string}`;
    expect(h.call("GET", path, { headers: { authorization: `Bearer ${token}` } }).status).toBe(200);
    h.advance(7200);
    const res = h.call("GET", path, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(401);
    expect(body(res)).toMatchObject({ error: { code: 401, message: "Access token has expired" } });
  });

  it("answers the Alert Manager's 401 as an nginx page in text/plain, and Resource Management's as JSON", () => {
    const h = acronisHarness();
    const alerts = h.call("GET", "/api/alert_manager/v1/alerts", { headers: { authorization: "Bearer forged" } });
    expect(alerts.status).toBe(401);
    expect(alerts.headers?.["content-type"]).toBe("text/plain");
    expect(String(alerts.body)).toContain("401 Authorization Required");
    const resources = h.call("GET", "/api/resource_management/v4/resources");
    expect(resources.status).toBe(401);
    expect(body(resources)).toMatchObject({ code: "Unauthorized", domain: "ResourceManager" });
  });

  it("names the API client's own tenant at /api/2/clients/{id}", () => {
    const h = acronisHarness();
    const res = h.api("GET", `/api/2/clients/${h.service.credentials["client_id"] as string}`);
    expect(body(res)).toEqual(expect.objectContaining({ tenant_id: h.service.credentials["tenant_id"], type: "api_client", data: { client_name: "ninja-bridge" } }));
    expect(h.api("GET", "/api/2/clients/00000000-0000-4000-8000-000000000000").status).toBe(404);
  });

  it("identifies the client behind a request for rate limiting, by token or by Basic user", () => {
    const h = acronisHarness();
    const id = h.service.credentials["client_id"] as string;
    const req = { method: "GET", path: "/api/2/tenants", query: new URLSearchParams(), body: Buffer.alloc(0), baseUrl: "" };
    expect(h.service.clientKey?.({ ...req, headers: { authorization: `Bearer ${h.token()}` } })).toBe(id);
    expect(h.service.clientKey?.({ ...req, headers: { authorization: basic(id, "x") } })).toBe(id);
    expect(h.service.clientKey?.({ ...req, headers: {} })).toBeUndefined();
  });
});
