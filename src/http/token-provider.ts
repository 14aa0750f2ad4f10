import { type Now, systemNow } from "./clock.js";

/** Where an HttpClient gets the bearer token for a request. */
export interface TokenProvider {
  getToken(): Promise<string>;
  /**
   * Drops the cached token after the server refused it. Passing the refused token lets
   * a provider ignore stale reports when another request has already refreshed it.
   */
  invalidate(rejectedToken?: string): void;
}

export interface IssuedToken {
  accessToken: string;
  /** Epoch milliseconds after which the server no longer accepts it. */
  expiresAt: number;
  /** False when the token endpoint stated no lifetime and `expiresAt` is UNSTATED_LIFETIME_MS after issue. */
  expiryStated?: boolean;
  /** When it was obtained, for a token kept by an earlier run: its renewal margin counts from then, not from now. */
  obtainedAt?: number;
}

/**
 * The life we give a token whose endpoint states none. RFC 6749 §5.1 makes `expires_in` only
 * RECOMMENDED ("if omitted, the authorization server SHOULD provide the expiration time via
 * other means or document the default value"); none of our vendors documents a default
 * (NinjaOne shows 3600 in every example, Acronis sends `expires_on`, Entra `expires_in`). So
 * such a token is renewed early within a run and never kept for the next one; a 401 before
 * then costs one refresh.
 */
export const UNSTATED_LIFETIME_MS = 10 * 60_000;

/** When a token from a response with `expires_in` (seconds from now) and/or `expires_on` (epoch seconds) expires. */
export function tokenExpiry(issuedAt: number, stated: { expiresInSec?: number | undefined; expiresOnSec?: number | undefined }): Pick<IssuedToken, "expiresAt" | "expiryStated"> {
  if (stated.expiresOnSec !== undefined) return { expiresAt: stated.expiresOnSec * 1000 };
  if (stated.expiresInSec !== undefined) return { expiresAt: issuedAt + stated.expiresInSec * 1000 };
  return { expiresAt: issuedAt + UNSTATED_LIFETIME_MS, expiryStated: false };
}

/**
 * When to stop using a token: a minute before it expires, so it never dies mid-request, or at
 * half-life for a token too short-lived for that to leave any use.
 */
export function renewAt(issuedAt: number, expiresAt: number, marginMs = 60_000): number {
  return expiresAt - Math.max(0, Math.min(marginMs, (expiresAt - issuedAt) / 2));
}

export interface CachedTokenProviderOptions {
  now?: Now;
  /** Renew this long before expiry, so a token never dies mid-request. Default 60 s. */
  refreshMarginMs?: number;
}

/**
 * Caches the token from `obtain` until shortly before it expires. Concurrent callers share
 * one in-flight token request, so a burst of requests on a cold start asks for one token.
 * `obtain` is told every token the server has refused, so a source that keeps tokens beyond
 * this process (the NinjaOne user flow) does not hand the same dead one back.
 */
export class CachedTokenProvider implements TokenProvider {
  private readonly now: Now;
  private readonly refreshMarginMs: number;
  private current: { token: string; renewAt: number } | undefined;
  private inFlight: Promise<string> | undefined;
  private readonly refused = new Set<string>();

  constructor(
    private readonly obtain: (refused: ReadonlySet<string>) => Promise<IssuedToken>,
    options: CachedTokenProviderOptions = {},
  ) {
    this.now = options.now ?? systemNow;
    this.refreshMarginMs = options.refreshMarginMs ?? 60_000;
  }

  getToken(): Promise<string> {
    if (this.current !== undefined && this.now() < this.current.renewAt) return Promise.resolve(this.current.token);
    this.inFlight ??= this.fetchToken().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  invalidate(rejectedToken?: string): void {
    if (rejectedToken !== undefined) this.refused.add(rejectedToken);
    if (rejectedToken === undefined || this.current?.token === rejectedToken) this.current = undefined;
  }

  private async fetchToken(): Promise<string> {
    const askedAt = this.now();
    const { accessToken, expiresAt, obtainedAt } = await this.obtain(this.refused);
    this.current = { token: accessToken, renewAt: renewAt(obtainedAt ?? askedAt, expiresAt, this.refreshMarginMs) };
    return accessToken;
  }
}
