import { describe, expect, it } from "vitest";
import { body } from "../acronis/harness.js";
import { cippHarness } from "./harness.js";

describe("CIPP's Entra token endpoint", () => {
  it("issues a bearer token for the API's own .default scope with expires_in from the knobs", () => {
    const h = cippHarness();
    h.ctx.knobs.tokenLifetimeSec = 3599;
    const res = h.tokenResponse();
    expect(res.status).toBe(200);
    expect(body(res)).toEqual({ token_type: "Bearer", expires_in: 3599, ext_expires_in: 3599, access_token: expect.stringMatching(/^eyJ/) });
    expect(h.service.credentials["scope"]).toBe(`api://${h.service.credentials["client_id"] as string}/.default`);
  });

  it("refuses a wrong secret with 401 invalid_client and AADSTS7000215", () => {
    const h = cippHarness();
    const res = h.tokenResponse({ client_secret: "wrong" });
    expect(res.status).toBe(401);
    expect(body(res)).toMatchObject({ error: "invalid_client", error_codes: [7000215], error_description: expect.stringMatching(/^AADSTS7000215: /) });
  });

  it("refuses an unknown tenant, an unknown client, a scope without /.default and another resource's scope", () => {
    const h = cippHarness();
    expect(body(h.tokenResponse({}, "11111111-2222-4333-8444-555555555555"))).toMatchObject({ error: "invalid_request", error_codes: [90002] });
    expect(body(h.tokenResponse({ client_id: "11111111-2222-4333-8444-555555555555" }))).toMatchObject({ error: "unauthorized_client", error_codes: [700016] });
    expect(body(h.tokenResponse({ scope: `api://${h.service.credentials["client_id"] as string}` }))).toMatchObject({ error: "invalid_scope", error_codes: [1002012] });
    expect(body(h.tokenResponse({ scope: "https://graph.microsoft.com/.default" }))).toMatchObject({ error: "invalid_scope", error_codes: [500011] });
    expect(body(h.tokenResponse({ scope: "" }))).toMatchObject({ error: "invalid_request", error_codes: [90014] });
    expect(body(h.tokenResponse({ grant_type: "password" }))).toMatchObject({ error: "unsupported_grant_type" });
  });

  it("accepts the client secret as HTTP Basic instead of in the form", () => {
    const h = cippHarness();
    const { tenant_id: tenant, client_id: id, client_secret: secret, scope } = h.service.credentials as { tenant_id: string; client_id: string; client_secret: string; scope: string };
    const res = h.call("POST", `/${tenant}/oauth2/v2.0/token`, {
      headers: { "content-type": "application/x-www-form-urlencoded", authorization: `Basic ${Buffer.from(`${id}:${secret}`).toString("base64")}` },
      body: new URLSearchParams({ grant_type: "client_credentials", scope }).toString(),
    });
    expect(res.status).toBe(200);
  });

  it("answers 401 on the API without a token and once the token has expired", () => {
    const h = cippHarness();
    expect(h.call("GET", "/api/ListTenants").status).toBe(401);
    const token = h.token();
    const auth = { authorization: `Bearer ${token}` };
    expect(h.call("GET", "/api/ListTenants", { headers: auth }).status).toBe(200);
    h.advance(h.ctx.knobs.tokenLifetimeSec);
    const res = h.call("GET", "/api/ListTenants", { headers: auth });
    expect(res.status).toBe(401);
    expect(res.headers?.["www-authenticate"]).toMatch(/^Bearer/);
  });

  it("identifies the API client behind a request for rate limiting", () => {
    const h = cippHarness();
    const token = h.token();
    const req = { method: "GET", path: "/api/ListTenants", query: new URLSearchParams(), body: Buffer.alloc(0), baseUrl: "" };
    expect(h.service.clientKey?.({ ...req, headers: { authorization: `Bearer ${token}` } })).toBe(h.service.credentials["client_id"]);
  });
});
