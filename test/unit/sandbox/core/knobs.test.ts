import { describe, expect, it } from "vitest";
import { applyKnobsPatch, defaultKnobs, knobsPatchSchema } from "../../../../src/sandbox/core/knobs.js";

describe("knobs", () => {
  it("changes only the fields a patch names, in the same objects services hold", () => {
    const knobs = defaultKnobs();
    const rateLimit = knobs.rateLimit;
    applyKnobsPatch(knobs, { faultRate: 0.5, rateLimit: { acronis: 5 } });
    expect(knobs).toEqual({
      latencyMs: 0,
      faultRate: 0.5,
      faultKinds: ["status500", "status502", "status503", "drop", "html"],
      faultRoutes: [],
      tokenLifetimeSec: 3600,
      stallAfterRequests: 0,
      rateLimit: { ninjaone: 0, acronis: 5, cipp: 0 },
      trickleMs: { ninjaone: 0, acronis: 0, cipp: 0 },
    });
    expect(knobs.rateLimit).toBe(rateLimit);
  });

  it("narrows the faults to the kinds a patch names, each once", () => {
    const knobs = applyKnobsPatch(defaultKnobs(), { faultKinds: ["html", "status500", "html"] });
    expect(knobs.faultKinds).toEqual(["html", "status500"]);
  });

  it("rejects out-of-range values, unknown services and unknown knobs", () => {
    expect(knobsPatchSchema.safeParse({ faultRate: 1.5 }).success).toBe(false);
    expect(knobsPatchSchema.safeParse({ latencyMs: -1 }).success).toBe(false);
    expect(knobsPatchSchema.safeParse({ tokenLifetimeSec: 0 }).success).toBe(false);
    expect(knobsPatchSchema.safeParse({ rateLimit: { autotask: 1 } }).success).toBe(false);
    expect(knobsPatchSchema.safeParse({ latency: 5 }).success).toBe(false);
    expect(knobsPatchSchema.safeParse({ faultKinds: [] }).success).toBe(false);
    expect(knobsPatchSchema.safeParse({ faultKinds: ["status404"] }).success).toBe(false);
  });
});
