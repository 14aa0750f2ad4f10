import { existsSync } from "node:fs";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startSandbox, type RunningSandbox } from "../../src/sandbox/server.js";
import { makeCliHome, type CliHome } from "../helpers/run-cli.js";
import { runInProcess } from "../helpers/run-in-process.js";
import { sandboxEnv } from "../helpers/sandbox-env.js";
import { control } from "../helpers/sandbox-control.js";
import { readStateFile, stateFile } from "../helpers/state-file.js";

interface PlanJson {
  dryRun: boolean;
  notConfigured: string[];
  targets: Array<{
    service: "acronis" | "cipp";
    summary: { link: number; refuse: number };
    links: Array<{ org: { id: number; name: string }; target: { id: string; name: string }; evidence: { by: string; match?: string; devices?: number; share?: number } }>;
    refused: Array<{ cause: string; subject: { side: string; id: number | string; name: string }; candidates: Array<{ id: number | string; name: string }> }>;
    unmatchedDevices: Array<{ targetName: string; name: string }>;
  }>;
  applied: { linked: Array<{ service: string; orgId: number; targetId: string }> } | null;
}

interface StateJson {
  mappings: {
    acronis: Record<string, { ninjaOrgId: number; acronisTenantName: string; source: string }>;
    m365: Record<string, { ninjaOrgId: number; m365DefaultDomain: string; source: string }>;
  };
}

function target(plan: PlanJson, service: "acronis" | "cipp") {
  const found = plan.targets.find((t) => t.service === service);
  if (found === undefined) throw new Error(`the plan has no ${service} section`);
  return found;
}

function linkRows(plan: PlanJson, service: "acronis" | "cipp"): string[] {
  return target(plan, service).links.map((l) => `${l.org.name} → ${l.target.name} (${l.evidence.by === "name" ? l.evidence.match : "devices"})`);
}

async function automap(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; plan: PlanJson; stderr: string }> {
  const result = await runInProcess(["automap", "--json", ...args], { env });
  return { code: result.code, plan: (result.stdout === "" ? null : JSON.parse(result.stdout)) as PlanJson, stderr: result.stderr };
}

let home: CliHome;
beforeEach(() => {
  home = makeCliHome();
});
afterEach(() => home.cleanup());

