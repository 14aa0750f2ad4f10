import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { listWorkloads } from "../../src/clients/acronis/workloads.js";
import { collect } from "../../src/clients/async-lists.js";
import type { RequestCounts } from "../../src/sandbox/core/request-counts.js";
import type { RunningSandbox } from "../../src/sandbox/server.js";
import { runCliJson } from "../helpers/cli-json.js";
import { useDemoSandbox } from "../helpers/demo-sandbox.js";
import { writeMappings } from "../helpers/fields-settings.js";
import { makeCliHome, type CliHome } from "../helpers/run-cli.js";
import { runInProcess } from "../helpers/run-in-process.js";
import { sandboxClients } from "../helpers/sandbox-clients.js";
import { control } from "../helpers/sandbox-control.js";
import { sandboxEnv } from "../helpers/sandbox-env.js";
import { readStateFile } from "../helpers/state-file.js";

interface SyncJson {
  problems: Array<{ service: string; kind: string; subject: string }>;
}
interface StateJson {
  mappings: { acronis: Record<string, { acronisTenantId: string; acronisTenantName: string; acronisTenantNumericIds?: string[] }> };
}

let home: CliHome;
beforeEach(() => {
  home = makeCliHome();
});
afterEach(() => home.cleanup());

const sync = (env: NodeJS.ProcessEnv) => runCliJson<SyncJson>(["fields", "sync", "--json", "--yes"], env);

/** The Acronis status listings since the last reset. */
async function statusReads(sandbox: RunningSandbox): Promise<number> {
  const routes = (await control<RequestCounts>(sandbox, "GET", "/requests")).services.acronis.byRoute;
  return Object.entries(routes).filter(([route]) => route.includes("resource_statuses")).reduce((n, [, c]) => n + c.total, 0);
}

const mapped = (h: CliHome) => Object.values(readStateFile<StateJson>(h).mappings.acronis);

async function setUp(sandbox: RunningSandbox): Promise<NodeJS.ProcessEnv> {
  const env = sandboxEnv(sandbox, home, { acronis: true });
  expect((await runInProcess(["automap", "--target", "acronis", "--yes"], { env })).code).toBe(0);
  writeMappings(home, { "acronis.protection-status": "acronisProtectionStatus" });
  return env;
}

describe("fields sync reads Acronis customers many at a time", () => {
  const sandbox = useDemoSandbox({ fresh: true });

  it("learns each customer's numeric tenant ids alone once, then reads them all in one listing", async () => {
    const env = await setUp(sandbox());
    const first = await sync(env);
    expect(first.code, first.stderr).toBe(0);
    const customers = mapped(home);
    expect(customers.length).toBeGreaterThan(1);
    // Northwind's set holds its own id and its unit's.
    expect(customers.find((m) => /northwind/i.test(m.acronisTenantName))?.acronisTenantNumericIds).toHaveLength(2);
    expect(customers.every((m) => m.acronisTenantNumericIds !== undefined)).toBe(true);

    await control(sandbox(), "POST", "/requests/reset");
    const steady = await sync(env);
    expect(steady.code, steady.stderr).toBe(0);
    // ceil(customers / 100) listings, no page beyond the first at this size.
    expect(await statusReads(sandbox())).toBe(Math.ceil(customers.length / 100));
  }, 60_000);

  it("reads the customers of a batch alone when a new unit's workload shows up, and relearns that customer's ids", async () => {
    const env = await setUp(sandbox());
    expect((await sync(env)).code).toBe(0);
    const contoso = mapped(home).find((m) => m.acronisTenantName === "Contoso");
    expect(contoso?.acronisTenantNumericIds).toHaveLength(1);
    const { acronis } = sandboxClients(sandbox());
    const unit = await acronis.request({ method: "POST", path: "/api/2/tenants", json: { name: "Contoso Branch", kind: "unit", parent_id: contoso?.acronisTenantId }, expectedStatus: [200, 201], schema: z.object({ id: z.string() }) });
    const [moved] = await collect(listWorkloads(acronis, contoso?.acronisTenantId ?? ""));
    await control(sandbox(), "POST", `/acronis/workloads/${moved?.id ?? ""}`, { tenantId: unit.id });

    await control(sandbox(), "POST", "/requests/reset");
    const next = await sync(env);
    expect(next.code, next.stderr).toBe(0);
    const customers = mapped(home);
    // One batch that could not place the unit's workload, then each customer alone.
    expect(await statusReads(sandbox())).toBe(1 + customers.length);
    expect(customers.find((m) => m.acronisTenantName === "Contoso")?.acronisTenantNumericIds).toHaveLength(2);

    await control(sandbox(), "POST", "/requests/reset");
    expect((await sync(env)).code).toBe(0);
    expect(await statusReads(sandbox())).toBe(1);
  }, 60_000);

  it("reads the customers of a failing batch alone, so a fault costs only the customer it belongs to", async () => {
    const env = await setUp(sandbox());
    expect((await sync(env)).code).toBe(0);
    const customers = mapped(home);
    const contoso = customers.find((m) => m.acronisTenantName === "Contoso")?.acronisTenantId ?? "";
    // Every listing whose filter names Contoso fails: the batch, and Contoso's own.
    await control(sandbox(), "PATCH", "/knobs", { faultRate: 1, faultRoutes: [contoso] });
    try {
      const faulted = await sync(env);
      expect(faulted.code, faulted.stderr).toBe(3);
      expect(faulted.report.problems.filter((p) => p.service === "acronis")).toEqual([expect.objectContaining({ kind: "read-failed", subject: "Acronis tenant Contoso" })]);
    } finally {
      await control(sandbox(), "PATCH", "/knobs", { faultRate: 0, faultRoutes: [] });
    }
  }, 60_000);
});

describe("agents status reads Acronis customers many at a time", () => {
  const sandbox = useDemoSandbox();

  it("learns the customers' numeric tenant ids once, then lists workloads and statuses once for all of them", async () => {
    const env = sandboxEnv(sandbox(), home, { acronis: true });
    expect((await runInProcess(["automap", "--target", "acronis", "--yes"], { env })).code).toBe(0);
    const first = await runInProcess(["agents", "status", "--json"], { env });
    expect(first.code, first.stderr).toBe(0);
    expect(mapped(home).every((m) => m.acronisTenantNumericIds !== undefined)).toBe(true);
    await control(sandbox(), "POST", "/requests/reset");
    const second = await runInProcess(["agents", "status", "--json"], { env });
    expect(second.code, second.stderr).toBe(0);
    expect(JSON.parse(second.stdout)).toEqual(JSON.parse(first.stdout));
    const routes = (await control<RequestCounts>(sandbox(), "GET", "/requests")).services.acronis.byRoute;
    expect(routes["GET /api/resource_management/v4/resources"]?.total).toBe(1);
    expect(await statusReads(sandbox())).toBe(1);
  }, 60_000);
});
