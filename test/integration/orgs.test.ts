import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { RunningSandbox } from "../../src/sandbox/server.js";
import { recordLink, type Link } from "../../src/jobs/shared/mappings.js";
import { openState } from "../../src/state/index.js";
import { useDemoSandbox } from "../helpers/demo-sandbox.js";
import { writeMappings } from "../helpers/fields-settings.js";
import { makeCliHome, runCli, type CliHome } from "../helpers/run-cli.js";
import { runInProcess } from "../helpers/run-in-process.js";
import { control } from "../helpers/sandbox-control.js";
import { sandboxEnv } from "../helpers/sandbox-env.js";
import { readStateFile, stateFile } from "../helpers/state-file.js";

interface Row {
  id: number;
  name: string;
  devices: number | null;
  acronis: { targetId: string; targetName: string; source: string } | null;
  m365: { targetId: string; targetName: string; source: string } | null;
  flags: string[];
}

interface StateJson {
  mappings: {
    acronis: Record<string, { ninjaOrgId: number; acronisTenantName: string; source: string }>;
    m365: Record<string, { ninjaOrgId: number; m365DefaultDomain: string; source: string }>;
  };
}

function acronisLinks(home: CliHome): string[] {
  return Object.values(readStateFile<StateJson>(home).mappings.acronis).map((m) => `${m.ninjaOrgId} → ${m.acronisTenantName} (${m.source})`);
}

let home: CliHome;
let env: NodeJS.ProcessEnv;
const cli = (...args: string[]) => runInProcess(args, { env });

/** A fresh CLI home for each test, pointed at the describe's sandbox. */
function useCliHome(sandbox: () => RunningSandbox): void {
  beforeEach(() => {
    home = makeCliHome();
    env = sandboxEnv(sandbox(), home);
  });
  afterEach(() => home.cleanup());
}

/**
 * Records the links most tests start from straight into the state file (the map command has
 * its own tests): Contoso and Fabrikam on Acronis, Contoso and Tailspin on Microsoft 365.
 */
async function mapAll(sandbox: RunningSandbox): Promise<void> {
  const acronis = (await control<{ items: Array<{ id: string; name: string }> }>(sandbox, "GET", "/acronis/tenants")).items;
  const m365 = await control<Array<{ customerId: string; defaultDomainName: string }>>(sandbox, "GET", "/cipp/tenants");
  const tenantId = (name: string) => acronis.find((t) => t.name === name)?.id ?? "";
  const m365Id = (domain: string) => m365.find((t) => t.defaultDomainName === domain)?.customerId ?? "";
  const mappedAt = "2026-01-01T00:00:00.000Z";
  const links: Link[] = [
    { service: "acronis", orgId: 1, orgName: "Contoso", targetId: tenantId("Contoso"), targetName: "Contoso", source: "manual", mappedAt },
    { service: "acronis", orgId: 2, orgName: "Fabrikam, Inc.", targetId: tenantId("Fabrikam Inc"), targetName: "Fabrikam Inc", source: "manual", mappedAt },
    { service: "cipp", orgId: 1, orgName: "Contoso", targetId: m365Id("contoso.onmicrosoft.com"), targetName: "contoso.onmicrosoft.com", source: "automap", mappedAt },
    { service: "cipp", orgId: 4, orgName: "Tailspin Toys (HQ)", targetId: m365Id("tailspintoys.com"), targetName: "tailspintoys.com", source: "automap", mappedAt },
  ];
  const state = await openState(stateFile(home), { mode: "write", command: "test" });
  try {
    await state.update((draft) => {
      for (const link of links) recordLink(draft, link);
    });
  } finally {
    await state.close();
  }
}

