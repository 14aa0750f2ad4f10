import { describe, expect, it } from "vitest";
import { ProfileConfig } from "../../src/config/profile-config.js";
import { runCliJson } from "../helpers/cli-json.js";
import { useDemoProfile } from "../helpers/sandbox-env.js";

/** The keys every job's --json shares (JobReport), beside fields sync's own. */
interface FieldsSyncReport {
  job: string;
  dryRun: boolean;
  counts: { planned: number; applied: number; failed: number; skipped: number };
  actions: Array<{ kind: string; target: string; reason: string; entityId: number }>;
  problems: Array<{ subject: string; reason: string; kind: string }>;
  notes: string[];
  applied: { written: Array<{ entityId: number }>; failed: unknown[] } | null;
  writes: Array<{ entityId: number }>;
  blocked: Array<{ sourceId: string }>;
  summary: { entitiesWritten: number };
}

// The plan field is mapped as if it was writable then; NinjaOne now says READ_ONLY, so it is blocked.
const profile = useDemoProfile([["automap", "--yes"]], async ({ env }) => {
  const config = await ProfileConfig.open("default", { env });
  config.setJobSettings("fields", { mappings: { "acronis.protection-status": "acronisProtectionStatus", "acronis.protection-plan": "legacyBackupStatus" }, licensedUsersOnly: false });
});

describe("fields sync --json", () => {
  it("keeps exit 0 for a dry run with a blocked field, then reports the shared keys with what landed", async () => {
    const planned = await runCliJson<FieldsSyncReport>(["fields", "sync", "--dry-run", "--json"], profile().env);
    expect(planned.code, planned.stderr).toBe(0);
    const dry = planned.report;
    expect(dry).toMatchObject({ job: "fields", dryRun: true, applied: null });
    expect(dry.blocked).toEqual([expect.objectContaining({ sourceId: "acronis.protection-plan" })]);
    expect(dry.counts).toEqual({ planned: dry.writes.length, applied: 0, failed: 1, skipped: dry.problems.length });
    expect(dry.actions.map((a) => a.entityId)).toEqual(dry.writes.map((w) => w.entityId));
    expect(dry.actions.every((a) => a.kind === "write-fields" && a.target !== "" && a.reason !== "")).toBe(true);
    expect(dry.notes.join("\n")).toContain("acronis.protection-plan → legacyBackupStatus");
    expect(Array.isArray(dry.problems)).toBe(true);

    const { code, report, stderr } = await runCliJson<FieldsSyncReport>(["fields", "sync", "--json"], profile().env);
    expect(code, stderr).toBe(3);
    expect(report).toMatchObject({ job: "fields", dryRun: false });
    expect(report.counts).toMatchObject({ planned: report.summary.entitiesWritten, applied: report.applied?.written.length, failed: 1 });
    expect(report.applied?.failed).toEqual([]);
  }, 60_000);
});
