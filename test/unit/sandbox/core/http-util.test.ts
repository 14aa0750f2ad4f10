import { describe, expect, it } from "vitest";
import { z } from "zod";
import { basicAuth, bearerToken, emptyResponse, jsonResponse, matchPath, mediaType, parseFormBody, parseJsonBody, parseJsonBodyWith, parsePositiveInt, textResponse } from "../../../../src/sandbox/http-util.js";
import { sandboxRequest } from "./request.js";

describe("http-util", () => {
  it("reads a bearer token whatever the case of the scheme", () => {
    expect(bearerToken(sandboxRequest("GET", "/", { headers: { authorization: "bearer abc.def" } }))).toBe("abc.def");
    expect(bearerToken(sandboxRequest("GET", "/", { headers: { authorization: "Bearer  xyz " } }))).toBe("xyz");
  });

  it("finds no bearer token in a Basic header or a missing one", () => {
    expect(bearerToken(sandboxRequest("GET", "/", { headers: { authorization: "Basic YTpi" } }))).toBeUndefined();
    expect(bearerToken(sandboxRequest("GET", "/"))).toBeUndefined();
  });

  it("splits Basic credentials at the first colon so secrets may contain colons", () => {
    const encoded = Buffer.from("client-id:se:cret").toString("base64");
    const req = sandboxRequest("POST", "/", { headers: { authorization: `Basic ${encoded}` } });
    expect(basicAuth(req)).toEqual({ username: "client-id", password: "se:cret" });
  });

  it("rejects Basic credentials without a colon", () => {
    const encoded = Buffer.from("no-colon").toString("base64");
    expect(basicAuth(sandboxRequest("POST", "/", { headers: { authorization: `Basic ${encoded}` } }))).toBeUndefined();
  });

  it("parses a JSON body and reports malformed JSON as an error", () => {
    expect(parseJsonBody(sandboxRequest("POST", "/", { body: '{"a":1}' }))).toEqual({ ok: true, value: { a: 1 } });
    const bad = parseJsonBody(sandboxRequest("POST", "/", { body: "{a:" }));
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error).toMatch(/not valid JSON/);
  });

  it("treats an empty body as an error, not as undefined", () => {
    expect(parseJsonBody(sandboxRequest("POST", "/")).ok).toBe(false);
  });

  it("names the first invalid field when a JSON body fails its schema", () => {
    const schema = z.object({ name: z.string(), parent: z.object({ id: z.string() }) });
    const result = parseJsonBodyWith(sandboxRequest("POST", "/", { body: '{"name":"x","parent":{"id":3}}' }), schema);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/^parent\.id: /);
  });

  it("parses a form body only when it is sent as form-urlencoded", () => {
    const form = sandboxRequest("POST", "/oauth/token", {
      headers: { "content-type": "application/x-www-form-urlencoded; charset=UTF-8" },
      body: "grant_type=client_credentials&scope=monitoring%20management",
    });
    const parsed = parseFormBody(form);
    expect(parsed.ok && parsed.value.get("scope")).toBe("monitoring management");
    const json = sandboxRequest("POST", "/oauth/token", { headers: { "content-type": "application/json" }, body: "{}" });
    expect(parseFormBody(json).ok).toBe(false);
  });

  it("reads the media type without its parameters", () => {
    expect(mediaType(sandboxRequest("POST", "/", { headers: { "content-type": "Application/JSON; charset=utf-8" } }))).toBe(
      "application/json",
    );
  });

  it("matches a route template and decodes its parameters", () => {
    expect(matchPath("/v2/organization/{id}/devices", "/v2/organization/42/devices")).toEqual({ id: "42" });
    expect(matchPath("/api/2/tenants/{id}", "/api/2/tenants/a%20b/")).toEqual({ id: "a b" });
    expect(matchPath("/v2/organization/{id}", "/v2/organization/42/devices")).toBeUndefined();
    expect(matchPath("/v2/organization/{id}", "/v2/organizations/42")).toBeUndefined();
  });

  it("accepts only strictly positive decimal integers as ids", () => {
    expect(parsePositiveInt("17")).toBe(17);
    for (const bad of ["0", "-1", "1.5", "1e3", "", null, undefined, "99999999999999999999"]) {
      expect(parsePositiveInt(bad)).toBeUndefined();
    }
  });

  it("builds JSON, text and empty responses with their content types and route", () => {
    expect(jsonResponse(200, { a: 1 }, { route: "GET /x" })).toEqual({
      status: 200,
      body: { a: 1 },
      headers: { "content-type": "application/json" },
      route: "GET /x",
    });
    expect(textResponse(401, "Unauthorized").headers?.["content-type"]).toBe("text/plain; charset=utf-8");
    expect(emptyResponse()).toEqual({ status: 204 });
  });
});
