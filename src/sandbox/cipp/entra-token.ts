import { randomUUID } from "node:crypto";
import type { SandboxRequest, SandboxResponse } from "../contract.js";
import { basicAuth, jsonResponse, parseFormBody } from "../http-util.js";
import type { TokenBook } from "../shared/token-book.js";

export const TOKEN_ROUTE = "POST /{tenantId}/oauth2/v2.0/token";

export interface EntraApp {
  tenantId: string;
  clientId: string;
  clientSecret: string;
}

/** An Entra ID (AAD) OAuth error: `{error, error_description "AADSTSnnn: …", error_codes, …}`. */
export function entraError(status: number, error: string, code: number, message: string, nowMs: number): SandboxResponse {
  const traceId = randomUUID();
  const correlationId = randomUUID();
  const timestamp = new Date(nowMs).toISOString().replace("T", " ").replace(/\.\d{3}Z$/, "Z");
  return jsonResponse(
    status,
    {
      error,
      error_description: `AADSTS${code}: ${message} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${timestamp}`,
      error_codes: [code],
      timestamp,
      trace_id: traceId,
      correlation_id: correlationId,
      error_uri: `https://login.microsoftonline.com/error?code=${code}`,
    },
    { route: TOKEN_ROUTE },
  );
}

/**
 * The client-credentials token endpoint of the MSP's Entra tenant, as CIPP's API clients call
 * it: form body, secret in the body or as HTTP Basic, scope `api://<client id>/.default`.
 */
export function issueEntraToken(app: EntraApp, tokens: TokenBook, req: SandboxRequest, tenantId: string, nowMs: number, lifetimeSec: number): SandboxResponse {
  if (tenantId.toLowerCase() !== app.tenantId && tenantId.toLowerCase() !== "organizations") {
    return entraError(400, "invalid_request", 90002, `Tenant '${tenantId}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`, nowMs);
  }
  const form = parseFormBody(req);
  if (!form.ok) return entraError(400, "invalid_request", 900144, "The request body must contain the following parameter: 'grant_type'.", nowMs);
  const body = form.value;
  const grant = body.get("grant_type");
  if (grant === null) return entraError(400, "invalid_request", 900144, "The request body must contain the following parameter: 'grant_type'.", nowMs);
  if (grant !== "client_credentials") return entraError(400, "unsupported_grant_type", 70003, `The app requested an unsupported grant type '${grant}'.`, nowMs);
  const basic = basicAuth(req);
  const clientId = body.get("client_id") ?? (basic === undefined ? null : decodeURIComponent(basic.username));
  const secret = body.get("client_secret") ?? (basic === undefined ? null : decodeURIComponent(basic.password));
  if (clientId === null) return entraError(400, "invalid_request", 900144, "The request body must contain the following parameter: 'client_id'.", nowMs);
  if (clientId.toLowerCase() !== app.clientId) {
    return entraError(400, "unauthorized_client", 700016, `Application with identifier '${clientId}' was not found in the directory '${app.tenantId}'.`, nowMs);
  }
  if (secret === null) return entraError(401, "invalid_client", 7000218, "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.", nowMs);
  if (secret !== app.clientSecret) return entraError(401, "invalid_client", 7000215, "Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID.", nowMs);
  const scope = body.get("scope");
  if (scope === null) return entraError(400, "invalid_request", 90014, "The required field 'scope' is missing from the credential.", nowMs);
  if (!scope.endsWith("/.default")) {
    return entraError(400, "invalid_scope", 1002012, `The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier.`, nowMs);
  }
  if (scope.toLowerCase() !== `api://${app.clientId}/.default`) {
    return entraError(400, "invalid_scope", 500011, `The resource principal named ${scope.slice(0, -"/.default".length)} was not found in the tenant named ${app.tenantId}.`, nowMs);
  }
  const issued = tokens.issue(app.clientId, nowMs, lifetimeSec);
  return jsonResponse(200, { token_type: "Bearer", expires_in: lifetimeSec, ext_expires_in: lifetimeSec, access_token: issued.token }, { route: TOKEN_ROUTE });
}
