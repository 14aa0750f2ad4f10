import nock from "nock";
import { describe, expect, it } from "vitest";
import { DeadlineError, ExitCode } from "../../../src/errors.js";
import { Deadline } from "../../../src/http/deadline.js";
import { BASE, testClient, useNock } from "./client-fixture.js";
import { fakeClock } from "./fakes.js";

useNock();

/** A client whose run ends `budgetMs` after the fake clock's start. */
function clientWithBudget(budgetMs: number, retry: { baseDelayMs?: number; maxAttempts?: number } = {}) {
  const clock = fakeClock(Date.UTC(2025, 0, 1, 12, 0, 0));
  const deadline = new Deadline(clock.now() + budgetMs, `${budgetMs / 1000}s`, clock.now);
  return { ...testClient({ deadline, sleep: clock.sleep, now: clock.now, retry }), clock, deadline };
}

describe("HttpClient under a deadline", () => {
  it("never sleeps a backoff past the deadline: it fails the request there instead", async () => {
    const scope = nock(BASE).get("/v2/alerts").times(2).reply(503);
    // Jitter is fixed at half: waits of 500 ms, then 1,000 ms; the second would end past 1.2 s.
    const { client, clock, deadline } = clientWithBudget(1_200, { baseDelayMs: 1_000 });
    const error = await client.request({ method: "GET", path: "/v2/alerts" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeadlineError);
    expect((error as DeadlineError).exitCode).toBe(ExitCode.partial);
    expect((error as DeadlineError).message).toContain("the run's deadline (1.2s) was reached");
    expect((error as DeadlineError).message).toContain("waiting 1.0 s to retry would pass it");
    expect((error as DeadlineError).hint).toContain("--deadline");
    expect(clock.sleeps).toEqual([500]);
    expect(clock.now()).toBeLessThan(deadline.at);
    scope.done();
  });

  it("does not wait out a Retry-After that ends past the deadline", async () => {
    const scope = nock(BASE).get("/v2/organizations").reply(429, "", { "retry-after": "30" });
    const { client, clock } = clientWithBudget(10_000);
    await expect(client.request({ method: "GET", path: "/v2/organizations" })).rejects.toBeInstanceOf(DeadlineError);
    expect(clock.sleeps).toEqual([]);
    scope.done();
  });

  it("does not send into a rate-limit pause that outlasts the deadline", async () => {
    const scope = nock(BASE).get("/v2/devices").reply(429, "", { "retry-after": "45" });
    const { client, clock } = clientWithBudget(20_000);
    await expect(client.request({ method: "GET", path: "/v2/devices" })).rejects.toBeInstanceOf(DeadlineError);
    // The pause holds the whole service: a second request is refused without being sent (nock has no more replies).
    const second = await client.request({ method: "GET", path: "/v2/organizations" }).catch((e: unknown) => e);
    expect(second).toBeInstanceOf(DeadlineError);
    expect((second as DeadlineError).message).toContain("pause");
    expect(clock.sleeps).toEqual([]);
    scope.done();
  });

  it("sends nothing once the deadline has passed", async () => {
    const { client, clock } = clientWithBudget(1_000);
    clock.advance(1_000);
    const error = await client.request({ method: "POST", path: "/v2/ticketing/ticket", json: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeadlineError);
    expect(error).toMatchObject({ service: "ninjaone", method: "POST", path: "/v2/ticketing/ticket" });
    expect(nock.pendingMocks()).toEqual([]);
  });

  it("keeps retrying normally while the budget allows", async () => {
    const scope = nock(BASE).get("/v2/alerts").times(2).reply(503).get("/v2/alerts").reply(200, []);
    const { client, clock } = clientWithBudget(60_000, { baseDelayMs: 1_000 });
    await expect(client.request({ method: "GET", path: "/v2/alerts" })).resolves.toEqual([]);
    expect(clock.sleeps).toEqual([500, 1_000]);
    scope.done();
  });
});
