import { createHash, randomBytes } from "node:crypto";
import type { RunningSandbox } from "../../src/sandbox/server.js";

/**
 * Signs in to the sandbox's NinjaOne Web app as a browser and the CLI would (PKCE, code,
 * token exchange) and returns the refresh token: the authorization-code profile that ticket
 * writes need, with no loopback listener.
 */
export async function sandboxRefreshToken(sandbox: RunningSandbox): Promise<string> {
  const web = sandbox.credentials.ninjaone;
  const verifier = randomBytes(32).toString("base64url");
  const redirect = "http://127.0.0.1:9/callback";
  const query = new URLSearchParams({
    response_type: "code",
    client_id: web.webClientId ?? "",
    redirect_uri: redirect,
    scope: "monitoring management offline_access",
    state: "tickets-test",
    code_challenge: createHash("sha256").update(verifier).digest("base64url"),
    code_challenge_method: "S256",
  });
  const authorize = await fetch(`${sandbox.urls.ninjaone}/ws/oauth/authorize?${query}`, { redirect: "manual" });
  const code = new URL(authorize.headers.get("location") ?? "").searchParams.get("code") ?? "";
  const form = { grant_type: "authorization_code", code, redirect_uri: redirect, client_id: web.webClientId ?? "", client_secret: web.webClientSecret ?? "", code_verifier: verifier };
  const token = await fetch(`${sandbox.urls.ninjaone}/ws/oauth/token`, { method: "POST", body: new URLSearchParams(form) });
  return ((await token.json()) as { refresh_token: string }).refresh_token;
}

/** `env` with NinjaOne switched to the Web app's authorization-code flow, as cron would set it up. */
export function withNinjaUserToken(env: NodeJS.ProcessEnv, sandbox: RunningSandbox, refreshToken: string): NodeJS.ProcessEnv {
  return {
    ...env,
    NINJA_BRIDGE_NINJAONE_CLIENT_ID: sandbox.credentials.ninjaone.webClientId,
    NINJA_BRIDGE_NINJAONE_CLIENT_SECRET: sandbox.credentials.ninjaone.webClientSecret,
    NINJA_BRIDGE_NINJAONE_FLOW: "authorization-code",
    NINJA_BRIDGE_NINJAONE_REFRESH_TOKEN: refreshToken,
  };
}
