import nock from "nock";
import { afterAll, afterEach, beforeAll, expect } from "vitest";
import { HttpClient, RequestCounter } from "../../../src/http/index.js";
import type { Logger } from "../../../src/log.js";

export const NINJA = "https://eu.ninjarmm.test";
export const ACRONIS = "https://eu2.acronis.test";
export const CIPP = "https://cipp.msp.test";

/** No real network; every interceptor a test sets up must be used, and none outlives it. */
export function useNock(): void {
  beforeAll(() => nock.disableNetConnect());
  afterEach(() => {
    const unused = nock.pendingMocks();
    nock.cleanAll();
    expect(unused).toEqual([]);
  });
  afterAll(() => nock.enableNetConnect());
}

/** A client that never waits and tries each request once, so a failure surfaces at once. */
export function client(service: "ninjaone" | "acronis" | "cipp", baseUrl: string): HttpClient {
  return new HttpClient({ service, baseUrl, counter: new RequestCounter(), retry: { maxAttempts: 1 }, sleep: async () => undefined });
}

export function recordingLogger(): { logger: Logger; warnings: string[] } {
  const warnings: string[] = [];
  return { logger: { debug() {}, info() {}, warn: (m) => warnings.push(m) }, warnings };
}
