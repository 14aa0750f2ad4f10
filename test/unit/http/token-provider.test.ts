import { describe, expect, it } from "vitest";
import { CachedTokenProvider } from "../../../src/http/token-provider.js";
import { fakeClock } from "./fakes.js";

function issuer(clock: { now(): number }, lifetimeMs = 3_600_000) {
  let issued = 0;
  return {
    count: () => issued,
    obtain: async () => {
      issued += 1;
      return { accessToken: `t${issued}`, expiresAt: clock.now() + lifetimeMs };
    },
  };
}

describe("CachedTokenProvider", () => {
  it("reuses a token until a minute before it expires, then gets a new one", async () => {
    const clock = fakeClock(0);
    const tokens = issuer(clock);
    const provider = new CachedTokenProvider(tokens.obtain, { now: clock.now });
    expect(await provider.getToken()).toBe("t1");
    clock.advance(3_600_000 - 61_000);
    expect(await provider.getToken()).toBe("t1");
    clock.advance(2_000);
    expect(await provider.getToken()).toBe("t2");
    expect(tokens.count()).toBe(2);
  });

  it("keeps the full minute's margin for a token an earlier run obtained, counting its life from then", async () => {
    const clock = fakeClock(3_600_000 - 70_000);
    let issued = 0;
    // Kept by an earlier run at 0, expiring at one hour: 70 s of life left now.
    const provider = new CachedTokenProvider(async () => ({ accessToken: `t${++issued}`, expiresAt: 3_600_000, obtainedAt: issued === 1 ? 0 : clock.now() }), { now: clock.now });
    expect(await provider.getToken()).toBe("t1");
    clock.advance(11_000);
    expect(await provider.getToken()).toBe("t2");
  });

  it("asks once for a token however many callers want one at the same time", async () => {
    const clock = fakeClock(0);
    const tokens = issuer(clock);
    const provider = new CachedTokenProvider(tokens.obtain, { now: clock.now });
    const got = await Promise.all([provider.getToken(), provider.getToken(), provider.getToken()]);
    expect(got).toEqual(["t1", "t1", "t1"]);
    expect(tokens.count()).toBe(1);
  });

  it("gets a new token after the current one was invalidated", async () => {
    const clock = fakeClock(0);
    const tokens = issuer(clock);
    const provider = new CachedTokenProvider(tokens.obtain, { now: clock.now });
    await provider.getToken();
    provider.invalidate("t1");
    expect(await provider.getToken()).toBe("t2");
  });

  it("ignores an invalidation of a token it has already replaced", async () => {
    const clock = fakeClock(0);
    const tokens = issuer(clock);
    const provider = new CachedTokenProvider(tokens.obtain, { now: clock.now });
    await provider.getToken();
    provider.invalidate("t1");
    await provider.getToken();
    provider.invalidate("t1");
    expect(await provider.getToken()).toBe("t2");
    expect(tokens.count()).toBe(2);
  });

  it("reuses a token shorter-lived than the margin until half its life", async () => {
    const clock = fakeClock(0);
    const tokens = issuer(clock, 30_000);
    const provider = new CachedTokenProvider(tokens.obtain, { now: clock.now });
    await provider.getToken();
    clock.advance(14_000);
    expect(await provider.getToken()).toBe("t1");
    clock.advance(2_000);
    expect(await provider.getToken()).toBe("t2");
  });

  it("passes a failed token request to every waiting caller and tries again on the next call", async () => {
    let calls = 0;
    const provider = new CachedTokenProvider(async () => {
      calls += 1;
      if (calls === 1) throw new Error("token endpoint down");
      return { accessToken: "ok", expiresAt: Date.now() + 3_600_000 };
    });
    const results = await Promise.allSettled([provider.getToken(), provider.getToken()]);
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected"]);
    expect(await provider.getToken()).toBe("ok");
    expect(calls).toBe(2);
  });
});
