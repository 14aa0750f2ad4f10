import { describe, expect, it } from "vitest";
import { RateLimiter } from "../../../src/http/rate-limiter.js";
import { fakeClock } from "./fakes.js";

describe("RateLimiter", () => {
  it("spaces requests evenly at the configured rate", async () => {
    const clock = fakeClock(0);
    const limiter = new RateLimiter(5, clock);
    const waits = await Promise.all([0, 1, 2, 3].map(() => limiter.acquire()));
    expect(waits).toEqual([0, 200, 400, 600]);
  });

  it("serves waiting requests in the order they asked", async () => {
    const clock = fakeClock(0);
    const limiter = new RateLimiter(2, clock);
    const order: string[] = [];
    await Promise.all(["a", "b", "c", "d"].map((name) => limiter.acquire().then(() => order.push(name))));
    expect(order).toEqual(["a", "b", "c", "d"]);
  });

  it("lets a burst through at once after a quiet spell, then spaces the rest", async () => {
    const clock = fakeClock(0);
    const limiter = new RateLimiter(10, { ...clock, burst: 3 });
    clock.advance(1_000);
    const waits = await Promise.all([0, 1, 2, 3].map(() => limiter.acquire()));
    expect(waits).toEqual([0, 0, 0, 100]);
  });

  it("holds every request until a pause has passed", async () => {
    const clock = fakeClock(0);
    const limiter = new RateLimiter(Infinity, clock);
    await limiter.acquire();
    limiter.pause(3_000);
    const waits = await Promise.all([limiter.acquire(), limiter.acquire()]);
    expect(waits).toEqual([3_000, 3_000]);
  });

  it("does not sleep when the rate is unlimited and nothing paused it", async () => {
    const clock = fakeClock(0);
    const limiter = new RateLimiter(Infinity, clock);
    await Promise.all([limiter.acquire(), limiter.acquire(), limiter.acquire()]);
    expect(clock.sleeps).toEqual([]);
  });

  it("refuses a rate of zero", () => {
    expect(() => new RateLimiter(0)).toThrow(RangeError);
  });
});
