import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { RequestCounts } from "../../src/sandbox/core/request-counts.js";
import type { RunningSandbox } from "../../src/sandbox/server.js";
import { runCliJson } from "../helpers/cli-json.js";
import { useDemoSandbox } from "../helpers/demo-sandbox.js";
import { writeMappings } from "../helpers/fields-settings.js";
import { makeCliHome, type CliHome } from "../helpers/run-cli.js";
import { runInProcess } from "../helpers/run-in-process.js";
import { control } from "../helpers/sandbox-control.js";
import { sandboxEnv } from "../helpers/sandbox-env.js";
import { readStateFile } from "../helpers/state-file.js";

interface SyncJson {
  summary: { entitiesWritten: number };
  orgs: unknown[];
}

let home: CliHome;
beforeEach(() => {
  home = makeCliHome();
});
afterEach(() => home.cleanup());

/** The Microsoft 365 tenants automap linked: the tenants a sync reads. */
const mappedTenants = () => Object.keys(readStateFile<{ mappings: { m365: Record<string, unknown> } }>(home).mappings.m365).length;

const requests = async (sandbox: RunningSandbox, route: string) => (await control<RequestCounts>(sandbox, "GET", "/requests")).services.cipp.byRoute[route]?.total ?? 0;

describe("fields sync reads CIPP's licences of all tenants at once", () => {
  const sandbox = useDemoSandbox({ fresh: true });

  it("reads each tenant alone while CIPP's all-tenants cache fills, then every tenant's licences in one request, to the same values", async () => {
    const env = sandboxEnv(sandbox(), home, { cipp: true });
    expect((await runInProcess(["automap", "--target", "cipp", "--yes"], { env })).code).toBe(0);
    writeMappings(home, { "cipp.tenant-summary": "m365TenantSummary" });

    await control(sandbox(), "POST", "/requests/reset");
    const first = await runCliJson<SyncJson>(["fields", "sync", "--json", "--yes"], env);
    expect(first.code, first.stderr).toBe(0);
    const tenants = mappedTenants();
    expect(tenants).toBeGreaterThan(1);
    expect(first.report.summary.entitiesWritten).toBeGreaterThan(0);
    // One all-tenants request that finds the cache cold, then each tenant alone.
    expect(await requests(sandbox(), "GET /api/ListLicenses")).toBe(1 + tenants);

    await control(sandbox(), "POST", "/requests/reset");
    const second = await runCliJson<SyncJson>(["fields", "sync", "--json", "--yes"], env);
    expect(second.code, second.stderr).toBe(0);
    expect(await requests(sandbox(), "GET /api/ListLicenses")).toBe(1);
    // The same licences as each tenant's own report: nothing to write again.
    expect(second.report.summary.entitiesWritten).toBe(0);
  }, 60_000);

  it("reads each tenant alone when the all-tenants report fails", async () => {
    const env = sandboxEnv(sandbox(), home, { cipp: true });
    expect((await runInProcess(["automap", "--target", "cipp", "--yes"], { env })).code).toBe(0);
    writeMappings(home, { "cipp.tenant-summary": "m365TenantSummary" });
    // A 500, not a fault kind answered with 200 (an HTML page), which the 2xx count below would take for a read.
    await control(sandbox(), "PATCH", "/knobs", { faultRate: 1, faultKinds: ["status500"], faultRoutes: ["ListLicenses?tenantFilter=AllTenants"] });
    try {
      await control(sandbox(), "POST", "/requests/reset");
      const run = await runCliJson<SyncJson>(["fields", "sync", "--json", "--yes"], env);
      expect(run.code, run.stderr).toBe(0);
      expect(run.report.summary.entitiesWritten).toBeGreaterThan(0);
      const counts = (await control<RequestCounts>(sandbox(), "GET", "/requests")).services.cipp.byRoute["GET /api/ListLicenses"];
      expect(counts?.byStatus["2xx"]).toBe(mappedTenants());
    } finally {
      await control(sandbox(), "PATCH", "/knobs", { faultRate: 0, faultKinds: ["status500", "status502", "status503", "drop", "html"], faultRoutes: [] });
    }
  }, 60_000);
});
