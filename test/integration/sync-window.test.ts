import { describe, expect, it } from "vitest";
import { runInProcess } from "../helpers/run-in-process.js";
import { control } from "../helpers/sandbox-control.js";
import { useDemoProfile } from "../helpers/sandbox-env.js";
import { jobOf } from "../helpers/sync-report.js";
import { readStateFile } from "../helpers/state-file.js";

interface FieldsJson {
  job: string;
  status: string;
  counts: { planned: number; applied: number; failed: number; skipped: number };
  left?: number;
  notes: string[];
  actions: Array<{ kind: string; scope: string; entityId: number; fields: string[] }>;
  applied: { written: Array<{ scope: string; entityId: number; fields: string[] }> } | null;
}

interface SyncJson {
  exitCode: number;
  left: number;
  jobs: FieldsJson[];
}

const fieldsOf = (doc: SyncJson): FieldsJson => jobOf(doc, "fields");

describe("sync --max-duration on the demo estate", () => {
  const profile = useDemoProfile([
    ["fields", "map", "acronis.protection-status", "acronisProtectionStatus"],
    ["fields", "map", "cipp.tenant-summary", "m365TenantSummary"],
    ["sync", "--jobs", "automap"],
    ["docs", "templates", "--apply"],
  ]);

  it("leaves what its window cannot hold, exits 0 saying how many, and the next run writes the rest", async () => {
    const { sandbox, home, env } = profile();
    // Every answer takes 600 ms: the reads before the first write outlast a 0.9 s window, so no write starts.
    await control(sandbox, "PATCH", "/knobs", { latencyMs: 600 });
    const text = await runInProcess(["sync", "--jobs", "fields", "--max-duration", "0.9s", "--deadline", "5m"], { env });
    expect(text.code, text.stderr).toBe(0);
    const said = /(\d+) values left for the next run/.exec(`${text.stdout}\n${text.stderr}`);
    expect(said, text.stdout + text.stderr).not.toBeNull();

    const cut = await runInProcess(["sync", "--jobs", "fields", "--max-duration", "0.9s", "--deadline", "5m", "--json"], { env });
    expect(cut.code, cut.stderr).toBe(0);
    const cutDoc = JSON.parse(cut.stdout) as SyncJson;
    const cutFields = fieldsOf(cutDoc);
    const planned = cutFields.actions.filter((a) => a.kind === "write-fields");
    const plannedValues = planned.reduce((n, a) => n + a.fields.length, 0);
    expect(plannedValues).toBeGreaterThan(0);
    expect(cutDoc.exitCode).toBe(0);
    expect(cutFields.status).toBe("done");
    expect(cutFields.counts.failed).toBe(0);
    expect(cutFields.left).toBe(plannedValues);
    expect(cutDoc.left).toBe(plannedValues);
    expect(Number(said?.[1])).toBe(plannedValues);
    // Nothing was written, so nothing is remembered as written: the next run plans every value again.
    expect(Object.keys(readStateFile<{ fieldWrites?: Record<string, unknown> }>(home).fieldWrites ?? {})).toEqual([]);

    await control(sandbox, "PATCH", "/knobs", { latencyMs: 0 });
    const rest = await runInProcess(["sync", "--jobs", "fields", "--json"], { env });
    expect(rest.code, rest.stderr).toBe(0);
    const restDoc = JSON.parse(rest.stdout) as SyncJson;
    const restFields = fieldsOf(restDoc);
    expect(restDoc.left).toBe(0);
    const written = restFields.applied?.written ?? [];
    expect(written.map((w) => `${w.scope}:${w.entityId}:${w.fields.join(",")}`).sort()).toEqual(planned.map((a) => `${a.scope}:${a.entityId}:${a.fields.join(",")}`).sort());

    const after = await runInProcess(["sync", "--jobs", "fields", "--dry-run", "--json"], { env });
    expect(fieldsOf(JSON.parse(after.stdout) as SyncJson).counts.planned).toBe(0);
  });

  it("leaves the documents its window cannot hold, so the jobs after docs still run in it, and the next run writes them", async () => {
    const { sandbox, home, env } = profile();
    await control(sandbox, "PATCH", "/knobs", { latencyMs: 600 });
    let cut;
    try {
      cut = await runInProcess(["sync", "--jobs", "docs,tickets", "--max-duration", "0.9s", "--deadline", "5m", "--json"], { env });
    } finally {
      await control(sandbox, "PATCH", "/knobs", { latencyMs: 0 });
    }
    expect(cut.code, cut.stderr).toBe(0);
    const doc = JSON.parse(cut.stdout) as { exitCode: number; left: number; jobs: Array<{ job: string; status: string; left?: number; counts: { planned: number; failed: number }; notes: string[] }> };
    const docs = jobOf(doc, "docs");
    expect(docs.counts.planned).toBeGreaterThan(0);
    expect(docs.status).toBe("done");
    expect(docs.counts.failed).toBe(0);
    expect(docs.left).toBe(docs.counts.planned);
    expect(doc.left).toBe(docs.counts.planned);
    expect(docs.notes.join("\n")).toContain("left for the next run");
    expect(jobOf(doc, "tickets").status).not.toBe("not run");
    expect(Object.keys(readStateFile<{ docs?: { documents?: Record<string, unknown> } }>(home).docs?.documents ?? {})).toEqual([]);

    const rest = await runInProcess(["sync", "--jobs", "docs", "--json"], { env });
    expect(rest.code, rest.stderr).toBe(0);
    const restDocs = jobOf(JSON.parse(rest.stdout) as typeof doc, "docs");
    expect(restDocs.counts.planned).toBe(docs.counts.planned);
    expect(Object.keys(readStateFile<{ docs?: { documents?: Record<string, unknown> } }>(home).docs?.documents ?? {})).toHaveLength(docs.counts.planned);
  });

  it("stops hard at --deadline instead, exit 3", async () => {
    const { sandbox, env } = profile();
    await control(sandbox, "PATCH", "/knobs", { latencyMs: 600 });
    try {
      const result = await runInProcess(["sync", "--jobs", "fields", "--deadline", "1s"], { env });
      expect(result.code, result.stderr).toBe(3);
    } finally {
      await control(sandbox, "PATCH", "/knobs", { latencyMs: 0 });
    }
  });
});
