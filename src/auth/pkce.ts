import { createHash, randomBytes } from "node:crypto";

export interface PkcePair {
  verifier: string;
  /** base64url(SHA-256(verifier)), sent with `code_challenge_method=S256`. */
  challenge: string;
}

/** RFC 7636: a 43-character verifier from 32 random bytes, and its S256 challenge. */
export function createPkcePair(): PkcePair {
  const verifier = randomBytes(32).toString("base64url");
  return { verifier, challenge: pkceChallenge(verifier) };
}

export function pkceChallenge(verifier: string): string {
  return createHash("sha256").update(verifier).digest("base64url");
}

/** The `state` that ties the redirect back to this login, so a forged redirect is refused. */
export function createOAuthState(): string {
  return randomBytes(16).toString("base64url");
}
