import { Readable } from "node:stream";
import nock from "nock";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AuthenticationError, ConflictError, InvalidResponseError, NetworkError, NotFoundError, PermissionError, RequestRejectedError } from "../../../src/errors.js";
import { BASE, testClient, useNock } from "./client-fixture.js";

useNock();

describe("HttpClient errors and responses", () => {
  it("names the failing field when a response does not match the schema", async () => {
    const scope = nock(BASE).get("/v2/organizations").reply(200, [{ id: 1 }, { id: 2 }, { id: 3 }, { id: "4" }]);
    const { client } = testClient();
    const error = await client
      .request({ method: "GET", path: "/v2/organizations", schema: z.array(z.object({ id: z.number() })) })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as Error).message).toBe("ninjaone GET /v2/organizations: response field [3].id: expected number, received string");
    scope.done();
  });

  it("returns the parsed value of a matching schema", async () => {
    const scope = nock(BASE).get("/v2/organization/1").reply(200, { id: 1, name: "Acme", extra: true });
    const { client } = testClient();
    const org = await client.request({ method: "GET", path: "/v2/organization/1", schema: z.object({ id: z.number(), name: z.string() }) });
    expect(org).toEqual({ id: 1, name: "Acme" });
    scope.done();
  });

  it("rejects an HTML page where a schema expects JSON", async () => {
    const scope = nock(BASE)
      .get("/v2/devices")
      .reply(200, "<html><title>Request limit exceeded</title></html>", { "content-type": "text/html" });
    // One attempt: the retry of such a page is pinned in http-client-retry.test.ts.
    const { client } = testClient({ retry: { maxAttempts: 1 } });
    const error = await client.request({ method: "GET", path: "/v2/devices", schema: z.array(z.unknown()) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as Error).message).toBe("ninjaone GET /v2/devices: response is text/html, not JSON: Request limit exceeded");
    scope.done();
  });

  it("accepts an empty 204 and returns undefined", async () => {
    const scope = nock(BASE).patch("/v2/organization/1/custom-fields").reply(204, "", { "content-type": "application/json" });
    const { client } = testClient();
    await expect(client.request({ method: "PATCH", path: "/v2/organization/1/custom-fields", json: { a: 1 } })).resolves.toBeUndefined();
    scope.done();
  });

  it("raises a PermissionError with NinjaOne's words and a user-token hint for user_context_required", async () => {
    const scope = nock(BASE).post("/v2/device/1/script/run").reply(403, {
      error: "user_context_required",
      error_description: "Access key does not have user context which is required for this request",
      error_code: 5,
    });
    const { client } = testClient();
    const error = await client.request({ method: "POST", path: "/v2/device/1/script/run", json: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermissionError);
    expect(error).toMatchObject({ status: 403, code: "user_context_required" });
    expect((error as Error).message).toContain("Access key does not have user context");
    expect((error as PermissionError).hint).toContain("authorization-code");
    scope.done();
  });

  it("raises a PermissionError whose hint points at scopes and permissions", async () => {
    const scope = nock(BASE).get("/api/ListTenants").reply(403, ["Forbidden: missing CIPP.Core.Read"]);
    const { client } = testClient({ service: "cipp" });
    const error = await client.request({ method: "GET", path: "/api/ListTenants" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermissionError);
    expect((error as Error).message).toBe("cipp GET /api/ListTenants: 403 Forbidden: Forbidden: missing CIPP.Core.Read");
    expect((error as PermissionError).hint).toContain("scopes and permissions");
    scope.done();
  });

  it("raises a NotFoundError carrying NinjaOne's message and incident id", async () => {
    const scope = nock(BASE)
      .get("/v2/organization/99")
      .reply(404, { resultCode: "FAILURE", errorMessage: "Organization not found", incidentId: "WEB_MGMT_SERVICE-abc" });
    const { client } = testClient();
    const error = await client.request({ method: "GET", path: "/v2/organization/99" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ status: 404, code: "FAILURE", requestId: "WEB_MGMT_SERVICE-abc" });
    expect((error as Error).message).toBe("ninjaone GET /v2/organization/99: 404 Not Found: Organization not found (FAILURE)");
    scope.done();
  });

  it("raises a ConflictError carrying Acronis' code and message", async () => {
    const scope = nock(BASE)
      .post("/api/2/tenants")
      .reply(409, { error: { code: 1004, message: "Tenant with this name already exists", domain: "PlatformAccount" } }, { "x-request-id": "acr-1" });
    const { client } = testClient({ service: "acronis" });
    const error = await client.request({ method: "POST", path: "/api/2/tenants", json: { name: "Acme" } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({ status: 409, code: "1004", requestId: "acr-1" });
    expect((error as Error).message).toContain("Tenant with this name already exists");
    scope.done();
  });

  it("raises a RequestRejectedError for another 4xx", async () => {
    const scope = nock(BASE).post("/ws/oauth/token").reply(400, { error: "invalid_scope", error_description: "Invalid scope" });
    const { client } = testClient();
    const error = await client.request({ method: "POST", path: "/ws/oauth/token", form: { scope: "control" }, auth: false }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestRejectedError);
    expect(error).toMatchObject({ status: 400, code: "invalid_scope" });
    scope.done();
  });

  it("raises an AuthenticationError with Entra ID's correlation id for a refused token request", async () => {
    const scope = nock("https://login.microsoftonline.test").post("/tid/oauth2/v2.0/token").reply(401, {
      error: "invalid_client",
      error_description: "AADSTS7000215: Invalid client secret provided.\r\nTrace ID: t\r\nCorrelation ID: c-42",
      correlation_id: "c-42",
    });
    const { client } = testClient({ service: "cipp", baseUrl: "https://login.microsoftonline.test/tid" });
    const error = await client.request({ method: "POST", path: "/oauth2/v2.0/token", form: {}, auth: false }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ requestId: "c-42", code: "invalid_client", path: "/oauth2/v2.0/token" });
    scope.done();
  });

  it("treats a status outside expectedStatus as an invalid response and one inside it as success", async () => {
    const scope = nock(BASE).post("/v2/thing").reply(200, {}).post("/v2/thing").reply(201, { id: 1 });
    const { client } = testClient();
    const first = await client.request({ method: "POST", path: "/v2/thing", expectedStatus: [201] }).catch((e: unknown) => e);
    expect(first).toBeInstanceOf(InvalidResponseError);
    expect((first as Error).message).toContain("status 200, expected 201");
    await expect(client.request({ method: "POST", path: "/v2/thing", expectedStatus: [201] })).resolves.toEqual({ id: 1 });
    scope.done();
  });

  it("turns a time-out into a NetworkError that says the time-out", async () => {
    const scope = nock(BASE).get("/v2/slow").delay(2_000).reply(200, {});
    const { client } = testClient({ timeoutMs: 100, retry: { maxAttempts: 1 } });
    const error = await client.request({ method: "GET", path: "/v2/slow" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as Error).message).toBe("ninjaone GET /v2/slow: timed out after 0.1 s");
    expect((error as NetworkError).hint).toContain("http.timeoutSeconds");
    scope.done();
  });

  it("keeps credentials in the query out of the error's path", async () => {
    const scope = nock(BASE).get("/cb").query({ code: "secret-code", state: "s" }).reply(404);
    const { client } = testClient();
    const error = await client.request({ method: "GET", path: "/cb", query: { code: "secret-code", state: "s" } }).catch((e: unknown) => e);
    expect((error as NotFoundError).path).toBe("/cb?code=[REDACTED]&state=s");
    expect((error as Error).message).not.toContain("secret-code");
    scope.done();
  });
});

describe("HttpClient response size limit", () => {
  it("stops reading a body past the limit and names the request and the size", async () => {
    const page = JSON.stringify(Array.from({ length: 200 }, (_, i) => ({ id: i, name: `Org ${i}` })));
    // A stream has no Content-Length: the bytes are counted as they arrive.
    const scope = nock(BASE).get("/v2/organizations").query({ pageSize: "1000" }).reply(200, () => Readable.from([page.slice(0, 3000), page.slice(3000)]), { "content-type": "application/json" });
    const { client, counter } = testClient({ maxResponseBytes: 4096 });
    const error = await client.request({ method: "GET", path: "/v2/organizations", query: { pageSize: 1000 } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as Error).message).toMatch(/^ninjaone GET \/v2\/organizations\?pageSize=1000: response body is larger than the 4096 bytes limit \(cut off after \d{4} bytes\)$/);
    expect((error as InvalidResponseError).hint).toContain("http.maxResponseMegabytes");
    expect(counter.stats("ninjaone").requests).toBe(1);
    scope.done();
  });

  it("refuses a body whose Content-Length is above the limit before reading it", async () => {
    const scope = nock(BASE)
      .get("/api/2/tenants")
      .reply(200, "[]", { "content-type": "application/json", "content-length": String(210 * 1_048_576) });
    const { client } = testClient({ service: "acronis" });
    const error = await client.request({ method: "GET", path: "/api/2/tenants" }).catch((e: unknown) => e);
    expect((error as Error).message).toBe("acronis GET /api/2/tenants: response body is larger than the 64.0 MiB limit (Content-Length 210.0 MiB)");
    scope.done();
  });
});
