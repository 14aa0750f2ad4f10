import { describe, expect, it } from "vitest";
import { RateLimiter } from "../../../../src/sandbox/core/rate-limiter.js";

describe("RateLimiter", () => {
  it("allows the limit within one second and refuses the next request", () => {
    const limiter = new RateLimiter(() => 10_000);
    expect([1, 2, 3].map(() => limiter.take("a", 3).allowed)).toEqual([true, true, true]);
    expect(limiter.take("a", 3)).toEqual({ allowed: false, retryAfterSec: 1 });
  });

  it("counts each client separately", () => {
    const limiter = new RateLimiter(() => 10_000);
    limiter.take("a", 1);
    expect(limiter.take("a", 1).allowed).toBe(false);
    expect(limiter.take("b", 1).allowed).toBe(true);
  });

  it("allows requests again in the next second", () => {
    let now = 10_500;
    const limiter = new RateLimiter(() => now);
    limiter.take("a", 1);
    expect(limiter.take("a", 1).allowed).toBe(false);
    now = 11_000;
    expect(limiter.take("a", 1).allowed).toBe(true);
  });

  it("never refuses when the limit is 0", () => {
    const limiter = new RateLimiter(() => 0);
    for (let i = 0; i < 100; i++) expect(limiter.take("a", 0).allowed).toBe(true);
  });
});
