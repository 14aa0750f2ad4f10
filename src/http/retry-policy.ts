/** Pure decisions about retrying: which requests may repeat, and how long to wait first. */

export interface RetryOptions {
  /** Attempts in total, the first included. */
  maxAttempts: number;
  /** Ceiling of the first backoff window; each later window doubles. */
  baseDelayMs: number;
  /** Longest wait before one retry; a server asking for longer makes us give up instead. */
  maxDelayMs: number;
  /**
   * Attempts in total when the server itself failed (a 5xx, an HTML page in place of JSON),
   * never more than `maxAttempts`. Three is what both vendors advise: NinjaOne's staff scripts
   * try 429/500/502/503/504 up to 3 times, Acronis says to retry a 5xx twice (ninjaone-api.md
   * §11, acronis-api.md §6). A server that fails three times running is down, not unlucky.
   */
  maxServerErrorAttempts: number;
  /**
   * Attempts in total when the server could not be reached at all (connection refused, name
   * not resolved yet), never more than `maxAttempts`. A cron run rides out a short outage;
   * a person waiting at `auth login` with a mistyped URL wants to hear at once.
   */
  maxUnreachableAttempts: number;
}

/** The part of the options one backoff decision needs. */
export type BackoffOptions = Pick<RetryOptions, "maxAttempts" | "baseDelayMs" | "maxDelayMs">;

export const DEFAULT_RETRY: RetryOptions = { maxAttempts: 5, baseDelayMs: 1_000, maxDelayMs: 60_000, maxServerErrorAttempts: 3, maxUnreachableAttempts: 5 };

/**
 * Statuses worth repeating where repeating is safe. A 429 was refused before any work; a 5xx
 * may come after the work was done, so only requests that are safe to repeat go again.
 */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 500, 502, 503, 504]);

const IDEMPOTENT_METHODS: ReadonlySet<string> = new Set(["GET", "HEAD", "PUT", "DELETE", "OPTIONS"]);

export function isIdempotentMethod(method: string): boolean {
  return IDEMPOTENT_METHODS.has(method.toUpperCase());
}

/** Milliseconds a `Retry-After` header asks for (delay-seconds or HTTP-date), or undefined. */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | undefined {
  if (value === null || value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}

/** Exponential backoff with full jitter: a uniform pick in [0, min(max, base·2^(n-1))). */
export function backoffDelay(failedAttempts: number, options: BackoffOptions, random: () => number): number {
  const window = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (failedAttempts - 1));
  return Math.floor(random() * window);
}

export type RetryDecision =
  | { retry: true; delayMs: number }
  | { retry: false; reason: "attempts" | "retry-after-too-long"; retryAfterMs?: number };

/**
 * Whether to send again after `failedAttempts` retryable failures. The server's own
 * `Retry-After` wins over a local guess; one longer than `maxDelayMs` ends the retries.
 */
export function decideRetry(
  failedAttempts: number,
  retryAfterMs: number | undefined,
  options: BackoffOptions,
  random: () => number,
): RetryDecision {
  if (failedAttempts >= options.maxAttempts) return { retry: false, reason: "attempts" };
  if (retryAfterMs !== undefined) {
    if (retryAfterMs > options.maxDelayMs) return { retry: false, reason: "retry-after-too-long", retryAfterMs };
    return { retry: true, delayMs: retryAfterMs };
  }
  return { retry: true, delayMs: backoffDelay(failedAttempts, options, random) };
}
