import { describe, expect, it } from "vitest";
import { runWindow, valuesLeft } from "../../../src/jobs/sync/window.js";

describe("runWindow", () => {
  it("closes a tenth of the window before its end, at most a minute", () => {
    expect(runWindow(14 * 60_000, 1_000_000).closesAt).toBe(1_000_000 + 13 * 60_000);
    expect(runWindow(5 * 60_000, 0).closesAt).toBe(270_000);
    expect(runWindow(900, 0).closesAt).toBe(810);
  });
});

describe("valuesLeft", () => {
  it("adds up the values each job left, ignoring jobs that report none", () => {
    expect(valuesLeft([{ job: "automap" }, { job: "fields", left: 12 }, { job: "compliance", left: 3 }, { job: "tickets", left: "x" }])).toBe(15);
  });
});
