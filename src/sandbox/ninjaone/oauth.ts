import { createHash, randomBytes } from "node:crypto";
import type { SandboxRequest, SandboxResponse, ServiceContext } from "../contract.js";
import { basicAuth, bearerToken, header, jsonResponse, parseFormBody, textResponse } from "../http-util.js";
import { findApp, type ClientApp, type GrantType } from "./apps.js";
import { clientAppNotExist, invalidHeader, missingHeader, notAuthenticated, oauthError } from "./errors.js";
import type { NinjaOneOptions } from "./options.js";

/**
 * NinjaOne's OAuth endpoints under /ws (reference §2): client credentials, authorization code
 * with PKCE S256, refresh tokens with rotation, and the bearer check every API call goes through.
 */

export interface AccessToken {
  clientId: string;
  scopes: string[];
  /** Epoch milliseconds. */
  expiresAt: number;
  /** Obtained through a user (authorization code or refresh), not client credentials. */
  userContext: boolean;
}

interface RefreshToken {
  clientId: string;
  scopes: string[];
  active: boolean;
  /** The refresh token this one replaced; with `on-use` rotation it dies when this one is used. */
  predecessor?: string;
}

interface AuthCode {
  clientId: string;
  redirectUri: string;
  scopes: string[];
  codeChallenge: string;
  expiresAt: number;
  used: boolean;
}

const AUTH_CODE_LIFETIME_MS = 10 * 60 * 1000;
const ROUTE_TOKEN = "POST /ws/oauth/token";
const ROUTE_AUTHORIZE = "GET /ws/oauth/authorize";

function opaque(prefix: string): string {
  return `${prefix}${randomBytes(24).toString("base64url")}`;
}

export function pkceChallenge(verifier: string): string {
  return createHash("sha256").update(verifier).digest("base64url");
}

function parseScopes(raw: string | null): string[] {
  return (raw ?? "").split(" ").filter((s) => s !== "");
}

export class NinjaOAuth {
  private readonly accessTokens = new Map<string, AccessToken>();
  private readonly refreshTokens = new Map<string, RefreshToken>();
  private readonly codes = new Map<string, AuthCode>();

  constructor(
    private readonly ctx: ServiceContext,
    private readonly options: () => NinjaOneOptions,
  ) {}

  /** The client behind a token request (for per-client rate limits). */
  tokenRequestClient(req: SandboxRequest): string | undefined {
    const basic = basicAuth(req);
    if (basic !== undefined) return decodeURIComponent(basic.username);
    const form = parseFormBody(req);
    return form.ok ? (form.value.get("client_id") ?? undefined) : undefined;
  }

  /** Forgets every access token issued so far (refresh tokens stay): each is answered 401 from now on. */
  revokeAccessTokens(): number {
    const count = this.accessTokens.size;
    this.accessTokens.clear();
    return count;
  }

  accessToken(token: string): AccessToken | undefined {
    return this.accessTokens.get(token);
  }

  /** The bearer check of every API request; answers with NinjaOne's own auth-layer errors. */
  authenticate(req: SandboxRequest): { ok: true; token: AccessToken } | { ok: false; response: SandboxResponse } {
    if (header(req, "authorization") === undefined) return { ok: false, response: missingHeader() };
    const bearer = bearerToken(req);
    if (bearer === undefined) return { ok: false, response: invalidHeader() };
    const token = this.accessTokens.get(bearer);
    if (token === undefined || this.ctx.now() >= token.expiresAt) return { ok: false, response: notAuthenticated() };
    return { ok: true, token };
  }

  authorize(req: SandboxRequest): SandboxResponse {
    const q = req.query;
    const app = findApp(q.get("client_id") ?? "");
    if (app === undefined) return { ...clientAppNotExist(), route: ROUTE_AUTHORIZE };
    const redirectUri = q.get("redirect_uri") ?? "";
    if (app.allowsRedirect === undefined || !app.allowsRedirect(redirectUri)) {
      // Reference §2: a bad redirect URI lands the browser on /ws/oauth/error (status UNVERIFIED).
      const error = new URLSearchParams({ error: "unauthorized_client", error_description: "Invalid redirect_uri" });
      return { status: 302, headers: { location: `${req.baseUrl}/ws/oauth/error?${error}` }, route: ROUTE_AUTHORIZE };
    }
    const state = q.get("state");
    const back = (params: Record<string, string>): SandboxResponse => {
      const url = new URL(redirectUri);
      for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
      if (state !== null) url.searchParams.set("state", state);
      return { status: 302, headers: { location: url.toString() }, route: ROUTE_AUTHORIZE };
    };
    if (q.get("response_type") !== "code") {
      return back({ error: "unsupported_response_type", error_description: "response_type must be code" });
    }
    if (!app.grants.includes("authorization_code")) {
      return back({ error: "unauthorized_client", error_description: "Client app is not allowed the authorization code grant" });
    }
    const scopes = this.checkScopes(app, q.get("scope"));
    if (typeof scopes === "string") return back({ error: "invalid_scope", error_description: scopes });
    const challenge = q.get("code_challenge");
    if (challenge === null || !/^[A-Za-z0-9_-]{43}$/.test(challenge)) {
      return back({ error: "invalid_request", error_description: "code_challenge is required (PKCE)" });
    }
    if (q.get("code_challenge_method") !== "S256") {
      return back({ error: "invalid_request", error_description: "code_challenge_method must be S256" });
    }
    const code = opaque("nbc_");
    this.codes.set(code, {
      clientId: app.clientId,
      redirectUri,
      scopes,
      codeChallenge: challenge,
      expiresAt: this.ctx.now() + AUTH_CODE_LIFETIME_MS,
      used: false,
    });
    return back({ code });
  }