describe("orgs against the demo estate", () => {
  const sandbox = useDemoSandbox();
  useCliHome(sandbox);

  it("lists every organization with its device count, links and flags as JSON", async () => {
    await mapAll(sandbox());
    const result = await cli("orgs", "list", "--json");
    expect(result.code, result.stderr).toBe(0);
    const rows = (JSON.parse(result.stdout) as { orgs: Row[] }).orgs;
    expect(rows.map((r) => [r.id, r.name, r.devices, r.acronis?.targetName ?? null, r.m365?.targetName ?? null])).toEqual([
      [6, "Adatum", 1, null, null],
      [5, "Alpine Ski House", 2, null, null],
      [1, "Contoso", 4, "Contoso", "contoso.onmicrosoft.com"],
      [2, "Fabrikam, Inc.", 3, "Fabrikam Inc", null],
      [3, "Northwind Traders", 3, null, null],
      [4, "Tailspin Toys (HQ)", 4, null, "tailspintoys.com"],
    ]);
    expect(rows.find((r) => r.id === 4)?.m365?.source).toBe("automap");
    expect(rows.flatMap((r) => r.flags)).toEqual([]);
  });

  it("lists only organizations missing a link with --unmapped, as a table", async () => {
    await mapAll(sandbox());
    const result = await cli("orgs", "list", "--unmapped");
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^ID\s+ORGANIZATION\s+DEVICES\s+ACRONIS\s+M365\s+EXCLUDED FROM\s+FLAGS$/);
    expect(lines.slice(1).map((l) => l.split(/\s{2,}/)[1])).toEqual(["Adatum", "Alpine Ski House", "Fabrikam, Inc.", "Northwind Traders", "Tailspin Toys (HQ)"]);
  });

  it("maps an organization by exact name regardless of case, and by id, recording each as manual", async () => {
    const byName = await cli("orgs", "map", "contoso", "--acronis", "CONTOSO");
    expect(byName.code, byName.stderr).toBe(0);
    expect(byName.stdout).toContain("map Contoso (#1) → Acronis tenant Contoso");
    const byId = await cli("orgs", "map", "3", "--acronis", "NORTHWIND TRADERS LLC");
    expect(byId.code, byId.stderr).toBe(0);
    expect(acronisLinks(home)).toEqual(["1 → Contoso (manual)", "3 → NORTHWIND TRADERS LLC (manual)"]);
  });

  it("records the default domain of a Microsoft 365 tenant given by its display name", async () => {
    expect((await cli("orgs", "map", "Fabrikam, Inc.", "--cipp", "fabrikam")).code).toBe(0);
    expect(Object.values(readStateFile<StateJson>(home).mappings.m365).map((m) => m.m365DefaultDomain)).toEqual(["fabrikam.com"]);
  });

  it("shows the plan and records nothing with --dry-run", async () => {
    const result = await cli("orgs", "map", "Contoso", "--acronis", "Contoso", "--dry-run", "--json");
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ dryRun: true, results: [{ plan: { kind: "link", link: { orgId: 1, targetName: "Contoso" } }, recorded: false }] });
    expect(existsSync(stateFile(home))).toBe(false);
  });

  it("says which organizations a name could mean when it is not found", async () => {
    const result = await cli("orgs", "map", "Contoso Ltd", "--acronis", "Contoso");
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('no NinjaOne organization has the id or name "Contoso Ltd"');
    expect(result.stderr).toContain("orgs list");
  });

  it("refuses --interactive without a terminal and names the non-interactive form", async () => {
    const result = await cli("orgs", "map", "--interactive", "--acronis");
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--interactive needs a terminal");
    expect(result.stderr).toContain("ninja-bridge orgs map <org> --acronis <tenant>");
  });

  it("refuses a tenant mapped to another organization, and moves it with --force saying what it unlinks", async () => {
    await mapAll(sandbox());
    const refused = await cli("orgs", "map", "Adatum", "--acronis", "Contoso");
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('Acronis tenant "Contoso" is already mapped to Contoso (#1)');
    expect(refused.stderr).toContain("--force");
    expect(acronisLinks(home)).toContain("1 → Contoso (manual)");

    const forced = await cli("orgs", "map", "Adatum", "--acronis", "Contoso", "--force");
    expect(forced.code, forced.stderr).toBe(0);
    expect(forced.stdout).toContain("unlinks Contoso (#1) from Contoso");
    expect(acronisLinks(home)).toEqual(["2 → Fabrikam Inc (manual)", "6 → Contoso (manual)"]);
  });

  it("says so when a map replaces the organization's own link", async () => {
    await mapAll(sandbox());
    const result = await cli("orgs", "map", "Fabrikam, Inc.", "--acronis", "Woodgrove Bank");
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain("replaces its link to Fabrikam Inc");
    expect(acronisLinks(home)).toEqual(["1 → Contoso (manual)", "2 → Woodgrove Bank (manual)"]);
  });

  it("unmaps one service's link, and needs --yes to remove both at once without a terminal", async () => {
    await mapAll(sandbox());
    const one = await cli("orgs", "unmap", "Contoso", "--cipp");
    expect(one.code, one.stderr).toBe(0);
    expect(Object.keys(readStateFile<StateJson>(home).mappings.m365)).toEqual(["4"]);

    await cli("orgs", "map", "Contoso", "--cipp", "Contoso");
    const refused = await cli("orgs", "unmap", "Contoso");
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("this removes 2 links of Contoso (#1), and there is no terminal to confirm it");
    expect(Object.keys(readStateFile<StateJson>(home).mappings.acronis)).toContain("1");

    const both = await cli("orgs", "unmap", "Contoso", "--yes");
    expect(both.code, both.stderr).toBe(0);
    expect(Object.keys(readStateFile<StateJson>(home).mappings.acronis)).toEqual(["2"]);
    expect(Object.keys(readStateFile<StateJson>(home).mappings.m365)).toEqual(["4"]);
  });

  it("treats unmapping an organization with no links as done", async () => {
    const result = await cli("orgs", "unmap", "Alpine Ski House");
    expect(result.code, result.stderr).toBe(0);
  });

  it("unmaps from the local file alone: NinjaOne unreachable changes nothing", async () => {
    await mapAll(sandbox());
    const offline = { ...env, NINJA_BRIDGE_NINJAONE_INSTANCE: "http://127.0.0.1:9" };
    const removed = await runInProcess(["orgs", "unmap", "Contoso", "--cipp"], { env: offline });
    expect(removed.code, removed.stderr).toBe(0);
    const none = await runInProcess(["orgs", "unmap", "Alpine Ski House"], { env: offline });
    expect(none.code, none.stderr).toBe(0);
    expect(none.stderr).not.toContain("127.0.0.1:9");
  });

  it("excludes an organization from jobs: listed, obeyed and said by fields, kept in the mapping file, and included again", async () => {
    await mapAll(sandbox());
    writeMappings(home, { "acronis.protection-status": "acronisProtectionStatus" });
    expect((await cli("orgs", "exclude", "Contoso", "--jobs", "fields,bogus")).code).toBe(2);
    const excluded = await cli("orgs", "exclude", "Contoso", "--jobs", "tickets,fields");
    expect(excluded.code, excluded.stderr).toBe(0);
    expect(excluded.stderr).toContain("Contoso (org 1) is excluded from fields, tickets");
    const rows = (JSON.parse((await cli("orgs", "list", "--json")).stdout) as { orgs: Array<Row & { excluded: string[] }> }).orgs;
    expect(rows.filter((r) => r.excluded.length > 0).map((r) => [r.id, r.excluded])).toEqual([[1, ["fields", "tickets"]]]);

    const fields = await cli("fields", "sync", "--dry-run", "--json");
    expect(fields.code, fields.stderr).toBe(0);
    const report = JSON.parse(fields.stdout) as { notes: string[]; actions: Array<{ target: string }> };
    expect(report.notes).toContain("excluded (`orgs exclude`): Contoso (org 1); fields leaves them alone");
    expect(report.actions.length).toBeGreaterThan(0);
    expect(report.actions.filter((a) => a.target.includes("Contoso") || a.target.includes("CONTOSO"))).toEqual([]);

    const file = path.join(home.dir, "mappings.json");
    expect((await cli("orgs", "map", "export", "--file", file)).code).toBe(0);
    expect((JSON.parse(readFileSync(file, "utf8")) as { exclusions: unknown }).exclusions).toEqual([{ orgId: 1, orgName: "Contoso", jobs: ["fields", "tickets"] }]);
    expect((await cli("orgs", "include", "1", "--jobs", "tickets")).code).toBe(0);
    const drift = await cli("orgs", "map", "check", "--file", file, "--json");
    expect(drift.code).toBe(4);
    expect(JSON.parse(drift.stdout)).toMatchObject({ clean: false, findings: [], exclusionChanges: [{ orgId: 1, before: ["fields"], after: ["fields", "tickets"] }] });
    expect((await cli("orgs", "map", "import", file)).code).toBe(0);
    expect((await cli("orgs", "map", "check", "--file", file)).code).toBe(0);

    expect((await cli("orgs", "include", "Contoso")).code).toBe(0);
    const after = (JSON.parse((await cli("orgs", "list", "--json")).stdout) as { orgs: Array<Row & { excluded: string[] }> }).orgs;
    expect(after.flatMap((r) => r.excluded)).toEqual([]);
    expect(JSON.parse((await cli("orgs", "map", "export")).stdout)).not.toHaveProperty("exclusions");
  });

  it("round-trips the mappings through export and import", async () => {
    await mapAll(sandbox());
    const first = await cli("orgs", "map", "export");
    expect(first.code, first.stderr).toBe(0);
    const file = path.join(home.dir, "mappings.json");
    writeFileSync(file, first.stdout);
    for (const org of ["1", "2", "4"]) expect((await cli("orgs", "unmap", org, "--yes")).code).toBe(0);
    expect(JSON.parse((await cli("orgs", "map", "export")).stdout)).toMatchObject({ acronis: [], m365: [] });

    const imported = await cli("orgs", "map", "import", file);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout.match(/^add /gm)).toHaveLength(4);
    expect((await cli("orgs", "map", "export")).stdout).toBe(first.stdout);
    expect(Object.values(readStateFile<StateJson>(home).mappings.acronis).map((m) => m.source)).toEqual(["import", "import"]);
  });

  it("writes the export to a file, sorted by organization id, with a format version", async () => {
    await mapAll(sandbox());
    const file = path.join(home.dir, "out.json");
    expect((await cli("orgs", "map", "export", "--file", file)).code).toBe(0);
    const doc = JSON.parse(readFileSync(file, "utf8")) as { version: number; acronis: Array<{ orgId: number }>; m365: Array<{ defaultDomain: string }> };
    expect(doc.version).toBe(1);
    expect(doc.acronis.map((e) => e.orgId)).toEqual([1, 2]);
    expect(doc.m365.map((e) => e.defaultDomain)).toEqual(["contoso.onmicrosoft.com", "tailspintoys.com"]);
  });

  it("shows an import's removals with --dry-run and needs --yes to apply them", async () => {
    await mapAll(sandbox());
    const file = path.join(home.dir, "fewer.json");
    const doc = JSON.parse((await cli("orgs", "map", "export")).stdout) as { acronis: unknown[] };
    doc.acronis = [];
    writeFileSync(file, JSON.stringify(doc));

    const dry = await cli("orgs", "map", "import", file, "--dry-run", "--json");
    expect(dry.code, dry.stderr).toBe(0);
    expect((JSON.parse(dry.stdout) as { changes: Array<{ kind: string; orgId: number }> }).changes.map((c) => `${c.kind} ${c.orgId}`)).toEqual(["remove 1", "remove 2"]);
    expect(acronisLinks(home)).toHaveLength(2);

    const refused = await cli("orgs", "map", "import", file);
    expect(refused.code).toBe(2);
    expect(acronisLinks(home)).toHaveLength(2);
    expect((await cli("orgs", "map", "import", file, "--yes")).code).toBe(0);
    expect(acronisLinks(home)).toEqual([]);
  });

  it("refuses an import file that maps one tenant twice, naming the field", async () => {
    await mapAll(sandbox());
    const doc = JSON.parse((await cli("orgs", "map", "export")).stdout) as { acronis: Array<{ tenantId: string }> };
    const [first, second] = doc.acronis;
    if (first === undefined || second === undefined) throw new Error("the export has fewer than two Acronis entries");
    second.tenantId = first.tenantId;
    const file = path.join(home.dir, "twice.json");
    writeFileSync(file, JSON.stringify(doc));
    const result = await cli("orgs", "map", "import", file);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("acronis[1].tenantId");
    expect(result.stderr).toContain("mapped twice");
  });

  it("checks clean, and finds a file that differs from the state", async () => {
    await mapAll(sandbox());
    const file = path.join(home.dir, "mappings.json");
    expect((await cli("orgs", "map", "export", "--file", file)).code).toBe(0);
    const clean = await cli("orgs", "map", "check", "--file", file);
    expect(clean.code, clean.stderr).toBe(0);

    expect((await cli("orgs", "unmap", "Tailspin Toys (HQ)")).code).toBe(0);
    const drift = await cli("orgs", "map", "check", "--file", file, "--json");
    expect(drift.code).toBe(4);
    expect(JSON.parse(drift.stdout)).toMatchObject({ clean: false, findings: [{ kind: "file-differs", service: "cipp", orgId: 4 }] });
  });

  // Spawned: the lock must be held by another process than the run that meets it.
  it("exits 75 when another run holds the state file", async () => {
    await mapAll(sandbox());
    const held = await openState(stateFile(home), { mode: "write", command: "test" });
    try {
      const result = await runCli(["orgs", "unmap", "Contoso", "--acronis"], { env });
      expect(result.code).toBe(75);
    } finally {
      await held.close();
    }
    expect(acronisLinks(home)).toContain("1 → Contoso (manual)");
  });
});

describe("orgs after an organization is deleted in NinjaOne", () => {
  const sandbox = useDemoSandbox();
  useCliHome(sandbox);

  it("reports the mapped organization as gone: check exits 4, list flags it, unmap still removes it", async () => {
    await mapAll(sandbox());
    await control(sandbox(), "DELETE", "/ninjaone/organizations/2");

    const check = await cli("orgs", "map", "check");
    expect(check.code).toBe(4);
    expect(check.stdout).toMatch(/org-gone\s+acronis\s+2\s+/);
    expect(check.stderr).toContain("1 finding in 4 mappings");

    const list = JSON.parse((await cli("orgs", "list", "--json")).stdout) as { orgs: Row[] };
    expect(list.orgs.find((r) => r.id === 2)).toMatchObject({ name: "Fabrikam, Inc.", devices: null, flags: ["org-gone"] });

    expect((await cli("orgs", "unmap", "Fabrikam, Inc.")).code).toBe(0);
    expect((await cli("orgs", "map", "check")).code).toBe(0);
  });
});
