import { jsonResponse, SandboxHttpError, textResponse } from "../http-util.js";
import type { SandboxResponse } from "../contract.js";

/**
 * Each Acronis API answers errors in its own shape (reference §6): the Account API wraps
 * `{error:{code, message, details, context, domain}}`, the Alert Manager answers
 * `{domain, code, reason, context}` (and its 401 is an nginx page in text/plain), Resource and
 * Policy Management `{code, domain, message, context}`, the Agent Manager `{code, domain, debug}`.
 */

export type AcronisApi = "account" | "alerts" | "resources" | "agents";

/** Account API platform codes (reference §6). */
export const PlatformCode = {
  versionMismatch: 1001,
  tenantNameConflict: 1004,
  tenantNotFound: 1005,
  deleteEnabledTenant: 1006,
  invalidLogin: 1033,
} as const;

export function accountError(status: number, code: number, message: string, route?: string, details: Record<string, unknown> = {}): SandboxResponse {
  const body = { error: { code, message, details, context: {}, domain: "PlatformAccountServer" } };
  return jsonResponse(status, body, route === undefined ? {} : { route });
}

const ALERT_CODES: Record<number, string> = { 400: "BadRequest", 403: "Forbidden", 404: "NotFound", 409: "Conflict" };

export function alertError(status: number, reason: string, route?: string): SandboxResponse {
  const body = { domain: "AlertManager", code: ALERT_CODES[status] ?? "InternalError", reason, context: {}, kbLink: null, debug: null };
  return jsonResponse(status, body, route === undefined ? {} : { route });
}

const RESOURCE_CODES: Record<number, string> = { 400: "BadRequest", 403: "AccessDenied", 404: "ResourceNotFound", 409: "DataConflict" };

export function resourceError(status: number, message: string, route?: string): SandboxResponse {
  const body = { code: RESOURCE_CODES[status] ?? "InternalError", domain: "ResourceManager", message, context: {} };
  return jsonResponse(status, body, route === undefined ? {} : { route });
}

export function agentError(status: number, message: string, route?: string): SandboxResponse {
  const code = status === 404 ? "NotFound" : status === 400 ? "BadRequest" : "Unauthorized";
  return jsonResponse(status, { code, domain: "AgentManager", debug: { msg: message } }, route === undefined ? {} : { route });
}

const NGINX_401 =
  "<html>\r\n<head><title>401 Authorization Required</title></head>\r\n<body>\r\n<center><h1>401 Authorization Required</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";

/** 401 in the shape the given API uses for a missing, unknown or expired token. */
export function unauthorized(api: AcronisApi, message: string, route?: string): SandboxResponse {
  const options = route === undefined ? {} : { route };
  switch (api) {
    case "account":
      return accountError(401, 401, message, route);
    case "alerts":
      return textResponse(401, NGINX_401, "text/plain", options);
    case "resources":
      return jsonResponse(401, { code: "Unauthorized", domain: "ResourceManager", message, context: {} }, options);
    case "agents":
      return jsonResponse(401, { code: "Unauthorized", domain: "AgentManager", debug: { msg: message } }, options);
  }
}

/** Stops a handler with an Account API error. */
export function failAccount(status: number, code: number, message: string, route: string): never {
  throw new SandboxHttpError(accountError(status, code, message, route));
}
