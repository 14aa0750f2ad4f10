import type { FaultKind, SandboxRequest, SandboxResponse } from "../contract.js";
import { jsonResponse, textResponse } from "../http-util.js";
import type { ServiceName } from "../../services.js";

/**
 * The bodies the core answers with itself (rate limits, injected faults), in each service's
 * documented error shape (reference: ninjaone-api.md §9, acronis-api.md §6). Where the
 * reference is silent the choice is ours and says so.
 */

/**
 * How NinjaOne signals throttling is UNVERIFIED: one client library saw an HTML page, staff
 * scripts retry 429. "html" (the default) is the stricter: a 429 whose body is an HTML page,
 * so a client must check content-type before parsing; "json" answers the app-layer error shape.
 */
export type NinjaThrottleBody = "html" | "json";

export interface ErrorBodyOptions {
  ninjaThrottleBody: NinjaThrottleBody;
  /** Distinguishes incident ids; the core passes a running request number. */
  sequence: number;
}

function ninjaIncidentId(sequence: number): string {
  return `WEB_MGMT_SERVICE-${sequence.toString(16).padStart(8, "0")}-sandbox`;
}

function htmlPage(status: number, title: string): string {
  return `<html><head><title>${status} ${title}</title></head><body><center><h1>${status} ${title}</h1></center></body></html>\n`;
}

/** Acronis error bodies differ by API family; the family is read from the path. */
function acronisError(path: string, status: number, code: string, message: string): unknown {
  if (path.startsWith("/api/2/")) {
    return { error: { code: status, message, details: {}, context: {}, domain: "PlatformAccountServer" } };
  }
  if (path.startsWith("/api/alert_manager/")) {
    return { domain: "AlertManager", code, reason: message, context: {}, kbLink: {}, debug: {} };
  }
  return { code, domain: "Sandbox", message, context: {} };
}

export function rateLimitedResponse(
  service: ServiceName,
  req: SandboxRequest,
  retryAfterSec: number,
  options: ErrorBodyOptions,
): SandboxResponse {
  const headers = { "retry-after": String(retryAfterSec) };
  switch (service) {
    case "ninjaone":
      if (options.ninjaThrottleBody === "html") {
        return textResponse(429, htmlPage(429, "Too Many Requests"), "text/html; charset=utf-8", { headers });
      }
      return jsonResponse(
        429,
        { resultCode: "FAILURE", errorMessage: "Too many requests", incidentId: ninjaIncidentId(options.sequence) },
        { headers },
      );
    case "acronis":
      return jsonResponse(429, acronisError(req.path, 429, "TooManyRequests", "Too many requests"), { headers });
    case "cipp":
      // The reference documents no throttling body for CIPP: our own minimal JSON.
      return jsonResponse(429, { error: "rate_limited" }, { headers });
  }
}

/**
 * An injected fault. 502 and 503 come from the gateway in front of an API, so they are HTML
 * pages; a 500 comes from the application, in its own error shape; `html` is a proxy's page
 * served with 200 in place of the API's JSON.
 */
export function faultResponse(
  service: ServiceName,
  req: SandboxRequest,
  fault: Exclude<FaultKind, "drop">,
  options: ErrorBodyOptions,
): SandboxResponse {
  switch (fault) {
    case "status500":
      return internalErrorResponse(service, req, "Internal server error (injected fault)", options);
    case "status502":
      return textResponse(502, htmlPage(502, "Bad Gateway"), "text/html; charset=utf-8");
    case "status503":
      return textResponse(503, htmlPage(503, "Service Temporarily Unavailable"), "text/html; charset=utf-8");
    case "html":
      return textResponse(200, `<html><head><title>Please wait</title></head><body><p>The service is busy. Please try again in a moment.</p></body></html>\n`, "text/html; charset=utf-8");
  }
}

export function internalErrorResponse(
  service: ServiceName,
  req: SandboxRequest,
  message: string,
  options: ErrorBodyOptions,
): SandboxResponse {
  switch (service) {
    case "ninjaone":
      return jsonResponse(500, {
        resultCode: "FAILURE",
        errorMessage: message,
        incidentId: ninjaIncidentId(options.sequence),
      });
    case "acronis":
      return jsonResponse(500, acronisError(req.path, 500, "InternalServerError", message));
    case "cipp":
      // CIPP runs on Azure Functions; its 500 body is undocumented: our own minimal JSON.
      return jsonResponse(500, { error: "internal_error", message });
  }
}
