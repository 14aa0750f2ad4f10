import { describe, expect, it } from "vitest";
import { FAULT_KINDS, type FaultKind } from "../../../../src/sandbox/contract.js";
import { pickFault } from "../../../../src/sandbox/core/faults.js";
import { Prng } from "../../../../src/sandbox/prng.js";

function faults(seed: number, rate: number, n: number, kinds: readonly FaultKind[] = FAULT_KINDS) {
  const prng = new Prng(seed);
  return Array.from({ length: n }, () => pickFault(prng, rate, kinds));
}

describe("pickFault", () => {
  it("fails every request at rate 1 with each kind of fault, an HTML page and a 500 included", () => {
    const picked = faults(7, 1, 200);
    expect(picked.flatMap((f, i) => (f === undefined ? [i] : []))).toEqual([]);
    expect(new Set(picked)).toEqual(new Set(["status500", "status502", "status503", "drop", "html"]));
  });

  it("draws only the kinds it is given", () => {
    expect(new Set(faults(7, 1, 200, ["html", "status500"]))).toEqual(new Set(["html", "status500"]));
  });

  it("fails no request at rate 0", () => {
    expect(faults(7, 0, 200).filter((f) => f !== undefined)).toEqual([]);
  });

  it("fails roughly the given share of requests", () => {
    const failed = faults(3, 0.2, 5000).filter((f) => f !== undefined).length;
    expect(failed).toBeGreaterThan(850);
    expect(failed).toBeLessThan(1150);
  });

  it("gives the same faults for the same seed", () => {
    expect(faults(42, 0.5, 100)).toEqual(faults(42, 0.5, 100));
    expect(faults(42, 0.5, 100)).not.toEqual(faults(43, 0.5, 100));
  });
});
