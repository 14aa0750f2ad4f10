import { describe, expect, it } from "vitest";
import type { JobSummary } from "../../../src/jobs/sync/run-sync.js";
import { formatDuration, summaryNotes, summaryRows } from "../../../src/jobs/sync/summary.js";

const fields: JobSummary = {
  job: "fields",
  status: "partial",
  counts: { planned: 10, applied: 8, failed: 2, skipped: 1 },
  durationMs: 65_400,
  requests: { ninjaone: 12, acronis: 3 },
  notes: ["2 devices matched no NinjaOne device"],
  dryRun: false,
  actions: [],
  problems: [],
  applied: null,
};
const tickets: JobSummary = {
  job: "tickets",
  status: "failed",
  counts: { planned: 0, applied: 0, failed: 0, skipped: 0 },
  durationMs: 420,
  requests: {},
  notes: [],
  dryRun: false,
  actions: [],
  problems: [],
  applied: null,
  error: { message: "NinjaOne refused the token", hint: "run ninja-bridge auth login ninjaone" },
};

describe("summaryRows", () => {
  it("prints one row per job with its counts, duration and requests per service", () => {
    const table = summaryRows([fields, tickets]);
    expect(table.head).toEqual(["JOB", "STATUS", "PLANNED", "APPLIED", "FAILED", "SKIPPED", "DURATION", "REQUESTS"]);
    expect(table.rows).toEqual([
      ["fields", "partial", "10", "8", "2", "1", "1 min 5 s", "acronis 3, ninjaone 12"],
      ["tickets", "failed", "0", "0", "0", "0", "420 ms", "0"],
    ]);
  });
});

describe("summaryNotes", () => {
  it("gives why a job failed with what to do, and each job's notes", () => {
    expect(summaryNotes([fields, tickets])).toEqual([
      "fields: 2 devices matched no NinjaOne device",
      "tickets: NinjaOne refused the token (run ninja-bridge auth login ninjaone)",
    ]);
  });
});

describe("formatDuration", () => {
  it("uses milliseconds, seconds or minutes as a person reads them", () => {
    expect(formatDuration(999)).toBe("999 ms");
    expect(formatDuration(1500)).toBe("1.5 s");
    expect(formatDuration(125_000)).toBe("2 min 5 s");
  });
});
