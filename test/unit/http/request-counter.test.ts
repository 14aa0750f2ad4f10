import { describe, expect, it } from "vitest";
import { RequestCounter } from "../../../src/http/index.js";

describe("RequestCounter.since", () => {
  it("gives what each service added after a snapshot, and leaves out services that sent nothing since", () => {
    const counter = new RequestCounter();
    counter.recordResponse("ninjaone", 200);
    counter.recordResponse("acronis", 200);
    const baseline = counter.snapshot();
    counter.recordResponse("ninjaone", 429);
    counter.recordRetry("ninjaone");
    counter.recordRateLimitWait("ninjaone", 1500);
    counter.recordResponse("ninjaone", 204);
    counter.recordNetworkFailure("cipp");
    expect(counter.since(baseline)).toEqual({
      ninjaone: { requests: 2, retries: 1, rateLimitWaitMs: 1500, byStatusClass: { "2xx": 1, "3xx": 0, "4xx": 1, "5xx": 0, network: 0 } },
      cipp: { requests: 1, retries: 0, rateLimitWaitMs: 0, byStatusClass: { "2xx": 0, "3xx": 0, "4xx": 0, "5xx": 0, network: 1 } },
    });
  });
});
