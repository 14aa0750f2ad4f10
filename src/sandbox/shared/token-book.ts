import { randomBytes } from "node:crypto";

export type TokenCheck =
  | { state: "valid"; clientId: string }
  | { state: "missing" | "unknown" | "expired" };

function b64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}

/**
 * Access tokens a simulated identity provider has issued. Tokens look like JWTs (Acronis and
 * Entra both issue JWTs) but are opaque here: validity is looked up, never decoded.
 */
export class TokenBook {
  private readonly tokens = new Map<string, { clientId: string; expiresAtMs: number }>();

  constructor(private readonly issuer: string) {}

  issue(clientId: string, nowMs: number, lifetimeSec: number): { token: string; expiresAtMs: number } {
    const expiresAtMs = nowMs + lifetimeSec * 1000;
    const claims = { iss: this.issuer, sub: clientId, iat: Math.floor(nowMs / 1000), exp: Math.floor(expiresAtMs / 1000), jti: randomBytes(8).toString("hex") };
    const token = `${b64url({ alg: "RS256", typ: "JWT" })}.${b64url(claims)}.${randomBytes(32).toString("base64url")}`;
    this.tokens.set(token, { clientId, expiresAtMs });
    return { token, expiresAtMs };
  }

  /** An id token: shaped like the access token but never accepted as one. */
  idToken(clientId: string, nowMs: number): string {
    const claims = { iss: this.issuer, sub: clientId, aud: clientId, iat: Math.floor(nowMs / 1000) };
    return `${b64url({ alg: "RS256", typ: "JWT" })}.${b64url(claims)}.${randomBytes(32).toString("base64url")}`;
  }

  check(token: string | undefined, nowMs: number): TokenCheck {
    if (token === undefined) return { state: "missing" };
    const entry = this.tokens.get(token);
    if (entry === undefined) return { state: "unknown" };
    if (nowMs >= entry.expiresAtMs) return { state: "expired" };
    return { state: "valid", clientId: entry.clientId };
  }

  /** Forgets every token issued so far: each is answered as unknown from now on. */
  revokeAll(): number {
    const count = this.tokens.size;
    this.tokens.clear();
    return count;
  }

  clientOf(token: string | undefined): string | undefined {
    return token === undefined ? undefined : this.tokens.get(token)?.clientId;
  }
}
