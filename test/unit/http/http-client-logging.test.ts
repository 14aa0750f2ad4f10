import nock from "nock";
import { describe, expect, it } from "vitest";
import { CachedTokenProvider } from "../../../src/http/token-provider.js";
import { BASE, testClient, useNock } from "./client-fixture.js";

useNock();

const CLIENT_SECRET = "Zx9-client-secret-value";
const ACCESS_TOKEN = "opaque-access-token-1234";
const REFRESH_TOKEN = "refresh-token-abcdef";

describe("HttpClient verbose logs", () => {
  it("logs each request and response line with method, URL, status and time", async () => {
    const scope = nock(BASE).get("/v2/organizations").query({ pageSize: "100" }).reply(200, []);
    const { client, lines } = testClient();
    await client.request({ method: "GET", path: "/v2/organizations", query: { pageSize: 100 } });
    expect(lines).toContain(`debug → GET ${BASE}/v2/organizations?pageSize=100`);
    expect(lines).toContain("debug ← 200 GET /v2/organizations 0 ms");
    scope.done();
  });

  it("builds no request line for a logger that shows none, and still masks the path of an error", async () => {
    const scope = nock(BASE).get("/v2/organizations").query(true).reply(200, []).get("/v2/organizations").query(true).reply(404, { resultCode: "NOT_FOUND" });
    const asked: string[] = [];
    const redact = () => {
      asked.push("secrets");
      return [CLIENT_SECRET];
    };
    const { client, lines } = testClient({ logger: { debug: (m) => lines.push(`debug ${m}`), info: () => undefined, warn: () => undefined, debugs: false }, redact });
    await client.request({ method: "GET", path: "/v2/organizations", query: { token: CLIENT_SECRET } });
    expect(asked).toEqual([]);
    const error = await client.request({ method: "GET", path: "/v2/organizations", query: { token: CLIENT_SECRET } }).catch((e: unknown) => e);
    expect(lines).toEqual([]);
    expect((error as Error).message).not.toContain(CLIENT_SECRET);
    expect(asked.length).toBeGreaterThan(0);
    scope.done();
  });

  it("announces a retry with its reason, delay and attempt number", async () => {
    const scope = nock(BASE).get("/v2/organizations").reply(429, "", { "retry-after": "2" }).get("/v2/organizations").reply(200, []);
    const { client, lines } = testClient();
    await client.request({ method: "GET", path: "/v2/organizations" });
    expect(lines).toContain("info ↻ 429 on ninjaone GET /v2/organizations, retrying in 2.0 s (attempt 2/5)");
    scope.done();
  });

  it("never logs a secret, token or sensitive field, in requests, bodies or errors", async () => {
    const scope = nock(BASE)
      .post("/ws/oauth/token")
      .reply(200, { access_token: ACCESS_TOKEN, refresh_token: REFRESH_TOKEN, expires_in: 3600 })
      .get("/v2/organizations")
      .query(true)
      .reply(400, { error: "invalid_request", error_description: `the secret ${CLIENT_SECRET} is not valid` });
    const { client, lines } = testClient({ redact: [CLIENT_SECRET] });
    const token = (await client.request({
      method: "POST",
      path: "/ws/oauth/token",
      form: { grant_type: "refresh_token", client_id: "app", client_secret: CLIENT_SECRET, refresh_token: REFRESH_TOKEN },
      auth: false,
    })) as { access_token: string };

    const { client: api, lines: apiLines } = testClient({
      redact: [CLIENT_SECRET],
      tokenProvider: new CachedTokenProvider(async () => ({ accessToken: token.access_token, expiresAt: Date.now() + 3_600_000 })),
    });
    const error = await api
      .request({ method: "GET", path: "/v2/organizations", query: { access_token: ACCESS_TOKEN }, headers: { cookie: "sid=abc" } })
      .catch((e: unknown) => e);

    const logged = [...lines, ...apiLines, (error as Error).message].join("\n");
    for (const secret of [CLIENT_SECRET, ACCESS_TOKEN, REFRESH_TOKEN, "sid=abc"]) expect(logged).not.toContain(secret);
    expect(logged).toContain("client_secret=[REDACTED]");
    expect(logged).toContain("authorization: [REDACTED]");
    expect(logged).toContain("cookie: [REDACTED]");
    expect(logged).toContain("client_id=app");
    scope.done();
  });
});
