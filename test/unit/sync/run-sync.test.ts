import { describe, expect, it } from "vitest";
import { AuthenticationError, DeadlineError, ExitCode, ServerError } from "../../../src/errors.js";
import { Deadline, RequestCounter } from "../../../src/http/index.js";
import type { JobHooks, JobName } from "../../../src/jobs/job.js";
import type { JobSession } from "../../../src/jobs/shared/session.js";
import { runSync, syncExitCode, type JobSummary } from "../../../src/jobs/sync/run-sync.js";
import type { AnyJob, JobCounts } from "../../../src/jobs/job.js";
import type { ProfileConfig } from "../../../src/config/profile-config.js";
import type { StateHandle } from "../../../src/state/index.js";

/** Records which device listings runSync keeps after each job. */
const kept: string[][] = [];
const session = { keepDevicesOnlyOf: (services: ReadonlySet<string>) => kept.push([...services]) } as unknown as JobSession;
const state = {} as StateHandle;

/** What a fake job's body gives back: its counts and notes, or why it had nothing to do. */
interface Result {
  counts: JobCounts;
  skippedBecause?: string;
  notes: string[];
}

/** A job whose plan runs `body`; it records the options it was run with. */
function job(name: JobName, body: (counter: RequestCounter, hooks: JobHooks) => Promise<Result>, counter: RequestCounter, seen: string[]): AnyJob {
  return {
    name,
    settings: () => ({}),
    plan: async (run) => {
      seen.push(`${name}:${run.dryRun}:${run.yes}`);
      return body(counter, run.hooks);
    },
    pending: () => 0,
    apply: async (_run, result: Result) => result,
    report: (run, result: Result) => ({
      job: name,
      dryRun: run.dryRun,
      counts: result.counts,
      actions: [],
      problems: [],
      notes: result.notes,
      ...(result.skippedBecause === undefined ? {} : { skippedBecause: result.skippedBecause }),
      applied: null,
    }),
  };
}

function deps(counter: RequestCounter, clock: number[]) {
  return {
    session,
    config: {} as ProfileConfig,
    env: {},
    logger: { debug() {}, info() {}, warn() {} },
    state,
    options: { dryRun: false, yes: true },
    counter,
    now: () => clock.shift() ?? 0,
    hooks: () => ({}),
  };
}

