import type { NinjaInstance } from "../clients/ninjaone/instance.js";
import { ninjaAuthorizeUrl, requestNinjaToken, type NinjaApp, type NinjaToken } from "../clients/ninjaone/auth.js";
import { AuthenticationError } from "../errors.js";
import type { HttpClient, Now } from "../http/index.js";
import { startLoopbackListener } from "./loopback-listener.js";
import { createOAuthState, createPkcePair } from "./pkce.js";

export interface BrowserSignIn {
  http: HttpClient;
  instance: NinjaInstance;
  app: NinjaApp;
  scopes: readonly string[];
  /** Port of the loopback redirect; 0 for any free one. */
  port: number;
  now: Now;
  /** Told the redirect URI and the URL to open; shows them to the person. */
  show(redirectUri: string, authorizeUrl: string): void;
  /** Opens the URL in a browser, when there is one to open. */
  open?(authorizeUrl: string): void;
  timeoutMs?: number;
}

/**
 * NinjaOne's authorization code flow with PKCE S256: listen on loopback, send the person to
 * the authorize page, take the code from the redirect, and trade it for tokens.
 */
export async function signInWithBrowser(request: BrowserSignIn): Promise<NinjaToken & { refreshToken: string }> {
  const pkce = createPkcePair();
  const state = createOAuthState();
  const listener = await startLoopbackListener({ port: request.port, expectedState: state, ...(request.timeoutMs === undefined ? {} : { timeoutMs: request.timeoutMs }) });
  try {
    const url = ninjaAuthorizeUrl(request.instance.baseUrl, {
      clientId: request.app.clientId,
      redirectUri: listener.redirectUri,
      scopes: request.scopes,
      state,
      codeChallenge: pkce.challenge,
    });
    request.show(listener.redirectUri, url);
    request.open?.(url);
    const code = await listener.code;
    const token = await requestNinjaToken(
      request.http,
      request.app,
      { type: "authorization_code", code, redirectUri: listener.redirectUri, codeVerifier: pkce.verifier },
      request.now,
    );
    if (token.refreshToken === undefined) {
      throw new AuthenticationError("NinjaOne signed in but returned no refresh token, so later runs could not sign in alone", {
        service: "ninjaone",
        method: "POST",
        path: "/ws/oauth/token",
        hint: "Allow the refresh token grant for the app under Administration → Apps → API, then sign in again.",
      });
    }
    return { ...token, refreshToken: token.refreshToken };
  } finally {
    await listener.close();
  }
}
