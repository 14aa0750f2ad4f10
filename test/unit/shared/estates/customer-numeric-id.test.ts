import { describe, expect, it } from "vitest";
import { ownNumericId } from "../../../../src/jobs/shared/estates/customer-numeric-id.js";

describe("a customer's own numeric id", () => {
  it("is the one id its listing names that no unit's listing names", () => {
    expect(ownNumericId(["57", "56"], new Set(["57"]))).toBe("56");
    expect(ownNumericId(["56", "56"], new Set())).toBe("56");
  });

  it("is unknown when every workload sits in a unit, rather than a unit's id", () => {
    expect(ownNumericId(["57"], new Set(["57", "58"]))).toBeUndefined();
  });

  it("is unknown when two ids are left, rather than a guess", () => {
    expect(ownNumericId(["56", "60"], new Set())).toBeUndefined();
    expect(ownNumericId([], new Set())).toBeUndefined();
  });
});