describe("automap against the demo estate", () => {
  let sandbox: RunningSandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ seed: "demo", port: 0 });
  });
  afterAll(() => sandbox.close());

  it("plans the links the demo estate was built for, and records nothing with --dry-run", async () => {
    const { code, plan, stderr } = await automap(["--dry-run"], sandboxEnv(sandbox, home));
    expect(code, stderr).toBe(0);
    expect(linkRows(plan, "acronis")).toEqual([
      "Contoso → Contoso (exact)",
      "Fabrikam, Inc. → Fabrikam Inc (normalised)",
      "Northwind Traders → NORTHWIND TRADERS LLC (normalised)",
      "Adatum → ADATUM (exact)",
      "Tailspin Toys (HQ) → TST Holdings (devices)",
    ]);
    expect(target(plan, "acronis").refused).toMatchObject([{ cause: "too-little-evidence", subject: { name: "Adatum GmbH" }, candidates: [{ name: "Adatum" }] }]);
    expect(linkRows(plan, "cipp")).toEqual(["Contoso → Contoso (exact)", "Fabrikam, Inc. → fabrikam (normalised)", "Tailspin Toys (HQ) → Tailspin (devices)"]);
    expect(target(plan, "cipp").unmatchedDevices.map((d) => `${d.targetName}/${d.name}`)).toEqual([
      "Contoso/Ada's iPhone",
      "fabrikam/Galaxy S24",
      "Tailspin/TST-LT09",
      "Litware, Inc./LIT-WS01",
      "Litware, Inc./LIT-MAC01",
    ]);
    expect(plan).toMatchObject({ dryRun: true, applied: null });
    expect(existsSync(stateFile(home))).toBe(false);
  });

  it("records every proposed link with --yes, each as made by automap", async () => {
    const { code, plan, stderr } = await automap(["--yes"], sandboxEnv(sandbox, home));
    expect(code, stderr).toBe(0);
    expect(plan.applied?.linked).toHaveLength(8);
    const state = readStateFile<StateJson>(home);
    expect(Object.values(state.mappings.acronis).map((m) => [m.ninjaOrgId, m.acronisTenantName, m.source])).toEqual([
      [1, "Contoso", "automap"],
      [2, "Fabrikam Inc", "automap"],
      [3, "NORTHWIND TRADERS LLC", "automap"],
      [4, "TST Holdings", "automap"],
      [6, "ADATUM", "automap"],
    ]);
    // Microsoft 365 links record the tenant's default domain.
    expect(Object.values(state.mappings.m365).map((m) => [m.ninjaOrgId, m.m365DefaultDomain])).toEqual([
      [1, "contoso.onmicrosoft.com"],
      [2, "fabrikam.com"],
      [4, "tailspintoys.com"],
    ]);
  });

  it("proposes nothing on a second run right after the first", async () => {
    const env = sandboxEnv(sandbox, home);
    expect((await automap(["--yes"], env)).code).toBe(0);
    const serial = readStateFile<{ serial: number }>(home).serial;
    const again = await automap([], env);
    expect(again.code, again.stderr).toBe(0);
    expect(again.plan.targets.map((t) => t.summary.link)).toEqual([0, 0]);
    expect(again.plan.applied).toBeNull();
    expect(readStateFile<{ serial: number }>(home).serial).toBe(serial);
  });

  it("links only Microsoft 365 tenants with --target cipp", async () => {
    const { code, plan, stderr } = await automap(["--target", "cipp", "--yes"], sandboxEnv(sandbox, home));
    expect(code, stderr).toBe(0);
    expect(plan.targets.map((t) => t.service)).toEqual(["cipp"]);
    const state = readStateFile<StateJson>(home);
    expect(Object.keys(state.mappings.acronis)).toEqual([]);
    expect(Object.keys(state.mappings.m365)).toEqual(["1", "2", "4"]);
  });

  it("refuses to apply without a terminal or --yes, and records nothing", async () => {
    const result = await runInProcess(["automap"], { env: sandboxEnv(sandbox, home) });
    expect(result.code).toBe(2);
    expect(result.stdout).toContain("Proposed links");
    expect(result.stderr).toContain("automap would record 8 links, and there is no terminal to confirm them");
    expect(result.stderr).toContain("add --yes");
    expect(existsSync(stateFile(home))).toBe(false);
  });

  it("skips an unconfigured service when covering all, and says so in the plan", async () => {
    const { code, plan } = await automap(["--dry-run"], sandboxEnv(sandbox, home, { acronis: true }));
    expect(code).toBe(0);
    expect(plan.notConfigured).toEqual(["cipp"]);
    expect(plan.targets.map((t) => t.service)).toEqual(["acronis"]);
  });

  it("exits 2 with the fix when the service asked for is not configured", async () => {
    const result = await runInProcess(["automap", "--target", "cipp", "--dry-run"], { env: sandboxEnv(sandbox, home, { acronis: true }) });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('CIPP is not configured in profile "default"');
    expect(result.stderr).toContain("ninja-bridge auth login cipp");
  });

  it("records the name links and the other service's device links, exits 3, and the next run records the rest", async () => {
    const tenants = await control<Array<{ customerId: string; displayName: string }>>(sandbox, "GET", "/cipp/tenants");
    const litware = tenants.find((t) => t.displayName.startsWith("Litware"))?.customerId ?? "";
    await control(sandbox, "PATCH", "/knobs", { faultRate: 1, faultRoutes: [`GET /api/ListDevices?tenantFilter=${litware}`] });
    const env = sandboxEnv(sandbox, home);
    try {
      const first = await automap(["--yes"], env);
      expect(first.code, first.stderr).toBe(3);
      expect(first.stderr).toContain('CIPP could not read the devices of "Litware, Inc."');
      // Litware matches nothing, but unread it could claim Tailspin as well: the CIPP device link waits.
      expect(target(first.plan, "cipp").refused).toMatchObject([
        { cause: "evidence-incomplete", subject: { name: "Tailspin" }, candidates: [{ name: "Tailspin Toys (HQ)" }] },
        { cause: "devices-unread", subject: { name: "Litware, Inc." } },
      ]);
      expect(first.plan.applied?.linked.map((l) => `${l.service}:${l.orgId}`)).toEqual(["acronis:1", "acronis:2", "acronis:3", "acronis:6", "acronis:4", "cipp:1", "cipp:2"]);
    } finally {
      await control(sandbox, "PATCH", "/knobs", { faultRate: 0, faultRoutes: [] });
    }
    const second = await automap(["--yes"], env);
    expect(second.code, second.stderr).toBe(0);
    expect(second.plan.applied?.linked.map((l) => `${l.service}:${l.orgId}`)).toEqual(["cipp:4"]);
    expect(Object.keys(readStateFile<StateJson>(home).mappings.m365)).toEqual(["1", "2", "4"]);
  }, 60_000);

  it("never proposes an organization or tenant that is already mapped", async () => {
    const env = sandboxEnv(sandbox, home);
    expect((await automap(["--target", "acronis", "--yes", "--min-devices", "5"], env)).code).toBe(0);
    // Tailspin's 4 devices are too few at --min-devices 5; the rest is linked by name.
    expect(Object.keys(readStateFile<StateJson>(home).mappings.acronis)).toEqual(["1", "2", "3", "6"]);
    const { plan } = await automap(["--target", "acronis", "--dry-run"], env);
    expect(linkRows(plan, "acronis")).toEqual(["Tailspin Toys (HQ) → TST Holdings (devices)"]);
  });
});