  errorPage(req: SandboxRequest): SandboxResponse {
    const error = req.query.get("error") ?? "unknown_error";
    const description = req.query.get("error_description") ?? "";
    const escape = (s: string): string => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
    return textResponse(
      400,
      `<!DOCTYPE html><html><body><h1>${escape(error)}</h1><p>${escape(description)}</p></body></html>`,
      "text/html; charset=utf-8",
      { route: "GET /ws/oauth/error" },
    );
  }

  token(req: SandboxRequest): SandboxResponse {
    const result = this.tokenInner(req);
    return { ...result, route: ROUTE_TOKEN };
  }

  /** A scope list the app may have; undefined scope is allowed only when the option says so. */
  private checkScopes(app: ClientApp, raw: string | null): string[] | string {
    const requested = parseScopes(raw);
    if (requested.length === 0) {
      if (this.options().tokenScopeRequired) return "scope is required";
      return app.scopes.filter((s) => s !== "offline_access");
    }
    const missing = requested.filter((s) => !app.scopes.includes(s));
    if (missing.length > 0) return `Client app is not granted scope(s): ${missing.join(" ")}`;
    return [...new Set(requested)];
  }

  private tokenInner(req: SandboxRequest): SandboxResponse {
    const form = parseFormBody(req);
    if (!form.ok) return oauthError(400, "invalid_request", form.error);
    const params = form.value;
    const basic = basicAuth(req);
    const clientId = basic !== undefined ? decodeURIComponent(basic.username) : params.get("client_id");
    const clientSecret = basic !== undefined ? decodeURIComponent(basic.password) : params.get("client_secret");
    if (clientId === null || clientId === "") return oauthError(401, "invalid_client", "client_id is required");
    const app = findApp(clientId);
    if (app === undefined) return clientAppNotExist();
    if (clientSecret !== app.clientSecret) return oauthError(401, "invalid_client", "Invalid client credentials");
    const grant = params.get("grant_type");
    if (grant === null) return oauthError(400, "invalid_request", "grant_type is required");
    if (grant !== "client_credentials" && grant !== "authorization_code" && grant !== "refresh_token") {
      return oauthError(400, "unsupported_grant_type", `Unsupported grant type: ${grant}`);
    }
    if (!app.grants.includes(grant as GrantType)) {
      return oauthError(400, "unauthorized_client", `Client app is not allowed the ${grant} grant`);
    }
    if (grant === "client_credentials") {
      const scopes = this.checkScopes(app, params.get("scope"));
      if (typeof scopes === "string") return oauthError(400, "invalid_scope", scopes);
      if (scopes.includes("offline_access")) return oauthError(400, "invalid_scope", "offline_access needs a user");
      return this.issue(app, scopes, false);
    }
    if (grant === "authorization_code") return this.exchangeCode(app, params);
    return this.refresh(app, params);
  }

  private exchangeCode(app: ClientApp, params: URLSearchParams): SandboxResponse {
    const code = this.codes.get(params.get("code") ?? "");
    if (code === undefined || code.clientId !== app.clientId) return oauthError(400, "invalid_grant", "Invalid authorization code");
    if (code.used) return oauthError(400, "invalid_grant", "Authorization code has already been used");
    if (this.ctx.now() >= code.expiresAt) return oauthError(400, "invalid_grant", "Authorization code has expired");
    if (params.get("redirect_uri") !== code.redirectUri) return oauthError(400, "invalid_grant", "redirect_uri does not match");
    const verifier = params.get("code_verifier");
    if (verifier === null) return oauthError(400, "invalid_request", "code_verifier is required");
    if (pkceChallenge(verifier) !== code.codeChallenge) return oauthError(400, "invalid_grant", "PKCE verification failed");
    code.used = true;
    return this.issue(app, code.scopes, true);
  }

  private refresh(app: ClientApp, params: URLSearchParams): SandboxResponse {
    const value = params.get("refresh_token") ?? "";
    const record = this.refreshTokens.get(value);
    if (record === undefined || !record.active || record.clientId !== app.clientId) {
      return oauthError(400, "invalid_grant", "Invalid refresh token");
    }
    let scopes = record.scopes;
    const requested = parseScopes(params.get("scope"));
    if (requested.length > 0) {
      const extra = requested.filter((s) => !record.scopes.includes(s));
      if (extra.length > 0) return oauthError(400, "invalid_scope", `Scope(s) not granted originally: ${extra.join(" ")}`);
      scopes = requested.includes("offline_access") ? requested : [...requested, "offline_access"];
    }
    if (record.predecessor !== undefined) {
      const old = this.refreshTokens.get(record.predecessor);
      if (old !== undefined) old.active = false;
    }
    if (this.options().refreshTokenRotation === "immediate") record.active = false;
    return this.issue(app, scopes, true, value);
  }

  private issue(app: ClientApp, scopes: string[], userContext: boolean, replacing?: string): SandboxResponse {
    const access = opaque("nba_");
    const lifetime = this.ctx.knobs.tokenLifetimeSec;
    this.accessTokens.set(access, {
      clientId: app.clientId,
      scopes,
      expiresAt: this.ctx.now() + lifetime * 1000,
      userContext,
    });
    const body: Record<string, unknown> = {
      access_token: access,
      token_type: "Bearer",
      expires_in: lifetime,
      scope: scopes.join(" "),
    };
    if (userContext && scopes.includes("offline_access")) {
      const refresh = opaque("nbr_");
      const record: RefreshToken = { clientId: app.clientId, scopes, active: true };
      if (replacing !== undefined) record.predecessor = replacing;
      this.refreshTokens.set(refresh, record);
      body.refresh_token = refresh;
    }
    return jsonResponse(200, body, { headers: { "cache-control": "no-store" } });
  }
}
