import { describe, expect, it } from "vitest";
import { UsageError } from "../../../src/errors.js";
import { automapOptionsFromFlags, parseShare } from "../../../src/jobs/automap/settings.js";

describe("automap flags", () => {
  it("reads a share written as a percentage, a bare percentage or a fraction", () => {
    expect(parseShare("75%")).toBe(0.75);
    expect(parseShare("75")).toBe(0.75);
    expect(parseShare("0.75")).toBe(0.75);
    expect(parseShare("100%")).toBe(1);
    expect(parseShare("1")).toBe(1);
  });

  it("refuses a share that is not a majority, naming the flag and the value given", () => {
    expect(() => parseShare("50%")).toThrow(UsageError);
    expect(() => parseShare("0.4")).toThrow('--min-share must be a majority: above 50% and at most 100%, not "0.4"');
    expect(() => parseShare("150")).toThrow(UsageError);
    expect(() => parseShare("most")).toThrow(UsageError);
  });

  it("refuses a minimum device count that is not a whole number of at least 1", () => {
    for (const raw of ["0", "1.5", "", "two"]) expect(() => automapOptionsFromFlags({ minDevices: raw })).toThrow(UsageError);
  });

  it("fills the matcher defaults for flags not given", () => {
    expect(automapOptionsFromFlags({ minDevices: "3" })).toEqual({ minDevices: 3, minShare: 0.6, minLead: 2 });
    expect(automapOptionsFromFlags({})).toEqual({ minDevices: 2, minShare: 0.6, minLead: 2 });
  });
});
