import nock from "nock";
import { describe, expect, it } from "vitest";
import { RateLimitedError } from "../../../src/errors.js";
import { RateLimiter } from "../../../src/http/rate-limiter.js";
import { UserAgent } from "../../../src/http/user-agent.js";
import { BASE, testClient, useNock } from "./client-fixture.js";

useNock();

describe("HttpClient requests", () => {
  it("encodes query objects with repeated arrays and without undefined values", async () => {
    const scope = nock(BASE).get("/v2/devices-detailed?df=org%20%3D%205&id=1&id=2&pageSize=50").reply(200, []);
    const { client } = testClient();
    await client.request({ method: "GET", path: "/v2/devices-detailed", query: { df: "org = 5", id: [1, 2], after: undefined, pageSize: 50 } });
    scope.done();
  });

  it("sends JSON and form bodies with their content types", async () => {
    const scope = nock(BASE)
      .post("/v2/organizations", { name: "Acme" })
      .matchHeader("content-type", "application/json")
      .reply(201, { id: 1 })
      .post("/api/2/idp/token", "grant_type=client_credentials&scope=a+b")
      .matchHeader("content-type", "application/x-www-form-urlencoded")
      .reply(200, { access_token: "x" });
    const { client } = testClient();
    await client.request({ method: "POST", path: "/v2/organizations", json: { name: "Acme" } });
    await client.request({ method: "POST", path: "/api/2/idp/token", form: { grant_type: "client_credentials", scope: "a b" } });
    scope.done();
  });

  it("sends an encoded body as it is, with the content type given, and refuses two bodies at once", async () => {
    const multipart = '--b\r\nContent-Disposition: form-data; name="comment"\r\n\r\n{}\r\n--b--\r\n';
    const scope = nock(BASE).post("/v2/ticketing/ticket/5/comment", multipart).matchHeader("content-type", "multipart/form-data; boundary=b").reply(200);
    const { client } = testClient();
    await client.send({ method: "POST", path: "/v2/ticketing/ticket/5/comment", body: { text: multipart, contentType: "multipart/form-data; boundary=b" } });
    scope.done();
    await expect(client.send({ method: "POST", path: "/x", json: {}, body: { text: "", contentType: "text/plain" } })).rejects.toThrow(TypeError);
  });

  it("identifies itself with the package version and lets a caller add headers", async () => {
    const scope = nock(BASE)
      .get("/v2/x")
      .matchHeader("user-agent", /^ninja-bridge\/\d+\.\d+\.\d+/)
      .matchHeader("x-extra", "1")
      .reply(200, {});
    const { client } = testClient();
    await client.request({ method: "GET", path: "/v2/x", headers: { "X-Extra": "1" } });
    expect(UserAgent).toMatch(/^ninja-bridge\/\d+\.\d+\.\d+/);
    scope.done();
  });

  it("joins a base URL that has a path prefix and a trailing slash", async () => {
    const scope = nock("https://cipp.test").get("/prefix/api/ListTenants").reply(200, []);
    const { client } = testClient({ service: "cipp", baseUrl: "https://cipp.test/prefix/" });
    await client.request({ method: "GET", path: "/api/ListTenants" });
    scope.done();
  });

  it("pauses every request of the service after a 429, not just the refused one", async () => {
    const scope = nock(BASE)
      .post("/v2/ticketing/ticket")
      .reply(429, "", { "retry-after": "3" })
      .get("/v2/organizations")
      .reply(200, []);
    const { client, clock, counter } = testClient({ rateLimit: 100 });
    await expect(client.request({ method: "POST", path: "/v2/ticketing/ticket", json: {} })).rejects.toBeInstanceOf(RateLimitedError);
    await client.request({ method: "GET", path: "/v2/organizations" });
    expect(clock.sleeps).toEqual([3_000]);
    expect(counter.stats("ninjaone").rateLimitWaitMs).toBe(3_000);
    scope.done();
  });

  it("spaces the requests of clients that share one limiter", async () => {
    const scope = nock(BASE).get("/v2/a").times(3).reply(200, {});
    const { clock } = testClient();
    const limiter = new RateLimiter(5, { now: clock.now, sleep: clock.sleep });
    const first = testClient({ rateLimit: limiter, now: clock.now, sleep: clock.sleep });
    const second = testClient({ rateLimit: limiter, now: clock.now, sleep: clock.sleep });
    await Promise.all([first.client, second.client, first.client].map((c) => c.request({ method: "GET", path: "/v2/a" })));
    expect(clock.sleeps).toEqual([200, 200]);
    scope.done();
  });

  it("counts requests, retries and status classes per service and can be reset", async () => {
    const scope = nock(BASE).get("/v2/a").reply(503).get("/v2/a").reply(200, {}).get("/v2/b").reply(404);
    const { client, counter } = testClient();
    await client.request({ method: "GET", path: "/v2/a" });
    await client.request({ method: "GET", path: "/v2/b" }).catch(() => undefined);
    expect(counter.snapshot()).toEqual({
      ninjaone: { requests: 3, retries: 1, byStatusClass: { "2xx": 1, "3xx": 0, "4xx": 1, "5xx": 1, network: 0 }, rateLimitWaitMs: 0 },
    });
    counter.reset();
    expect(counter.snapshot()).toEqual({});
    scope.done();
  });

  it("tells the service's own time from its Date header, moving on with the local clock, and nothing before a dated answer", async () => {
    const { client, clock } = testClient();
    expect(client.serviceNow()).toBeUndefined();
    // The service runs two days ahead of the local clock (12:00 on 2025-01-01).
    nock(BASE).get("/v2/organizations").reply(200, [], { Date: "Fri, 03 Jan 2025 12:00:00 GMT" });
    await client.request({ method: "GET", path: "/v2/organizations" });
    await clock.sleep(90_000);
    expect(client.serviceNow()?.toISOString()).toBe("2025-01-03T12:01:30.500Z");
    nock(BASE).get("/v2/organizations").reply(200, [], { Date: "not a date" });
    await client.request({ method: "GET", path: "/v2/organizations" });
    expect(client.serviceNow()?.toISOString()).toBe("2025-01-03T12:01:30.500Z");
  });
});
