import nock from "nock";
import { afterAll, afterEach, beforeAll } from "vitest";
import { HttpClient, type HttpClientOptions } from "../../../src/http/http-client.js";
import { RequestCounter } from "../../../src/http/request-counter.js";
import { fakeClock, recordingLogger } from "./fakes.js";

export const BASE = "https://api.ninja.test";

/** No real network, and no interceptor left over from one test into the next. */
export function useNock(): void {
  beforeAll(() => nock.disableNetConnect());
  afterEach(() => nock.cleanAll());
  afterAll(() => nock.enableNetConnect());
}

/** A client on a fake clock with a recording logger and its own counter; jitter is fixed at half. */
export function testClient(overrides: Partial<HttpClientOptions> = {}) {
  const clock = fakeClock(Date.UTC(2025, 0, 1, 12, 0, 0));
  const { logger, lines } = recordingLogger();
  const counter = new RequestCounter();
  const client = new HttpClient({
    service: "ninjaone",
    baseUrl: BASE,
    logger,
    counter,
    sleep: clock.sleep,
    now: clock.now,
    random: () => 0.5,
    ...overrides,
  });
  return { client, clock, lines, counter };
}