describe("automap against a large estate", () => {
  let sandbox: RunningSandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ seed: "large", port: 0, large: { orgs: 300, devicesPerOrg: 10, alerts: 10 } });
  });
  afterAll(() => sandbox.close());

  it("links most organizations, each at most once, and links no subject of a refusal", async () => {
    const { code, plan, stderr } = await automap(["--dry-run"], sandboxEnv(sandbox, home));
    expect(code, stderr).toBe(0);
    for (const t of plan.targets) {
      expect(t.links.length).toBeGreaterThan(150);
      expect(new Set(t.links.map((l) => l.org.id)).size).toBe(t.links.length);
      expect(new Set(t.links.map((l) => l.target.id)).size).toBe(t.links.length);
      const linked = new Set(t.links.flatMap((l) => [`org:${l.org.id}`, `target:${l.target.id}`]));
      for (const r of t.refused) expect(linked.has(`${r.subject.side}:${r.subject.id}`)).toBe(false);
    }
  });

  it("links each Acronis tenant tagged with its NinjaOne organization to that organization", async () => {
    const response = await fetch(`${sandbox.urls.control}/control/acronis/tenants`);
    const tenants = ((await response.json()) as { items: Array<{ id: string; internal_tag: string | null }> }).items;
    const taggedOrg = new Map(tenants.flatMap((t) => (t.internal_tag?.startsWith("ninja-org:") ? [[t.id, Number(t.internal_tag.slice(10))] as const] : [])));
    const { plan } = await automap(["--target", "acronis", "--dry-run"], sandboxEnv(sandbox, home));
    const checked = target(plan, "acronis").links.filter((l) => taggedOrg.has(l.target.id));
    expect(checked.length).toBeGreaterThan(30);
    for (const l of checked) expect(l.org.id, `${l.org.name} → ${l.target.name}`).toBe(taggedOrg.get(l.target.id));
  });

  it("records every proposed link and proposes none on the next run", async () => {
    const env = sandboxEnv(sandbox, home);
    const first = await automap(["--yes"], env);
    expect(first.code, first.stderr).toBe(0);
    const state = readStateFile<StateJson>(home);
    expect(Object.keys(state.mappings.acronis)).toHaveLength(target(first.plan, "acronis").links.length);
    expect(Object.keys(state.mappings.m365)).toHaveLength(target(first.plan, "cipp").links.length);
    const again = await automap(["--dry-run"], env);
    expect(again.plan.targets.map((t) => t.summary.link)).toEqual([0, 0]);
  });
});
