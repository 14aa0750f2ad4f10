import { describe, expect, it } from "vitest";
import { requestIdFrom, vendorErrorFrom } from "../../../src/http/vendor-error.js";

describe("vendorErrorFrom", () => {
  it("reads NinjaOne's auth-layer error", () => {
    expect(vendorErrorFrom({ error: "not_authenticated", error_description: "Invalid credentials", error_code: 10 })).toEqual({
      code: "not_authenticated",
      message: "Invalid credentials",
    });
  });

  it("reads NinjaOne's application-layer error with its incident id", () => {
    expect(
      vendorErrorFrom({ resultCode: "FAILURE", errorMessage: "INVALID_ATTRIBUTE_VALUE", incidentId: "WEB_MGMT_SERVICE-42" }),
    ).toEqual({ code: "FAILURE", message: "INVALID_ATTRIBUTE_VALUE", requestId: "WEB_MGMT_SERVICE-42" });
  });

  it("reads Acronis' account API error with a numeric code", () => {
    expect(vendorErrorFrom({ error: { code: 1004, message: "Tenant name is already in use", domain: "PlatformAccount" } })).toEqual({
      code: "1004",
      message: "Tenant name is already in use",
    });
  });

  it("reads the Acronis alert manager's reason and the agent manager's debug message", () => {
    expect(vendorErrorFrom({ domain: "AlertManager", code: "NotFound", reason: "alert not found" })).toEqual({
      code: "NotFound",
      message: "alert not found",
    });
    expect(vendorErrorFrom({ code: "AccessDenied", domain: "AgentManager", debug: { msg: "no access" } })).toEqual({
      code: "AccessDenied",
      message: "no access",
    });
  });

  it("reads an Entra ID token error: the first line of the description and the correlation id", () => {
    expect(
      vendorErrorFrom({
        error: "invalid_client",
        error_description: "AADSTS7000215: Invalid client secret provided.\r\nTrace ID: t-1\r\nCorrelation ID: c-1",
        correlation_id: "c-1",
        trace_id: "t-1",
      }),
    ).toEqual({ code: "invalid_client", message: "AADSTS7000215: Invalid client secret provided.", requestId: "c-1" });
  });

  it("reads CIPP's results message and its array of error strings", () => {
    expect(vendorErrorFrom({ Results: "Failed to retrieve tenants" })).toEqual({ message: "Failed to retrieve tenants" });
    expect(vendorErrorFrom(["Forbidden: insufficient privileges"])).toEqual({ message: "Forbidden: insufficient privileges" });
  });

  it("reads the title of an HTML error page", () => {
    expect(vendorErrorFrom("<html><head><title>401 Authorization Required</title></head><body>nginx</body></html>")).toEqual({
      message: "401 Authorization Required",
    });
  });

  it("finds nothing in an empty body", () => {
    expect(vendorErrorFrom(undefined)).toEqual({});
  });
});

describe("requestIdFrom", () => {
  it("prefers an id from the body over a request-id header", () => {
    const headers = new Headers({ "x-request-id": "hdr-1" });
    expect(requestIdFrom(headers, { requestId: "WEB_MGMT_SERVICE-1" })).toBe("WEB_MGMT_SERVICE-1");
    expect(requestIdFrom(headers, {})).toBe("hdr-1");
  });

  it("knows the Microsoft and correlation header names", () => {
    expect(requestIdFrom(new Headers({ "x-ms-request-id": "ms-1" }), {})).toBe("ms-1");
    expect(requestIdFrom(new Headers({ "x-correlation-id": "c-9" }), {})).toBe("c-9");
    expect(requestIdFrom(new Headers(), {})).toBeUndefined();
  });
});
