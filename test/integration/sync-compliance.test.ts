import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { RequestCounts } from "../../src/sandbox/core/request-counts.js";
import { runCliJson } from "../helpers/cli-json.js";
import { writeMappings } from "../helpers/fields-settings.js";
import { makeCliHome } from "../helpers/run-cli.js";
import { control } from "../helpers/sandbox-control.js";
import { sandboxEnv, useDemoProfile } from "../helpers/sandbox-env.js";
import { readStateFile } from "../helpers/state-file.js";

interface SyncJson {
  jobs: Array<{ job: string; status: string; counts: { planned: number; applied: number; failed: number }; actions: Array<{ entityId: number; fields: string[] }> }>;
}

interface LinksState {
  deviceLinks: Record<string, { service: string; remoteId: string; ninjaDeviceId: number }>;
  cursors: Record<string, unknown>;
}

const sync = async (env: NodeJS.ProcessEnv, jobs: string) => (await runCliJson<SyncJson>(["sync", "--jobs", jobs, "--json"], env)).report.jobs[0];

describe("sync --jobs compliance: the Intune compliance lane", () => {
  const profile = useDemoProfile([["automap", "--yes"]], async ({ home }) => writeMappings(home, { "cipp.device-compliance": "intuneComplianceState", "cipp.tenant-summary": "m365TenantSummary" }));
  const sandbox = () => profile().sandbox;

  const cippRoutes = async () => Object.keys((await control<RequestCounts>(sandbox(), "GET", "/requests")).services.cipp.byRoute).filter((r) => !/token/i.test(r));

  it("reads only Intune devices, writes only compliance changes, shares fields' hashes and ignores sync.cippRefreshMinutes", async () => {
    const { env, home } = profile();
    await control(sandbox(), "POST", "/requests/reset");
    const first = await sync(env, "compliance");
    expect(first?.job).toBe("compliance");
    expect(first?.counts.planned).toBeGreaterThan(0);
    expect(first?.counts).toMatchObject({ applied: first?.counts.planned, failed: 0 });
    expect(new Set(first?.actions.flatMap((a) => a.fields))).toEqual(new Set(["intuneComplianceState"]));
    expect(await cippRoutes()).toEqual(expect.arrayContaining(["GET /api/ListDevices"]));
    expect((await cippRoutes()).filter((r) => !["GET /api/ListDevices", "GET /api/ListTenants"].includes(r))).toEqual([]);
    // The lane wrote no summary, so it does not count as a read of the tenant for the refresh window.
    expect(Object.keys(readStateFile<LinksState>(home).cursors).filter((k) => k.includes("cipp"))).toEqual([]);

    // fields writes the summaries, and no compliance value again.
    const fields = await sync(env, "fields");
    expect(fields?.counts.applied).toBeGreaterThan(0);
    expect(fields?.actions.flatMap((a) => a.fields).filter((f) => f === "intuneComplianceState")).toEqual([]);

    // Tenants are now fresh for fields (default window 360 min); the lane still reads them and writes the one change.
    const link = Object.values(readStateFile<LinksState>(home).deviceLinks).find((l) => l.service === "intune");
    if (link === undefined) throw new Error("automap and fields linked no Intune device");
    await control(sandbox(), "POST", `/cipp/devices/${link.remoteId}`, { complianceState: "inGracePeriod" });
    const logFile = path.join(home.dir, "compliance.jsonl");
    const changed = (await runCliJson<SyncJson>(["sync", "--jobs", "compliance", "--json", "--log-file", logFile], env)).report.jobs[0];
    expect(changed?.actions).toEqual([expect.objectContaining({ entityId: link.ninjaDeviceId, fields: ["intuneComplianceState"] })]);
    // The lane shares the fields job's code, but its audit lines name the lane.
    const logged = readFileSync(logFile, "utf8").trimEnd().split("\n").map((l) => JSON.parse(l) as { job: string; action: string; result: string });
    expect(new Set(logged.map((l) => l.job))).toEqual(new Set(["compliance"]));
    expect(logged.filter((l) => l.result === "applied").map((l) => l.action)).toEqual(["write-fields"]);
    const values = await control<{ values: Record<string, Record<string, unknown>> }>(sandbox(), "GET", "/ninjaone/field-values");
    expect(values.values[`device:${link.ninjaDeviceId}`]?.["intuneComplianceState"]).toBe("In grace period");

    expect((await sync(env, "compliance"))?.counts.planned).toBe(0);
    expect((await sync(env, "fields"))?.counts.planned).toBe(0);
  });

  it("says why it is skipped while compliance is not mapped", async () => {
    const other = makeCliHome();
    try {
      const otherEnv = sandboxEnv(sandbox(), other);
      writeMappings(other, { "cipp.tenant-summary": "m365TenantSummary" });
      const report = (await runCliJson<{ jobs: Array<{ status: string; notes: string[] }> }>(["sync", "--jobs", "compliance", "--json"], otherEnv)).report.jobs[0];
      expect(report?.status).toBe("skipped");
      expect(report?.notes.join(" ")).toContain("fields map cipp.device-compliance");
    } finally {
      other.cleanup();
    }
  });
});
