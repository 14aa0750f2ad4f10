import { randomUUID } from "node:crypto";
import type { SandboxResponse } from "../contract.js";
import { jsonResponse } from "../http-util.js";

/**
 * NinjaOne's error bodies come in families (reference §2 and §9): the auth layer answers
 * `{error, error_description, error_code}` with non-standard status codes, the application
 * layer answers `{resultCode, errorMessage, incidentId}`, and the token endpoint speaks
 * RFC 6749 `{error, error_description}` except for an unknown client id.
 */

/** Like the `WEB_MGMT_SERVICE-…` ids NinjaOne support asks for. */
export function incidentId(): string {
  return `WEB_MGMT_SERVICE-${randomUUID()}`;
}

/** 401 for a bad or expired access token. */
export function notAuthenticated(): SandboxResponse {
  return jsonResponse(401, { error: "not_authenticated", error_description: "Invalid credentials", error_code: 10 });
}

/** A scope the token lacks is answered with 401 (sic), not 403. */
export function insufficientPrivileges(): SandboxResponse {
  return jsonResponse(401, { error: "insufficient_privileges", error_description: "Insufficient privileges" });
}

/** 403 is UNVERIFIED in the reference; the body is the one seen for script runs. */
export function userContextRequired(): SandboxResponse {
  return jsonResponse(403, {
    error: "user_context_required",
    error_description: "Access key does not have user context which is required for this request",
    error_code: 5,
  });
}

export function missingHeader(): SandboxResponse {
  return jsonResponse(400, { error: "missing_header", error_description: "Missing Authorization header", error_code: 2 });
}

export function invalidHeader(): SandboxResponse {
  return jsonResponse(400, { error: "invalid_header", error_description: "Invalid Authorization header", error_code: 1 });
}

/** The application-layer family, used for validation errors, missing resources and conflicts. */
export function appError(status: number, errorMessage: string, resultCode = "FAILURE"): SandboxResponse {
  return jsonResponse(status, { resultCode, errorMessage, incidentId: incidentId() });
}

/** The token endpoint's answer to a client id it does not know (often: the wrong instance). */
export function clientAppNotExist(): SandboxResponse {
  return jsonResponse(404, { resultCode: "Client app not exist", incidentId: incidentId() });
}

/** RFC 6749 §5.2 token endpoint errors. */
export function oauthError(status: number, error: string, description: string): SandboxResponse {
  return jsonResponse(status, { error, error_description: description }, { headers: { "cache-control": "no-store" } });
}
