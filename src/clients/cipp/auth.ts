import { z } from "zod";
import { ApiError, AuthenticationError } from "../../errors.js";
import { tokenExpiry, type HttpClient, type IssuedToken, type Now } from "../../http/index.js";

export interface CippApp {
  tenantId: string;
  clientId: string;
  clientSecret: string;
  scope: string;
}

/** CIPP's API is an Entra ID app that exposes itself, so the default audience is its own id. */
export function defaultCippScope(clientId: string): string {
  return `api://${clientId}/.default`;
}

export function defaultCippTokenUrl(tenantId: string): string {
  return `https://login.microsoftonline.com/${encodeURIComponent(tenantId)}/oauth2/v2.0/token`;
}

// Entra documents `expires_in` on every client-credentials answer; without it the token serves this run only (tokenExpiry).
const tokenResponse = z.object({ access_token: z.string().min(1), expires_in: z.coerce.number().positive().optional() });

/** Client credentials at the Entra token endpoint; `tokenHttp` is a client whose base URL is that endpoint's origin. */
export async function requestCippToken(tokenHttp: HttpClient, tokenPath: string, app: CippApp, now: Now): Promise<IssuedToken> {
  const issuedAt = now();
  try {
    const body = await tokenHttp.request({
      method: "POST",
      path: tokenPath,
      form: { grant_type: "client_credentials", client_id: app.clientId, client_secret: app.clientSecret, scope: app.scope },
      auth: false,
      idempotent: true,
      schema: tokenResponse,
    });
    return { accessToken: body.access_token, ...tokenExpiry(issuedAt, { expiresInSec: body.expires_in }) };
  } catch (error) {
    throw explainCippTokenError(error, app);
  }
}

/** Entra ID's answers, in the terms of the CIPP API client settings. */
export function explainCippTokenError(error: unknown, app: CippApp): unknown {
  if (!(error instanceof ApiError)) return error;
  const details = { service: error.service, method: error.method, path: error.path, status: error.status, requestId: error.requestId, code: error.code, cause: error };
  const again = "then run `ninja-bridge auth login cipp` again";
  switch (error.code) {
    case "invalid_client":
      return new AuthenticationError(`Entra ID refused the client secret of the CIPP API client "${app.clientId}"`, {
        ...details,
        hint: `Use the secret's value (not its id) from CIPP → Integrations → CIPP-API, or create a new one; ${again}.`,
      });
    case "unauthorized_client":
      return new AuthenticationError(`Entra tenant ${app.tenantId} has no application "${app.clientId}"`, {
        ...details,
        hint: `Check --tenant-id (your MSP tenant) and --client-id (the CIPP-API application id); ${again}.`,
      });
    case "invalid_scope":
      return new AuthenticationError(`Entra ID refused the scope "${app.scope}"`, {
        ...details,
        hint: `Use the CIPP API's own scope, usually --scope ${defaultCippScope(app.clientId)}; ${again}.`,
      });
    case "invalid_request":
      return new AuthenticationError(`Entra ID refused the token request for tenant ${app.tenantId}`, {
        ...details,
        hint: `Check --tenant-id (the MSP's Entra tenant id or domain); ${again}.`,
      });
    default:
      return error;
  }
}
