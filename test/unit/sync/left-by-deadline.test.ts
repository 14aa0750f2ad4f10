import { describe, expect, it } from "vitest";
import { leftByDeadline } from "../../../src/cli/commands/sync/sync.js";
import type { JobSummary } from "../../../src/jobs/sync/run-sync.js";

const summary = (job: JobSummary["job"], status: JobSummary["status"], counts: JobSummary["counts"]): JobSummary => ({
  job,
  status,
  counts,
  dryRun: false,
  actions: [],
  problems: [],
  notes: [],
  applied: null,
  durationMs: 0,
  requests: {},
});

describe("leftByDeadline", () => {
  it("counts the planned items that did not land, not the read problems a job's failed count also holds", () => {
    const docs = summary("docs", "stopped", { planned: 191, applied: 100, failed: 220, skipped: 0 });
    const tickets = summary("tickets", "not run", { planned: 0, applied: 0, failed: 0, skipped: 0 });
    expect(leftByDeadline([docs, tickets])).toBe("docs stopped (91 of 191 items not done); not run: tickets");
  });

  it("names a stopped job whose plan all landed without a count, and says nothing when the deadline cut nothing", () => {
    expect(leftByDeadline([summary("fields", "stopped", { planned: 4, applied: 4, failed: 2, skipped: 0 })])).toBe("fields stopped");
    expect(leftByDeadline([summary("fields", "done", { planned: 4, applied: 4, failed: 0, skipped: 0 })])).toBeUndefined();
  });
});
