import { describe, expect, it } from "vitest";
import { classifyNetworkError } from "../../../src/http/network-failure.js";

function fetchFailed(code: string): Error {
  return new TypeError("fetch failed", { cause: Object.assign(new Error(`connect ${code}`), { code }) });
}

describe("classifyNetworkError", () => {
  it("treats a refused connection as retryable and never sent", () => {
    expect(classifyNetworkError(fetchFailed("ECONNREFUSED"))).toEqual({ what: "ECONNREFUSED", retryable: true, maybeSent: false });
  });

  it("treats a reset or a hang-up as retryable but possibly sent", () => {
    expect(classifyNetworkError(fetchFailed("ECONNRESET"))).toEqual({ what: "ECONNRESET", retryable: true, maybeSent: true });
    expect(classifyNetworkError(new Error("socket hang up"))).toEqual({ what: "socket hang up", retryable: true, maybeSent: true });
  });

  it("does not retry an unknown host", () => {
    expect(classifyNetworkError(fetchFailed("ENOTFOUND"))).toEqual({ what: "ENOTFOUND", retryable: false, maybeSent: false });
  });

  it("names a time-out with its length", () => {
    expect(classifyNetworkError(new Error("aborted"), 30_000)).toEqual({ what: "timed out after 30.0 s", retryable: true, maybeSent: true });
  });
});
