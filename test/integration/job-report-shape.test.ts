import { describe, expect, it } from "vitest";
import { runInProcess } from "../helpers/run-in-process.js";
import { control } from "../helpers/sandbox-control.js";
import { useDemoProfile } from "../helpers/sandbox-env.js";

/** The keys every job's result carries, in its own --json and in each entry of sync --json. */
const SHARED = {
  job: expect.any(String),
  dryRun: true,
  counts: { planned: expect.any(Number), applied: expect.any(Number), failed: expect.any(Number), skipped: expect.any(Number) },
  actions: expect.any(Array),
  problems: expect.any(Array),
  notes: expect.any(Array),
  applied: null,
};

/** Each job's own command, as a dry run that plans something on the demo estate. */
const COMMANDS: Record<string, string[]> = {
  automap: ["automap"],
  provision: ["provision", "--all-unmapped"],
  deprovision: ["deprovision"],
  fields: ["fields", "sync"],
  tickets: ["tickets", "sync"],
};

describe("every job reports in one shape", () => {
  const profile = useDemoProfile(
    [
      ["fields", "map", "acronis.protection-status", "acronisProtectionStatus"],
      ["tickets", "config", "--form", "1", "--requester", "sam.sandbox@example.com"],
      ["provision", "config", "--edition", "per_workload", "--admin-email", "admin+{slug}@example.com"],
      ["automap", "--yes"],
    ],
    // Reference §2 leaves open whether ticket writes need user context; the sandbox can allow them to client credentials.
    ({ sandbox }) => control(sandbox, "PATCH", "/ninjaone/options", { ticketWritesNeedUserContext: false }),
  );

  for (const [job, args] of Object.entries(COMMANDS)) {
    it(`${job}: its own --json holds the shared report`, async () => {
      const result = await runInProcess([...args, "--dry-run", "--json"], { env: profile().env });
      expect([0, 3], result.stderr).toContain(result.code);
      expect(JSON.parse(result.stdout)).toMatchObject({ ...SHARED, job });
    });
  }

  it("sync --json holds the same report for every job, and the same counts as each job's own", async () => {
    const result = await runInProcess(["sync", "--dry-run", "--json"], { env: profile().env });
    expect([0, 3], result.stderr).toContain(result.code);
    const doc = JSON.parse(result.stdout) as { jobs: Array<{ job: string; status: string; counts: unknown }> };
    expect(doc.jobs.map((j) => j.job)).toEqual(["automap", "provision", "deprovision", "tickets", "fields"]);
    for (const entry of doc.jobs.filter((j) => j.status !== "skipped")) expect(entry, entry.job).toMatchObject({ ...SHARED, job: entry.job });
    // A job that planned actions lists them, in sync's report as in its own.
    const silent = doc.jobs.filter((j) => (j.counts as { planned: number }).planned > 0 && (j as unknown as { actions: unknown[] }).actions.length === 0);
    expect(silent.map((j) => j.job)).toEqual([]);
    const automap = JSON.parse((await runInProcess(["automap", "--dry-run", "--json"], { env: profile().env })).stdout) as { counts: unknown };
    expect(doc.jobs.find((j) => j.job === "automap")?.counts).toEqual(automap.counts);
  });
});
