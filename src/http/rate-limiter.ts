import { type Now, type Sleep, realSleep, systemNow } from "./clock.js";

export interface RateLimiterOptions {
  /** Requests that may go out back to back after a quiet spell; 1 spaces every request evenly. */
  burst?: number;
  now?: Now;
  sleep?: Sleep;
}

/**
 * A token bucket shared by every request of one service. Waiters are served strictly in
 * arrival order by a single loop that sleeps until the next token (or the end of a pause),
 * so nothing polls. `Infinity` requests per second disables spacing but keeps `pause`.
 */
export class RateLimiter {
  private readonly burst: number;
  private readonly now: Now;
  private readonly sleep: Sleep;
  private tokens: number;
  private refilledAt: number;
  private pausedUntil = 0;
  private readonly waiters: Array<() => void> = [];
  private serving = false;

  constructor(
    readonly requestsPerSecond: number,
    options: RateLimiterOptions = {},
  ) {
    if (!(requestsPerSecond > 0)) throw new RangeError(`requests per second must be above 0, got ${requestsPerSecond}`);
    this.burst = Math.max(1, options.burst ?? 1);
    this.now = options.now ?? systemNow;
    this.sleep = options.sleep ?? realSleep;
    this.tokens = this.burst;
    this.refilledAt = this.now();
  }

  /** Resolves when this request may go out, with the milliseconds it waited. */
  async acquire(): Promise<number> {
    const start = this.now();
    await new Promise<void>((resolve) => {
      this.waiters.push(resolve);
      void this.serve();
    });
    return this.now() - start;
  }

  /** Epoch ms until which requests are held by a 429 pause (in the past when none is). */
  get resumesAt(): number {
    return this.pausedUntil;
  }

  /** Holds every request of the service until `ms` from now (the server said 429). */
  pause(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.now() + ms);
  }

  private async serve(): Promise<void> {
    if (this.serving) return;
    this.serving = true;
    try {
      while (this.waiters.length > 0) {
        const wait = this.waitMs();
        if (wait > 0) {
          await this.sleep(wait);
          continue;
        }
        this.tokens -= 1;
        this.waiters.shift()?.();
      }
    } finally {
      this.serving = false;
    }
  }

  private waitMs(): number {
    const now = this.now();
    if (now < this.pausedUntil) return this.pausedUntil - now;
    if (!Number.isFinite(this.requestsPerSecond)) return 0;
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.refilledAt) * this.requestsPerSecond) / 1000);
    this.refilledAt = now;
    if (this.tokens >= 1) return 0;
    return Math.ceil(((1 - this.tokens) * 1000) / this.requestsPerSecond);
  }
}
