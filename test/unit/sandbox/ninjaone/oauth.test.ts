import { describe, expect, it } from "vitest";
import { M2M_APP, MONITORING_ONLY_APP, WEB_APP } from "../../../../src/sandbox/ninjaone/apps.js";
import { makeHarness, pkcePair, REDIRECT_URI } from "./harness.js";

function authorizeQuery(overrides: Record<string, string | undefined> = {}): Record<string, string> {
  const base: Record<string, string | undefined> = {
    response_type: "code",
    client_id: WEB_APP.clientId,
    redirect_uri: REDIRECT_URI,
    scope: "monitoring management offline_access",
    state: "xyz",
    code_challenge: pkcePair().challenge,
    code_challenge_method: "S256",
    ...overrides,
  };
  return Object.fromEntries(Object.entries(base).filter((e): e is [string, string] => e[1] !== undefined));
}

function location(res: { headers?: Record<string, string> }): URL {
  return new URL(res.headers?.location ?? "http://invalid/");
}

describe("NinjaOne sandbox OAuth", () => {
  it("issues a client-credentials token with expires_in from the live knob and no refresh token", async () => {
    const h = makeHarness();
    h.knobs.tokenLifetimeSec = 120;
    const res = await h.call("POST", "/ws/oauth/token", {
      form: { grant_type: "client_credentials", client_id: M2M_APP.clientId, client_secret: M2M_APP.clientSecret, scope: "monitoring" },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ token_type: "Bearer", expires_in: 120, scope: "monitoring" });
    expect(res.body).not.toHaveProperty("refresh_token");
  });

  it("accepts the client secret in a Basic header as well as in the form", async () => {
    const h = makeHarness();
    const basic = Buffer.from(`${M2M_APP.clientId}:${M2M_APP.clientSecret}`).toString("base64");
    const res = await h.call("POST", "/ws/oauth/token", {
      form: { grant_type: "client_credentials", scope: "monitoring" },
      headers: { authorization: `Basic ${basic}` },
    });
    expect(res.status).toBe(200);
  });

  it("answers 401 not_authenticated with error_code 10 once a token has expired", async () => {
    const h = makeHarness();
    const token = await h.m2mToken();
    expect((await h.call("GET", "/v2/organizations", { token })).status).toBe(200);
    h.advance(3600);
    const res = await h.call("GET", "/v2/organizations", { token });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ error: "not_authenticated", error_description: "Invalid credentials", error_code: 10 });
  });

  it("refuses a scope the app was not granted with 400 invalid_scope instead of narrowing", async () => {
    const h = makeHarness();
    const res = await h.call("POST", "/ws/oauth/token", {
      form: {
        grant_type: "client_credentials",
        client_id: MONITORING_ONLY_APP.clientId,
        client_secret: MONITORING_ONLY_APP.clientSecret,
        scope: "monitoring management",
      },
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: "invalid_scope" });
  });

  it("answers an unknown client id with 404 'Client app not exist' and an incident id", async () => {
    const h = makeHarness();
    const res = await h.call("POST", "/ws/oauth/token", {
      form: { grant_type: "client_credentials", client_id: "nope", client_secret: "x", scope: "monitoring" },
    });
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ resultCode: "Client app not exist", incidentId: expect.stringMatching(/^WEB_MGMT_SERVICE-/) });
  });

  it("answers a request without an Authorization header with 400 missing_header", async () => {
    const res = await makeHarness().call("GET", "/v2/devices");
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: "missing_header", error_code: 2 });
  });

  it("answers a non-bearer Authorization header with 400 invalid_header", async () => {
    const res = await makeHarness().call("GET", "/v2/devices", { headers: { authorization: "Token abc" } });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: "invalid_header", error_code: 1 });
  });

  it("answers a write with a monitoring-only token with 401 insufficient_privileges", async () => {
    const h = makeHarness();
    const tokenRes = await h.call("POST", "/ws/oauth/token", {
      form: { grant_type: "client_credentials", client_id: MONITORING_ONLY_APP.clientId, client_secret: MONITORING_ONLY_APP.clientSecret, scope: "monitoring" },
    });
    const token = (tokenRes.body as { access_token: string }).access_token;
    const res = await h.call("PATCH", "/v2/organization/1", { token, json: { description: "x" } });
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ error: "insufficient_privileges" });
  });

  it("redirects authorize back to the loopback redirect URI with code and state", async () => {
    const res = await makeHarness().call("GET", "/ws/oauth/authorize", { query: authorizeQuery() });
    expect(res.status).toBe(302);
    const url = location(res);
    expect(`${url.origin}${url.pathname}`).toBe(REDIRECT_URI);
    expect(url.searchParams.get("state")).toBe("xyz");
    expect(url.searchParams.get("code")).toMatch(/^nbc_/);
  });

  it("sends an unregistered redirect URI to /ws/oauth/error with unauthorized_client", async () => {
    const res = await makeHarness().call("GET", "/ws/oauth/authorize", { query: authorizeQuery({ redirect_uri: "https://evil.example/cb" }) });
    expect(res.status).toBe(302);
    const url = location(res);
    expect(url.pathname).toBe("/ws/oauth/error");
    expect(url.searchParams.get("error")).toBe("unauthorized_client");
    expect(url.searchParams.get("error_description")).toBe("Invalid redirect_uri");
  });

  it("refuses authorize without a PKCE challenge", async () => {
    const res = await makeHarness().call("GET", "/ws/oauth/authorize", { query: authorizeQuery({ code_challenge: undefined }) });
    expect(location(res).searchParams.get("error")).toBe("invalid_request");
    expect(location(res).searchParams.get("code")).toBeNull();
  });

  it("refuses the plain PKCE method", async () => {
    const res = await makeHarness().call("GET", "/ws/oauth/authorize", { query: authorizeQuery({ code_challenge_method: "plain" }) });
    expect(location(res).searchParams.get("error")).toBe("invalid_request");
  });

  it("refuses a response_type other than code", async () => {
    const res = await makeHarness().call("GET", "/ws/oauth/authorize", { query: authorizeQuery({ response_type: "token" }) });
    expect(location(res).searchParams.get("error")).toBe("unsupported_response_type");
  });

  it("refuses authorize for a scope the web app lacks", async () => {
    const res = await makeHarness().call("GET", "/ws/oauth/authorize", { query: authorizeQuery({ scope: "monitoring control" }) });
    expect(location(res).searchParams.get("error")).toBe("invalid_scope");
  });

  async function codeFor(h: ReturnType<typeof makeHarness>, challenge: string): Promise<string> {
    const res = await h.call("GET", "/ws/oauth/authorize", { query: authorizeQuery({ code_challenge: challenge }) });
    return location(res).searchParams.get("code") ?? "";
  }

  function exchange(code: string, verifier: string, redirectUri = REDIRECT_URI): Record<string, string> {
    return {
      grant_type: "authorization_code",
      client_id: WEB_APP.clientId,
      client_secret: WEB_APP.clientSecret,
      code,
      redirect_uri: redirectUri,
      code_verifier: verifier,
    };
  }

  it("refuses a code exchange whose verifier does not match the challenge", async () => {
    const h = makeHarness();
    const code = await codeFor(h, pkcePair().challenge);
    const res = await h.call("POST", "/ws/oauth/token", { form: exchange(code, pkcePair().verifier) });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: "invalid_grant" });
  });

  it("refuses a code exchange with a different redirect_uri than authorize got", async () => {
    const h = makeHarness();
    const { verifier, challenge } = pkcePair();
    const code = await codeFor(h, challenge);
    const res = await h.call("POST", "/ws/oauth/token", { form: exchange(code, verifier, "http://127.0.0.1:9/other") });
    expect(res.body).toMatchObject({ error: "invalid_grant" });
  });

  it("accepts a code only once", async () => {
    const h = makeHarness();
    const { verifier, challenge } = pkcePair();
    const code = await codeFor(h, challenge);
    expect((await h.call("POST", "/ws/oauth/token", { form: exchange(code, verifier) })).status).toBe(200);
    const again = await h.call("POST", "/ws/oauth/token", { form: exchange(code, verifier) });
    expect(again.body).toMatchObject({ error: "invalid_grant" });
  });

  it("returns a refresh token for offline_access and rotates it, killing the old one at once", async () => {
    const h = makeHarness();
    const first = await h.userToken();
    const refresh = (token: string) =>
      h.call("POST", "/ws/oauth/token", {
        form: { grant_type: "refresh_token", client_id: WEB_APP.clientId, client_secret: WEB_APP.clientSecret, refresh_token: token },
      });
    const second = await refresh(first.refresh);
    expect(second.status).toBe(200);
    const next = (second.body as { refresh_token: string }).refresh_token;
    expect(next).not.toBe(first.refresh);
    expect((await refresh(first.refresh)).body).toMatchObject({ error: "invalid_grant" });
    expect((await refresh(next)).status).toBe(200);
  });

  it("keeps the old refresh token until the new one is used when rotation is on-use", async () => {
    const h = makeHarness({ refreshTokenRotation: "on-use" });
    const first = await h.userToken();
    const refresh = (token: string) =>
      h.call("POST", "/ws/oauth/token", {
        form: { grant_type: "refresh_token", client_id: WEB_APP.clientId, client_secret: WEB_APP.clientSecret, refresh_token: token },
      });
    const second = await refresh(first.refresh);
    const next = (second.body as { refresh_token: string }).refresh_token;
    expect((await refresh(first.refresh)).status).toBe(200);
    expect((await refresh(next)).status).toBe(200);
    expect((await refresh(first.refresh)).body).toMatchObject({ error: "invalid_grant" });
  });

  it("refuses a token request without a scope by default", async () => {
    const h = makeHarness();
    const res = await h.call("POST", "/ws/oauth/token", {
      form: { grant_type: "client_credentials", client_id: M2M_APP.clientId, client_secret: M2M_APP.clientSecret },
    });
    expect(res.body).toMatchObject({ error: "invalid_scope" });
  });

  it("refuses a grant the app is not registered for", async () => {
    const h = makeHarness();
    const res = await h.call("POST", "/ws/oauth/token", {
      form: { grant_type: "client_credentials", client_id: WEB_APP.clientId, client_secret: WEB_APP.clientSecret, scope: "monitoring" },
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: "unauthorized_client" });
  });
});
