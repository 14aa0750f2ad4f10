import { describe, expect, it } from "vitest";
import { createSandboxClock } from "../../../../src/sandbox/core/clock.js";

describe("createSandboxClock", () => {
  it("follows its base clock plus every advance", () => {
    let base = 1_000_000;
    const clock = createSandboxClock(() => base);
    clock.advance(3600);
    base += 5;
    expect(clock.now()).toBe(1_000_000 + 3_600_000 + 5);
    expect(clock.offsetSeconds()).toBe(3600);
  });

  it("refuses to move backwards", () => {
    expect(() => createSandboxClock(() => 0).advance(-1)).toThrow(RangeError);
  });
});
