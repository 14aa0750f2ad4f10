import { z } from "zod";
import { ApiError, AuthenticationError, NotFoundError, RequestRejectedError } from "../../errors.js";
import { tokenExpiry, type HttpClient, type IssuedToken, type Now } from "../../http/index.js";

/** NinjaOne's OAuth endpoints live under /ws on the instance (reference §2). */
export const NINJA_TOKEN_PATH = "/ws/oauth/token";
export const NINJA_AUTHORIZE_PATH = "/ws/oauth/authorize";

export interface NinjaApp {
  clientId: string;
  clientSecret: string;
}

export type NinjaGrant =
  | { type: "client_credentials"; scopes: readonly string[] }
  | { type: "authorization_code"; code: string; redirectUri: string; codeVerifier: string }
  | { type: "refresh_token"; refreshToken: string };

export interface NinjaToken extends IssuedToken {
  /** What NinjaOne granted, which may differ from what was asked. */
  scopes: string[];
  /** Only for the authorization-code family with offline_access; may be a new one on every refresh. */
  refreshToken?: string;
}

const tokenResponse = z.object({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  // 3600 in every example (reference §2) but not promised; without it the token serves this run only (tokenExpiry).
  expires_in: z.coerce.number().positive().optional(),
  scope: z.string().optional(),
  refresh_token: z.string().min(1).optional(),
});

/** Splits a space- or comma-separated scope list, dropping duplicates. */
export function parseScopes(raw: string): string[] {
  return [...new Set(raw.split(/[\s,]+/).filter((s) => s !== ""))];
}

function formFor(app: NinjaApp, grant: NinjaGrant): Record<string, string> {
  const base = { grant_type: grant.type, client_id: app.clientId, client_secret: app.clientSecret };
  switch (grant.type) {
    case "client_credentials":
      return { ...base, scope: grant.scopes.join(" ") };
    case "authorization_code":
      return { ...base, code: grant.code, redirect_uri: grant.redirectUri, code_verifier: grant.codeVerifier };
    case "refresh_token":
      return { ...base, refresh_token: grant.refreshToken };
  }
}

/** One token request; refusals come back as errors that say what to change. */
export async function requestNinjaToken(http: HttpClient, app: NinjaApp, grant: NinjaGrant, now: Now): Promise<NinjaToken> {
  const issuedAt = now();
  let body: z.infer<typeof tokenResponse>;
  try {
    body = await http.request({
      method: "POST",
      path: NINJA_TOKEN_PATH,
      form: formFor(app, grant),
      auth: false,
      // Nothing is created by a token request, so it is safe to repeat after a 5xx.
      idempotent: true,
      schema: tokenResponse,
    });
  } catch (error) {
    throw explainNinjaTokenError(error, app, grant, http.baseUrl);
  }
  const token: NinjaToken = {
    accessToken: body.access_token,
    ...tokenExpiry(issuedAt, { expiresInSec: body.expires_in }),
    scopes: body.scope === undefined ? [] : parseScopes(body.scope),
  };
  if (body.refresh_token !== undefined) token.refreshToken = body.refresh_token;
  return token;
}

export interface AuthorizeRequest {
  clientId: string;
  redirectUri: string;
  scopes: readonly string[];
  state: string;
  codeChallenge: string;
}

/** The page a person opens to approve the app; offline_access asks for a refresh token. */
export function ninjaAuthorizeUrl(baseUrl: string, request: AuthorizeRequest): string {
  const scopes = request.scopes.includes("offline_access") ? request.scopes : [...request.scopes, "offline_access"];
  const params = new URLSearchParams({
    response_type: "code",
    client_id: request.clientId,
    redirect_uri: request.redirectUri,
    scope: scopes.join(" "),
    state: request.state,
    code_challenge: request.codeChallenge,
    code_challenge_method: "S256",
  });
  return `${baseUrl}${NINJA_AUTHORIZE_PATH}?${params}`;
}

const GRANT_NAMES: Record<NinjaGrant["type"], string> = {
  client_credentials: "client credentials",
  authorization_code: "authorization code",
  refresh_token: "refresh token",
};

/** Turns a refused token request into what happened in NinjaOne's terms and how to fix it. */
export function explainNinjaTokenError(error: unknown, app: NinjaApp, grant: NinjaGrant, baseUrl: string): unknown {
  if (!(error instanceof ApiError)) return error;
  const details = { service: error.service, method: error.method, path: error.path, status: error.status, requestId: error.requestId, code: error.code, cause: error };
  const login = grant.type === "client_credentials" ? "ninja-bridge auth login ninjaone" : "ninja-bridge auth login ninjaone --flow authorization-code";
  if (error instanceof NotFoundError) {
    return new AuthenticationError(`NinjaOne at ${baseUrl} does not know client id "${app.clientId}": wrong instance or unknown client id`, {
      ...details,
      hint: `Use the instance your NinjaOne login page is on (--instance app|us2|eu|ca|oc) and the client id from Administration → Apps → API, then run \`${login}\` again.`,
    });
  }
  if (error.code === "invalid_scope") {
    const asked = grant.type === "client_credentials" ? ` (asked for: ${grant.scopes.join(" ")})` : "";
    return new AuthenticationError(`NinjaOne refused the whole token request with invalid_scope: the app is not granted every scope asked for${asked}`, {
      ...details,
      hint: `Ask only for scopes the app has (e.g. --scopes monitoring, or \`ninja-bridge config set ninjaone.scopes "monitoring"\`), or grant the missing scope to the app under Administration → Apps → API, then run \`${login}\` again.`,
    });
  }
  if (error.code === "invalid_client" || (error instanceof AuthenticationError && error.code === undefined)) {
    return new AuthenticationError(`NinjaOne refused client id "${app.clientId}" with this client secret`, {
      ...details,
      hint: `Check the secret (NinjaOne shows it once; generate a new one under Administration → Apps → API if lost) and run \`${login}\` again.`,
    });
  }
  if (error.code === "unauthorized_client") {
    const kind = grant.type === "client_credentials" ? "an \"API Services (machine-to-machine)\" app" : "a \"Web\" app with the authorization code and refresh token grants";
    return new AuthenticationError(`the NinjaOne app "${app.clientId}" may not use the ${GRANT_NAMES[grant.type]} grant`, {
      ...details,
      hint: `This flow needs ${kind}; pick the matching --flow or change the app under Administration → Apps → API.`,
    });
  }
  if (error.code === "invalid_grant") {
    const what = grant.type === "refresh_token" ? "the stored refresh token (expired, revoked, or already replaced)" : "the authorization code";
    return new AuthenticationError(`NinjaOne refused ${what}`, {
      ...details,
      hint: "Run `ninja-bridge auth login ninjaone --flow authorization-code` to sign in again.",
    });
  }
  if (error instanceof RequestRejectedError) {
    return new AuthenticationError(`NinjaOne refused the token request: ${error.message}`, { ...details, hint: `Check the app settings and run \`${login}\` again.` });
  }
  return error;
}