describe("runSync", () => {
  it("does not start a job that can wait once the --max-duration window closed, and still starts one that cannot", async () => {
    const counter = new RequestCounter();
    const seen: string[] = [];
    const done = async (): Promise<Result> => ({ counts: { planned: 1, applied: 1, failed: 0, skipped: 0 }, notes: [] });
    const jobs = [{ ...job("fields", done, counter, seen), yieldsToWindow: true as const }, { ...job("docs", done, counter, seen), yieldsToWindow: true as const }, job("tickets", done, counter, seen)];
    // fields starts at 0, before the window closes at 100; docs would start at 150, after it.
    const summaries = await runSync(jobs, { ...deps(counter, [0, 0, 150, 150, 150, 200]), options: { dryRun: false, yes: true, window: { closesAt: 100 } } });
    expect(seen).toEqual(["fields:false:true", "tickets:false:true"]);
    expect(summaries.map((s) => [s.job, s.status])).toEqual([
      ["fields", "done"],
      ["docs", "skipped"],
      ["tickets", "done"],
    ]);
    expect(summaries[1]?.notes.join(" ")).toContain("window had closed");
    expect(syncExitCode(summaries)).toBe(ExitCode.ok);
  });

  it("lets go of each device listing once no job still to come reads it", async () => {
    const counter = new RequestCounter();
    const done = async (): Promise<Result> => ({ counts: { planned: 0, applied: 0, failed: 0, skipped: 0 }, notes: [] });
    const jobs = [
      { ...job("automap", done, counter, []), readsDevicesOf: ["ninjaone", "acronis", "cipp"] as const },
      { ...job("fields", done, counter, []), readsDevicesOf: ["ninjaone"] as const },
      job("docs", done, counter, []),
    ];
    kept.length = 0;
    await runSync(jobs, deps(counter, []));
    expect(kept).toEqual([["ninjaone"], [], []]);
  });

  it("hands each job's whole report to onJobEnd and keeps only what the exit code, table and notes need", async () => {
    const counter = new RequestCounter();
    const done = async (): Promise<Result> => ({ counts: { planned: 1, applied: 1, failed: 0, skipped: 0 }, notes: ["a note"] });
    const ended: JobSummary[] = [];
    const outcomes = await runSync([job("fields", done, counter, [])], { ...deps(counter, []), onJobEnd: (summary) => void ended.push(summary) });
    expect(ended[0]).toMatchObject({ job: "fields", actions: [], problems: [], applied: null });
    expect(outcomes).toEqual([{ job: "fields", dryRun: false, status: "done", counts: { planned: 1, applied: 1, failed: 0, skipped: 0 }, notes: ["a note"], durationMs: 0, requests: {} }]);
  });

  it("runs the jobs in the order given and counts each job's own requests per service", async () => {
    const counter = new RequestCounter();
    const seen: string[] = [];
    const jobs = [
      job("automap", async (c) => {
        c.recordResponse("ninjaone", 200);
        c.recordResponse("acronis", 200);
        return { counts: { planned: 2, applied: 2, failed: 0, skipped: 0 }, notes: [] };
      }, counter, seen),
      job("fields", async (c) => {
        c.recordResponse("ninjaone", 204);
        c.recordResponse("ninjaone", 204);
        c.recordResponse("ninjaone", 400);
        return { counts: { planned: 3, applied: 2, failed: 1, skipped: 0 }, notes: ["one write refused"] };
      }, counter, seen),
    ];
    const summaries = await runSync(jobs, deps(counter, [0, 1500, 1500, 4000]));
    expect(seen).toEqual(["automap:false:true", "fields:false:true"]);
    expect(summaries.map((s) => [s.job, s.status, s.durationMs, s.requests])).toEqual([
      ["automap", "done", 1500, { acronis: 1, ninjaone: 1 }],
      ["fields", "partial", 2500, { ninjaone: 3 }],
    ]);
    expect(syncExitCode(summaries)).toBe(ExitCode.partial);
  });

  it("reports a job that fails as a whole and still runs the next one", async () => {
    const counter = new RequestCounter();
    const seen: string[] = [];
    const jobs = [
      job("fields", async () => {
        throw new AuthenticationError("NinjaOne refused the credentials", { service: "ninjaone", method: "POST", path: "/ws/oauth/token", hint: "run ninja-bridge auth login ninjaone" });
      }, counter, seen),
      job("tickets", async () => ({ counts: { planned: 1, applied: 1, failed: 0, skipped: 0 }, notes: [] }), counter, seen),
    ];
    const summaries = await runSync(jobs, deps(counter, []));
    expect(seen).toEqual(["fields:false:true", "tickets:false:true"]);
    expect(summaries[0]).toMatchObject({ job: "fields", status: "failed", error: { message: "NinjaOne refused the credentials", hint: "run ninja-bridge auth login ninjaone" } });
    expect(summaries[1]).toMatchObject({ job: "tickets", status: "done" });
    expect(syncExitCode(summaries)).toBe(ExitCode.failed);
  });

  it("calls a run partly done when a job failed on a passing fault while others ran, and failed when every job did", async () => {
    const counter = new RequestCounter();
    const outage = () => {
      throw new ServerError("ninjaone POST /v2/ticketing/trigger/board/2/run: 500 Internal Server Error (after 3 attempts)", { service: "ninjaone", method: "POST", path: "/v2/ticketing/trigger/board/2/run", status: 500 });
    };
    const mixed = await runSync(
      [job("fields", async () => ({ counts: { planned: 2, applied: 2, failed: 0, skipped: 0 }, notes: [] }), counter, []), job("tickets", async () => outage(), counter, [])],
      deps(counter, []),
    );
    expect(mixed[1]).toMatchObject({ job: "tickets", status: "failed", error: { transient: true } });
    expect(syncExitCode(mixed)).toBe(ExitCode.partial);

    const allDown = await runSync([job("fields", async () => outage(), counter, []), job("tickets", async () => outage(), counter, [])], deps(counter, []));
    expect(syncExitCode(allDown)).toBe(ExitCode.failed);
  });

  it("calls a dry run's jobs planned, not done", async () => {
    const counter = new RequestCounter();
    const summaries = await runSync([job("fields", async () => ({ counts: { planned: 4, applied: 0, failed: 0, skipped: 0 }, notes: [] }), counter, [])], {
      ...deps(counter, []),
      options: { dryRun: true, yes: false },
    });
    expect(summaries[0]?.status).toBe("planned");
  });

  it("marks a job with nothing to do in the profile as skipped, with the reason first among its notes", async () => {
    const counter = new RequestCounter();
    const summaries = await runSync(
      [job("tickets", async () => ({ counts: { planned: 0, applied: 0, failed: 0, skipped: 0 }, skippedBecause: "tickets are not configured", notes: [] }), counter, [])],
      deps(counter, []),
    );
    expect(summaries[0]).toMatchObject({ status: "skipped", notes: ["tickets are not configured"] });
    expect(syncExitCode(summaries)).toBe(ExitCode.ok);
  });

  it("stops at the deadline: the job it cut is stopped, later ones are not run, and the exit is partial", async () => {
    const counter = new RequestCounter();
    const seen: string[] = [];
    let now = 0;
    const deadline = new Deadline(10_000, "10s", () => now);
    const jobs = [
      job("automap", async () => ({ counts: { planned: 1, applied: 1, failed: 0, skipped: 0 }, notes: [] }), counter, seen),
      job("fields", async () => {
        now = 10_000;
        return { counts: { planned: 5, applied: 2, failed: 3, skipped: 0 }, notes: [] };
      }, counter, seen),
      job("tickets", async () => ({ counts: { planned: 1, applied: 1, failed: 0, skipped: 0 }, notes: [] }), counter, seen),
    ];
    const summaries = await runSync(jobs, { ...deps(counter, []), deadline });
    expect(seen).toEqual(["automap:false:true", "fields:false:true"]);
    expect(summaries.map((s) => [s.job, s.status])).toEqual([
      ["automap", "done"],
      ["fields", "stopped"],
      ["tickets", "not run"],
    ]);
    expect(summaries[2]?.notes).toEqual(["the run's deadline (10s) was reached before it started"]);
    expect(syncExitCode(summaries)).toBe(ExitCode.partial);
  });

  it("calls a job that the deadline failed as a whole stopped, not failed", async () => {
    const counter = new RequestCounter();
    const jobs = [
      job("automap", async () => {
        throw new DeadlineError("ninjaone GET /v2/organizations: the run's deadline (5s) was reached", { service: "ninjaone", method: "GET", path: "/v2/organizations" });
      }, counter, []),
    ];
    const summaries = await runSync(jobs, deps(counter, []));
    expect(summaries[0]).toMatchObject({ job: "automap", status: "stopped", error: { message: expect.stringContaining("deadline") } });
    expect(syncExitCode(summaries)).toBe(ExitCode.partial);
  });
});
