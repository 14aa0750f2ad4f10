import { describe, expect, it } from "vitest";
import { toSandboxRequest } from "../../../../src/sandbox/core/http-listener.js";

describe("toSandboxRequest", () => {
  it("splits the query from the path and keeps percent-encoding in the path as sent", () => {
    const req = toSandboxRequest("get", "/v2/organization/a%2Fb/devices?pageSize=10&after=5", {}, Buffer.alloc(0), "http://127.0.0.1:9");
    expect(req.method).toBe("GET");
    expect(req.path).toBe("/v2/organization/a%2Fb/devices");
    expect(req.query.get("pageSize")).toBe("10");
    expect(req.query.get("after")).toBe("5");
    expect(req.baseUrl).toBe("http://127.0.0.1:9");
  });

  it("joins repeated header values and keeps names lower-cased", () => {
    const req = toSandboxRequest("POST", "/x", { accept: "application/json", "x-forwarded-for": ["a", "b"] }, Buffer.from("{}"), "");
    expect(req.headers).toEqual({ accept: "application/json", "x-forwarded-for": "a, b" });
    expect(req.body.toString()).toBe("{}");
  });
});
