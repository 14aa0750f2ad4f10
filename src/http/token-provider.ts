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
    const issuedAt = this.now();
    const { accessToken, expiresAt } = await this.obtain(this.refused);
    // A token shorter-lived than twice the margin would never be reused; renew it at half-life instead.
    const margin = Math.max(0, Math.min(this.refreshMarginMs, (expiresAt - issuedAt) / 2));
    this.current = { token: accessToken, renewAt: expiresAt - margin };
    return accessToken;
  }
}
