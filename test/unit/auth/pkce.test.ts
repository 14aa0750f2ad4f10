import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ninjaAuthorizeUrl } from "../../../src/clients/ninjaone/auth.js";
import { createOAuthState, createPkcePair } from "../../../src/auth/pkce.js";

describe("PKCE", () => {
  it("makes a 43-character verifier whose challenge is its base64url SHA-256", () => {
    const { verifier, challenge } = createPkcePair();
    expect(verifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(challenge).toBe(createHash("sha256").update(verifier).digest("base64url"));
  });

  it("never repeats a verifier or a state", () => {
    expect(createPkcePair().verifier).not.toBe(createPkcePair().verifier);
    expect(createOAuthState()).not.toBe(createOAuthState());
  });
});

describe("ninjaAuthorizeUrl", () => {
  it("asks for a code with S256 and adds offline_access to the scopes once", () => {
    const url = new URL(
      ninjaAuthorizeUrl("https://eu.ninjarmm.com", { clientId: "c", redirectUri: "http://127.0.0.1:8976/callback", scopes: ["monitoring", "management"], state: "s", codeChallenge: "x" }),
    );
    expect(url.origin + url.pathname).toBe("https://eu.ninjarmm.com/ws/oauth/authorize");
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: "code",
      client_id: "c",
      redirect_uri: "http://127.0.0.1:8976/callback",
      scope: "monitoring management offline_access",
      state: "s",
      code_challenge: "x",
      code_challenge_method: "S256",
    });
    const again = new URL(ninjaAuthorizeUrl("https://eu.ninjarmm.com", { clientId: "c", redirectUri: "r", scopes: ["monitoring", "offline_access"], state: "s", codeChallenge: "x" }));
    expect(again.searchParams.get("scope")).toBe("monitoring offline_access");
  });
});
