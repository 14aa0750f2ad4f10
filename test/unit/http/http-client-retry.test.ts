import nock from "nock";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { InvalidResponseError, NetworkError, RateLimitedError, ServerError } from "../../../src/errors.js";
import { BASE, testClient, useNock } from "./client-fixture.js";

useNock();

describe("HttpClient retries", () => {
  it("retries a 429 after exactly the Retry-After seconds", async () => {
    const scope = nock(BASE).get("/v2/organizations").reply(429, "", { "retry-after": "2" }).get("/v2/organizations").reply(200, []);
    const { client, clock } = testClient();
    await expect(client.request({ method: "GET", path: "/v2/organizations" })).resolves.toEqual([]);
    expect(clock.sleeps).toEqual([2_000]);
    scope.done();
  });

  it("honours a Retry-After given as an HTTP-date", async () => {
    const { client, clock } = testClient();
    const scope = nock(BASE)
      .get("/v2/devices")
      .reply(429, "", { "retry-after": new Date(clock.now() + 7_000).toUTCString() })
      .get("/v2/devices")
      .reply(200, []);
    await client.request({ method: "GET", path: "/v2/devices" });
    expect(clock.sleeps).toEqual([7_000]);
    scope.done();
  });

  it.each([502, 503, 504])("retries a %i with jittered exponential backoff", async (status) => {
    const scope = nock(BASE).get("/v2/alerts").times(2).reply(status).get("/v2/alerts").reply(200, [{ uid: "a" }]);
    const { client, clock, counter } = testClient({ retry: { baseDelayMs: 1_000 } });
    await expect(client.request({ method: "GET", path: "/v2/alerts" })).resolves.toEqual([{ uid: "a" }]);
    expect(clock.sleeps).toEqual([500, 1_000]);
    expect(counter.stats("ninjaone")).toMatchObject({ requests: 3, retries: 2, byStatusClass: { "2xx": 1, "5xx": 2 } });
    scope.done();
  });

  it("retries a GET after the connection was reset", async () => {
    const scope = nock(BASE)
      .get("/v2/locations")
      .replyWithError({ code: "ECONNRESET", message: "socket hang up" })
      .get("/v2/locations")
      .reply(200, []);
    const { client, counter } = testClient();
    await expect(client.request({ method: "GET", path: "/v2/locations" })).resolves.toEqual([]);
    expect(counter.stats("ninjaone").byStatusClass.network).toBe(1);
    scope.done();
  });

  it("gives up after the last attempt with a RateLimitedError carrying the status and request id", async () => {
    const scope = nock(BASE).get("/v2/organizations").times(3).reply(429, { error: "too_many_requests" }, { "x-request-id": "req-77" });
    const { client, clock } = testClient({ retry: { maxAttempts: 3 } });
    const error = await client.request({ method: "GET", path: "/v2/organizations" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect(error).toMatchObject({ status: 429, requestId: "req-77", service: "ninjaone", method: "GET", path: "/v2/organizations" });
    expect((error as RateLimitedError).message).toContain("after 3 attempts");
    expect((error as RateLimitedError).hint).toContain("ninjaone.rateLimit");
    expect(clock.sleeps).toHaveLength(2);
    scope.done();
  });

  it("gives up on a persisting 503 with a ServerError carrying the status and request id", async () => {
    const scope = nock(BASE).get("/api/2/tenants").times(2).reply(503, "", { "x-correlation-id": "corr-5" });
    const { client } = testClient({ service: "acronis", retry: { maxAttempts: 2 } });
    const error = await client.request({ method: "GET", path: "/api/2/tenants" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServerError);
    expect(error).toMatchObject({ status: 503, requestId: "corr-5", service: "acronis" });
    scope.done();
  });

  it("gives up at once when Retry-After asks for longer than the maximum delay", async () => {
    const scope = nock(BASE).get("/v2/organizations").reply(429, "", { "retry-after": "600" });
    const { client, clock } = testClient({ retry: { maxDelayMs: 60_000 } });
    const error = await client.request({ method: "GET", path: "/v2/organizations" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as Error).message).toContain("asked to wait 600.0 s");
    expect(clock.sleeps).toEqual([]);
    scope.done();
  });

  it("sends a POST that creates something exactly once on a 503 and says it may have been applied", async () => {
    const scope = nock(BASE).post("/v2/ticketing/ticket").reply(503);
    const { client, clock, counter } = testClient();
    const error = await client.request({ method: "POST", path: "/v2/ticketing/ticket", json: { subject: "x" } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServerError);
    expect((error as ServerError).message).toContain("may or may not have been applied");
    expect((error as ServerError).hint).toContain("before running again");
    expect(counter.stats("ninjaone").requests).toBe(1);
    expect(clock.sleeps).toEqual([]);
    scope.done();
  });

  it("does not repeat a POST whose connection was reset after sending", async () => {
    const scope = nock(BASE).post("/v2/organizations").replyWithError({ code: "ECONNRESET", message: "socket hang up" });
    const { client, counter } = testClient();
    const error = await client.request({ method: "POST", path: "/v2/organizations", json: { name: "Acme" } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).message).toContain("may or may not have been applied");
    expect(counter.stats("ninjaone").requests).toBe(1);
    scope.done();
  });

  it("repeats a POST whose connection was refused, since it never reached the server", async () => {
    const scope = nock(BASE)
      .post("/v2/organizations")
      .replyWithError({ code: "ECONNREFUSED", message: "connect ECONNREFUSED" })
      .post("/v2/organizations")
      .reply(201, { id: 9 });
    const { client } = testClient();
    await expect(client.request({ method: "POST", path: "/v2/organizations", json: { name: "Acme" } })).resolves.toEqual({ id: 9 });
    scope.done();
  });

  it("retries a POST the caller marked idempotent", async () => {
    const scope = nock(BASE)
      .post("/v2/queries/search", { term: "x" })
      .reply(503)
      .post("/v2/queries/search", { term: "x" })
      .reply(200, { results: [] });
    const { client } = testClient();
    await expect(client.request({ method: "POST", path: "/v2/queries/search", json: { term: "x" }, idempotent: true })).resolves.toEqual({
      results: [],
    });
    scope.done();
  });

  it("retries a GET after a 500, as both vendors advise", async () => {
    const scope = nock(BASE)
      .get("/v2/organization/1")
      .reply(500, { resultCode: "FAILURE", errorMessage: "NullPointerException" })
      .get("/v2/organization/1")
      .reply(200, { id: 1 });
    const { client, counter } = testClient();
    await expect(client.request({ method: "GET", path: "/v2/organization/1" })).resolves.toEqual({ id: 1 });
    expect(counter.stats("ninjaone")).toMatchObject({ requests: 2, retries: 1 });
    scope.done();
  });

  it("retries a GET answered with an HTML page where JSON was expected", async () => {
    const scope = nock(BASE)
      .get("/v2/devices")
      .reply(200, "<html><title>Request limit exceeded</title></html>", { "content-type": "text/html" })
      .get("/v2/devices")
      .reply(200, [{ id: 1 }]);
    const { client, clock } = testClient();
    await expect(client.request({ method: "GET", path: "/v2/devices", schema: z.array(z.object({ id: z.number() })) })).resolves.toEqual([{ id: 1 }]);
    expect(clock.sleeps).toEqual([500]);
    scope.done();
  });

  it("retries a GET whose JSON body arrived broken", async () => {
    const scope = nock(BASE)
      .get("/v2/devices")
      .reply(200, '[{"id": 1', { "content-type": "application/json" })
      .get("/v2/devices")
      .reply(200, [{ id: 1 }]);
    const { client } = testClient();
    await expect(client.request({ method: "GET", path: "/v2/devices", schema: z.array(z.unknown()) })).resolves.toEqual([{ id: 1 }]);
    scope.done();
  });

  it("stops after three attempts at a failing server, whatever maxAttempts allows for throttling", async () => {
    const scope = nock(BASE).get("/v2/organizations").times(3).reply(500, "<html><title>500 Internal Server Error</title></html>", { "content-type": "text/html" });
    const { client, clock } = testClient();
    const error = await client.request({ method: "GET", path: "/v2/organizations" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServerError);
    expect((error as Error).message).toContain("(after 3 attempts)");
    expect(clock.sleeps).toHaveLength(2);
    scope.done();
  });

  it("names the request and the attempts when every answer is an HTML page", async () => {
    const scope = nock(BASE).get("/api/2/tenants").times(3).reply(200, "<html><title>Bad gateway</title></html>", { "content-type": "text/html" });
    const { client } = testClient({ service: "acronis" });
    const error = await client.request({ method: "GET", path: "/api/2/tenants", schema: z.unknown() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as Error).message).toBe("acronis GET /api/2/tenants: response is text/html, not JSON: Bad gateway (after 3 attempts)");
    scope.done();
  });

  it("does not repeat a schema mismatch, which a second read would not change", async () => {
    const scope = nock(BASE).get("/v2/organizations").reply(200, [{ id: "1" }]);
    const { client, counter } = testClient();
    await expect(client.request({ method: "GET", path: "/v2/organizations", schema: z.array(z.object({ id: z.number() })) })).rejects.toBeInstanceOf(InvalidResponseError);
    expect(counter.stats("ninjaone").requests).toBe(1);
    scope.done();
  });

  it("sends a create exactly once on a 500 and says it may have been applied", async () => {
    const scope = nock(BASE).post("/v2/ticketing/ticket").reply(500, { resultCode: "FAILURE", errorMessage: "NullPointerException" });
    const { client, counter } = testClient();
    const error = await client.request({ method: "POST", path: "/v2/ticketing/ticket", json: { subject: "x" } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServerError);
    expect((error as ServerError).message).toContain("may or may not have been applied");
    expect((error as ServerError).hint).toContain("before running again");
    expect(counter.stats("ninjaone").requests).toBe(1);
    scope.done();
  });

  it("sends a create exactly once when an HTML page answers it, and says it may have been applied", async () => {
    const scope = nock(BASE).post("/api/2/tenants").reply(200, "<html><title>502 Bad Gateway</title></html>", { "content-type": "text/html" });
    const { client, counter } = testClient({ service: "acronis" });
    const error = await client.request({ method: "POST", path: "/api/2/tenants", json: { name: "Acme" }, schema: z.object({ id: z.string() }) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as Error).message).toContain("may or may not have been applied");
    expect(counter.stats("acronis").requests).toBe(1);
    scope.done();
  });

  it("does not take an HTML page for the empty answer of a write that expects no body", async () => {
    const scope = nock(BASE).patch("/v2/device/24/custom-fields").reply(200, "<html><title>Please wait</title></html>", { "content-type": "text/html" });
    const { client, counter } = testClient();
    const error = await client.request({ method: "PATCH", path: "/v2/device/24/custom-fields", json: { acronisProtectionStatus: "OK" } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as Error).message).toContain("response is text/html, not JSON: Please wait");
    expect((error as Error).message).toContain("may or may not have been applied");
    expect(counter.stats("ninjaone").requests).toBe(1);
    scope.done();
  });

  it("still takes a plain-text body as the answer of a request with no schema", async () => {
    const scope = nock(BASE).get("/v2/notes").reply(200, "fine", { "content-type": "text/plain" });
    const { client } = testClient();
    await expect(client.request({ method: "GET", path: "/v2/notes" })).resolves.toBe("fine");
    scope.done();
  });
});
