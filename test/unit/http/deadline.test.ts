import { describe, expect, it } from "vitest";
import { UsageError } from "../../../src/errors.js";
import { Deadline, parseDeadline, parseDuration } from "../../../src/http/deadline.js";

const START = Date.UTC(2025, 5, 1, 2, 0, 0);

describe("parseDuration", () => {
  it.each([
    ["90s", 90_000],
    ["20m", 1_200_000],
    ["2h", 7_200_000],
    ["1h30m", 5_400_000],
    ["1.5h", 5_400_000],
    [" 5S ", 5_000],
  ])("reads %s", (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(["", "30", "5 min", "-5m", "5d", "m", "1h 30m"])("refuses %j", (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });
});

describe("parseDeadline", () => {
  it("counts a duration from the start of the run", () => {
    const deadline = parseDeadline("5s", "--deadline", START, () => START + 2_000);
    expect(deadline.at).toBe(START + 5_000);
    expect(deadline.remainingMs()).toBe(3_000);
    expect(deadline.label).toBe("5s");
  });

  it("takes an ISO time with a zone as the moment itself", () => {
    expect(parseDeadline("2025-06-01T03:30:00Z", "--deadline", START).at).toBe(Date.UTC(2025, 5, 1, 3, 30, 0));
    expect(parseDeadline("2025-06-01T04:30:00+02:00", "--deadline", START).at).toBe(Date.UTC(2025, 5, 1, 2, 30, 0));
  });

  it.each([
    ["0s", "longer than 0"],
    ["2025-06-01T01:00:00Z", "already passed"],
    ["2025-06-01T03:00:00", "neither a duration nor a time"],
    ["soon", "neither a duration nor a time"],
    ["2025-13-45T99:00:00Z", "not a valid time"],
  ])("refuses %j as a usage error naming the flag", (text, why) => {
    const error = (() => {
      try {
        parseDeadline(text, "--deadline", START);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).message).toContain("--deadline");
    expect((error as UsageError).message).toContain(why);
    expect((error as UsageError).hint).toContain("90s");
  });
});

describe("Deadline", () => {
  it("says whether a wait would end at or past it", () => {
    let now = START;
    const deadline = new Deadline(START + 1_000, "1s", () => now);
    expect(deadline.cuts(999)).toBe(false);
    expect(deadline.cuts(1_000)).toBe(true);
    expect(deadline.passed()).toBe(false);
    now += 1_000;
    expect(deadline.passed()).toBe(true);
    expect(deadline.remainingMs()).toBe(0);
  });
});
