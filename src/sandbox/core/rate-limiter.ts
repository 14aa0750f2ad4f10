/**
 * Per-client request limits as fixed one-second windows: simple to reason about in tests
 * ("the (N+1)th request within a second is refused") and O(1) per request.
 */
export type RateDecision = { allowed: true } | { allowed: false; retryAfterSec: number };

interface Window {
  start: number;
  count: number;
}

const WINDOW_MS = 1000;
/** Above this many tracked clients, stale windows are dropped so memory stays bounded. */
const PRUNE_ABOVE = 10_000;

export class RateLimiter {
  private readonly windows = new Map<string, Window>();

  constructor(private readonly now: () => number) {}

  /** Records one request of `key` and decides it against `limit` requests per second (0 = unlimited). */
  take(key: string, limit: number): RateDecision {
    if (limit <= 0) return { allowed: true };
    const now = this.now();
    const start = Math.floor(now / WINDOW_MS) * WINDOW_MS;
    let window = this.windows.get(key);
    if (window === undefined || window.start !== start) {
      if (window === undefined && this.windows.size >= PRUNE_ABOVE) this.prune(start);
      window = { start, count: 0 };
      this.windows.set(key, window);
    }
    window.count++;
    if (window.count <= limit) return { allowed: true };
    return { allowed: false, retryAfterSec: Math.max(1, Math.ceil((start + WINDOW_MS - now) / 1000)) };
  }

  private prune(currentStart: number): void {
    for (const [key, window] of this.windows) if (window.start !== currentStart) this.windows.delete(key);
  }
}
