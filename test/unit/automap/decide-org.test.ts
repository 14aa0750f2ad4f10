import { describe, expect, it } from "vitest";
import { decideOrg } from "../../../src/jobs/automap/plan/decide-org.js";
import { DEFAULT_AUTOMAP_OPTIONS, resolveAutomapOptions } from "../../../src/jobs/automap/plan/index.js";

const options = DEFAULT_AUTOMAP_OPTIONS;

describe("decideOrg", () => {
  it("picks an organization holding exactly 60% of matched devices", () => {
    const decision = decideOrg([{ orgId: 1, devices: 3 }, { orgId: 2, devices: 1 }, { orgId: 3, devices: 1 }], options);
    expect(decision).toMatchObject({ kind: "winner", winner: { orgId: 1, devices: 3 }, matched: 5, share: 0.6 });
  });

  it("refuses an organization holding just under 60% of matched devices", () => {
    const decision = decideOrg([{ orgId: 1, devices: 4 }, { orgId: 2, devices: 1 }, { orgId: 3, devices: 1 }, { orgId: 4, devices: 1 }], options);
    expect(decision).toMatchObject({ kind: "low-share", best: { orgId: 1 }, matched: 7 });
  });

  it("picks an organization with exactly the minimum two devices", () => {
    expect(decideOrg([{ orgId: 7, devices: 2 }], options)).toMatchObject({ kind: "winner", winner: { orgId: 7 }, share: 1 });
  });

  it("refuses an organization with a single device even when it is all there is", () => {
    expect(decideOrg([{ orgId: 7, devices: 1 }], options)).toEqual({ kind: "too-few", best: { orgId: 7, devices: 1 }, matched: 1 });
  });

  it("calls a close second a tie even when the leader clears the share", () => {
    const decision = decideOrg([{ orgId: 2, devices: 2 }, { orgId: 1, devices: 3 }], options);
    expect(decision).toEqual({ kind: "tie", contenders: [{ orgId: 1, devices: 3 }, { orgId: 2, devices: 2 }], matched: 5 });
  });

  it("calls equal counts a tie", () => {
    expect(decideOrg([{ orgId: 1, devices: 4 }, { orgId: 2, devices: 4 }], options)).toMatchObject({ kind: "tie" });
  });

  it("honours a lower minimum lead", () => {
    const decision = decideOrg([{ orgId: 1, devices: 3 }, { orgId: 2, devices: 2 }], { ...options, minShare: 0.6, minLead: 1 });
    expect(decision).toMatchObject({ kind: "winner", winner: { orgId: 1 } });
  });

  it("has nothing to decide without matched devices", () => {
    expect(decideOrg([], options)).toEqual({ kind: "none" });
  });
});

describe("resolveAutomapOptions", () => {
  it("fills the defaults: two devices, 60%, a lead of two", () => {
    expect(resolveAutomapOptions({ minDevices: 3 })).toEqual({ minDevices: 3, minShare: 0.6, minLead: 2 });
  });

  it("refuses settings that would let a minority or no device decide", () => {
    expect(() => resolveAutomapOptions({ minShare: 0.5 })).toThrow(/minimum share/);
    expect(() => resolveAutomapOptions({ minDevices: 0 })).toThrow(/minimum devices/);
    expect(() => resolveAutomapOptions({ minLead: 1.5 })).toThrow(/minimum lead/);
  });
});
