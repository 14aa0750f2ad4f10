import { describe, expect, it } from "vitest";
import { backoffDelay, decideRetry, isIdempotentMethod, parseRetryAfter } from "../../../src/http/retry-policy.js";

const options = { maxAttempts: 4, baseDelayMs: 1_000, maxDelayMs: 10_000 };

describe("retry policy", () => {
  it("treats GET, HEAD, PUT, DELETE and OPTIONS as idempotent and POST and PATCH as not", () => {
    expect(["GET", "HEAD", "PUT", "DELETE", "OPTIONS"].map(isIdempotentMethod)).toEqual([true, true, true, true, true]);
    expect(["POST", "PATCH"].map(isIdempotentMethod)).toEqual([false, false]);
  });

  it("reads Retry-After as seconds or as an HTTP-date relative to now", () => {
    const now = Date.UTC(2025, 0, 1, 12, 0, 0);
    expect(parseRetryAfter("3", now)).toBe(3_000);
    expect(parseRetryAfter(new Date(now + 7_000).toUTCString(), now)).toBe(7_000);
    expect(parseRetryAfter(new Date(now - 7_000).toUTCString(), now)).toBe(0);
    expect(parseRetryAfter("soon", now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });

  it("draws full-jitter backoff from a window that doubles up to the maximum", () => {
    const top = () => 0.999999;
    expect([1, 2, 3, 4, 5].map((n) => backoffDelay(n, options, top))).toEqual([999, 1_999, 3_999, 7_999, 9_999]);
    expect(backoffDelay(3, options, () => 0)).toBe(0);
  });

  it("uses the server's Retry-After over its own guess", () => {
    expect(decideRetry(1, 2_500, options, () => 0.5)).toEqual({ retry: true, delayMs: 2_500 });
  });

  it("gives up when the attempts are used or the server asks to wait longer than the maximum", () => {
    expect(decideRetry(4, undefined, options, () => 0.5)).toEqual({ retry: false, reason: "attempts" });
    expect(decideRetry(1, 60_000, options, () => 0.5)).toEqual({
      retry: false,
      reason: "retry-after-too-long",
      retryAfterMs: 60_000,
    });
  });
});
