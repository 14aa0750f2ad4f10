import nock from "nock";
import { describe, expect, it } from "vitest";
import { AuthenticationError } from "../../../src/errors.js";
import { CachedTokenProvider } from "../../../src/http/token-provider.js";
import { BASE, testClient, useNock } from "./client-fixture.js";

useNock();

/** A provider that hands out t1, t2, … and counts how often it was asked. */
function countingProvider() {
  let issued = 0;
  const provider = new CachedTokenProvider(async () => {
    issued += 1;
    await Promise.resolve();
    return { accessToken: `t${issued}`, expiresAt: Date.now() + 3_600_000 };
  });
  return { provider, issued: () => issued };
}

describe("HttpClient authentication", () => {
  it("sends the token as a bearer header", async () => {
    const scope = nock(BASE).get("/v2/organizations").matchHeader("authorization", "Bearer t1").reply(200, []);
    const { provider } = countingProvider();
    const { client } = testClient({ tokenProvider: provider });
    await client.request({ method: "GET", path: "/v2/organizations" });
    scope.done();
  });

  it("on a 401 fetches a new token and retries exactly once, then succeeds", async () => {
    const scope = nock(BASE)
      .get("/v2/organizations")
      .matchHeader("authorization", "Bearer t1")
      .reply(401, { error: "not_authenticated", error_description: "Invalid credentials", error_code: 10 })
      .get("/v2/organizations")
      .matchHeader("authorization", "Bearer t2")
      .reply(200, [{ id: 1 }]);
    const tokens = countingProvider();
    const { client, clock } = testClient({ tokenProvider: tokens.provider });
    await expect(client.request({ method: "GET", path: "/v2/organizations" })).resolves.toEqual([{ id: 1 }]);
    expect(tokens.issued()).toBe(2);
    expect(clock.sleeps).toEqual([]);
    scope.done();
  });

  it("also retries a POST once after a 401, since nothing was done", async () => {
    const scope = nock(BASE)
      .post("/v2/ticketing/ticket")
      .matchHeader("authorization", "Bearer t1")
      .reply(401)
      .post("/v2/ticketing/ticket")
      .matchHeader("authorization", "Bearer t2")
      .reply(200, { id: 5 });
    const { provider } = countingProvider();
    const { client } = testClient({ tokenProvider: provider });
    await expect(client.request({ method: "POST", path: "/v2/ticketing/ticket", json: {} })).resolves.toEqual({ id: 5 });
    scope.done();
  });

  it("raises an AuthenticationError with the vendor's words when the new token is refused too", async () => {
    const scope = nock(BASE)
      .get("/v2/organizations")
      .times(2)
      .reply(401, { error: "not_authenticated", error_description: "Invalid credentials", error_code: 10 });
    const tokens = countingProvider();
    const { client } = testClient({ tokenProvider: tokens.provider });
    const error = await client.request({ method: "GET", path: "/v2/organizations" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ status: 401, code: "not_authenticated" });
    expect((error as AuthenticationError).message).toBe(
      "ninjaone GET /v2/organizations: 401 Unauthorized: Invalid credentials (not_authenticated)",
    );
    expect((error as AuthenticationError).hint).toContain("ninja-bridge auth login ninjaone");
    expect(tokens.issued()).toBe(2);
    scope.done();
  });

  it("asks for one token for many concurrent requests", async () => {
    const scope = nock(BASE).get("/v2/devices").times(3).matchHeader("authorization", "Bearer t1").reply(200, []);
    const tokens = countingProvider();
    const { client } = testClient({ tokenProvider: tokens.provider });
    await Promise.all([1, 2, 3].map(() => client.request({ method: "GET", path: "/v2/devices" })));
    expect(tokens.issued()).toBe(1);
    scope.done();
  });

  it("sends no token on a request marked auth: false", async () => {
    const scope = nock(BASE)
      .post("/ws/oauth/token")
      .matchHeader("authorization", (value) => value === undefined)
      .reply(200, { access_token: "a", expires_in: 3600 });
    const tokens = countingProvider();
    const { client } = testClient({ tokenProvider: tokens.provider });
    await client.request({ method: "POST", path: "/ws/oauth/token", form: { grant_type: "client_credentials" }, auth: false });
    expect(tokens.issued()).toBe(0);
    scope.done();
  });
});
