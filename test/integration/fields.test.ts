import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { RunningSandbox } from "../../src/sandbox/server.js";
import { runCliJson } from "../helpers/cli-json.js";
import { useDemoSandbox } from "../helpers/demo-sandbox.js";
import { writeMappings } from "../helpers/fields-settings.js";
import { makeCliHome, type CliHome } from "../helpers/run-cli.js";
import { runInProcess } from "../helpers/run-in-process.js";
import { sandboxClients } from "../helpers/sandbox-clients.js";
import { control } from "../helpers/sandbox-control.js";
import { sandboxEnv } from "../helpers/sandbox-env.js";

interface FieldWriteRecord {
  scope: "device" | "organization";
  entityId: number;
  field: string;
  value: unknown;
}

interface FieldValuesJson {
  writes: FieldWriteRecord[];
  values: Record<string, Record<string, unknown>>;
}

interface SyncJson {
  dryRun: boolean;
  summary: { entitiesWritten: number; entitiesUnchanged: number; fieldsWritten: number; problems: number; blocked: number };
  writes: Array<{ scope: string; entityId: number; entityName: string | null; fields: string[] }>;
  blocked: Array<{ sourceId: string; problem: string }>;
  problems: Array<{ service: string; kind: string; subject: string }>;
  applied: { written: Array<{ entityId: number }>; failed: Array<{ entityId: number; reason: string }> } | null;
}

/** The mappings the sync tests use: every kind of value, at device and organization scope. */
const MAPPINGS: ReadonlyArray<[string, string]> = [
  ["acronis.protection-status", "acronisProtectionStatus"],
  ["acronis.last-backup", "acronisLastBackup"],
  ["cipp.tenant-summary", "m365TenantSummary"],
  ["cipp.device-summary", "acronisBackupDetails"],
  ["cipp.device-compliance", "intuneComplianceState"],
];

const fieldValues = (sandbox: RunningSandbox) => control<FieldValuesJson>(sandbox, "GET", "/ninjaone/field-values");

const sync = (env: NodeJS.ProcessEnv, args: string[] = []) => runCliJson<SyncJson>(["fields", "sync", "--json", ...args], env);

/**
 * Links organizations with automap and stores the mappings as `fields map` would (the
 * map command has its own tests; each CLI run costs a process start).
 */
async function setUp(env: NodeJS.ProcessEnv, mappings: ReadonlyArray<[string, string]> = MAPPINGS): Promise<void> {
  const linked = await runInProcess(["automap", "--yes"], { env });
  expect(linked.code, linked.stderr).toBe(0);
  writeMappings(home, Object.fromEntries(mappings));
}

let home: CliHome;
beforeEach(() => {
  home = makeCliHome();
});
afterEach(() => home.cleanup());

describe("fields map against the demo fields", () => {
  const sandbox = useDemoSandbox();

  it("maps a fitting field, lists it as mapped, and unmaps it", async () => {
    const env = sandboxEnv(sandbox(), home);
    const mapped = await runInProcess(["fields", "map", "acronis.last-backup", "Acronis last successful backup"], { env });
    expect(mapped.code, mapped.stderr).toBe(0);
    const listed = await runInProcess(["fields", "list", "--scope", "device", "--json"], { env });
    const rows = (JSON.parse(listed.stdout) as { fields: Array<{ name: string; scopes: string[]; mappedFrom: string[] }> }).fields;
    expect(rows.find((r) => r.name === "acronisLastBackup")?.mappedFrom).toEqual(["acronis.last-backup"]);
    expect(rows.filter((r) => !r.scopes.includes("device"))).toEqual([]);
    const unmapped = await runInProcess(["fields", "unmap", "acronis.last-backup"], { env });
    expect(unmapped.code, unmapped.stderr).toBe(0);
    const after = JSON.parse((await runInProcess(["fields", "list", "--json"], { env })).stdout) as { fields: Array<{ mappedFrom: string[] }> };
    expect(after.fields.flatMap((r) => r.mappedFrom)).toEqual([]);
  });

  it("refuses fields whose type, scope or API permission does not fit, with the reason and the fix, and stores nothing", async () => {
    const env = sandboxEnv(sandbox(), home);
    const cases = [
      ["acronis.protection-status", "legacyBackupStatus", "API permission READ_ONLY", "Set the field's API permission to Read/Write"],
      ["acronis.last-backup", "backupHealthScore", "is of type NUMERIC", "Map a DATE_TIME or DATE field"],
      ["cipp.tenant-summary", "acronisBackupDetails", "needs ORGANIZATION", "add the ORGANIZATION scope"],
      ["cipp.device-summary", "technicianNotes", "API permission NONE", "Read/Write"],
    ];
    for (const [source = "", field = "", reason = "", fix = ""] of cases) {
      const refused = await runInProcess(["fields", "map", source, field], { env });
      expect(refused.code, `${source} → ${field}`).toBe(2);
      expect(refused.stderr).toContain(reason);
      expect(refused.stderr).toContain(fix);
    }
    const listed = JSON.parse((await runInProcess(["fields", "list", "--json"], { env })).stdout) as { fields: Array<{ mappedFrom: string[] }> };
    expect(listed.fields.flatMap((r) => r.mappedFrom)).toEqual([]);
  });

  it("finds no drift while the mapped fields still fit, and exit 4 once a mapped field is gone", async () => {
    const env = sandboxEnv(sandbox(), home);
    expect((await runInProcess(["fields", "map", "acronis.protection-status", "acronisProtectionStatus"], { env })).code).toBe(0);
    const clean = await runInProcess(["fields", "map", "check"], { env });
    expect(clean.code, clean.stderr).toBe(0);
    writeMappings(home, { "acronis.protection-status": "acronisProtectionStatus", "acronis.next-backup": "deletedField" });
    const drift = await runInProcess(["fields", "map", "check", "--json"], { env });
    expect(drift.code).toBe(4);
    expect((JSON.parse(drift.stdout) as { findings: Array<{ sourceId: string; problem: string }> }).findings).toEqual([
      expect.objectContaining({ sourceId: "acronis.next-backup", problem: "deleted" }),
    ]);
  });
});


describe("fields sync against the demo estate", () => {
  const sandbox = useDemoSandbox({ fresh: true });

  it("plans with --dry-run, writes both sources encoded for each field type, then writes nothing until --full", async () => {
    const env = sandboxEnv(sandbox(), home);
    await setUp(env);
    const planned = await sync(env, ["--dry-run"]);
    expect(planned.code, planned.stderr).toBe(0);
    expect(planned.report).toMatchObject({ dryRun: true, applied: null });
    expect((await fieldValues(sandbox())).writes).toEqual([]);

    const { code, report, stderr } = await sync(env);
    expect(code, stderr).toBe(0);
    expect(report.applied?.failed).toEqual([]);
    expect(report.writes).toEqual(planned.report.writes);
    expect(report.applied?.written.length).toBe(report.summary.entitiesWritten);
    const { writes, values } = await fieldValues(sandbox());
    const byField = (field: string) => writes.filter((w) => w.field === field);
    expect(byField("acronisProtectionStatus").length).toBeGreaterThan(0);
    expect(byField("acronisProtectionStatus").filter((w) => w.scope !== "device" || typeof w.value !== "string")).toEqual([]);
    // Date/Time fields carry integer epoch milliseconds.
    expect(byField("acronisLastBackup").length).toBeGreaterThan(0);
    expect(byField("acronisLastBackup").filter((w) => !Number.isSafeInteger(w.value) || (w.value as number) <= 1_600_000_000_000)).toEqual([]);
    const summaries = byField("m365TenantSummary");
    expect(summaries.map((w) => w.scope)).toEqual(["organization", "organization", "organization"]);
    expect((summaries[0]?.value as { html: string }).html).toContain("Microsoft 365");
    expect(byField("acronisBackupDetails").length).toBeGreaterThan(0);
    expect(byField("acronisBackupDetails").filter((w) => typeof (w.value as { html?: unknown }).html !== "string")).toEqual([]);
    const compliance = new Set(byField("intuneComplianceState").map((w) => w.value));
    expect(compliance).toContain("Not in Intune");
    expect(compliance).toContain("Compliant");
    // One PATCH per entity: no device or organization is written twice in one run.
    const entities = new Set(writes.map((w) => `${w.scope}:${w.entityId}`));
    expect(entities.size).toBe(report.summary.entitiesWritten);
    expect(Object.keys(values).length).toBe(entities.size);

    const again = await sync(env);
    expect(again.code, again.stderr).toBe(0);
    expect(again.report.writes).toEqual([]);
    expect((await fieldValues(sandbox())).writes.length).toBe(writes.length);

    const full = await sync(env, ["--full"]);
    expect(full.code, full.stderr).toBe(0);
    expect(full.report.summary.entitiesWritten).toBe(report.summary.entitiesWritten);
  });

  it("writes each user's last sign-in, mailbox, OneDrive and devices, and each device's groups and compliance policies; a failed OneDrive read leaves the user summary as it was", async () => {
    const env = sandboxEnv(sandbox(), home);
    await setUp(env, [
      ["cipp.user-summary", "m365TenantSummary"],
      ["cipp.device-summary", "acronisBackupDetails"],
    ]);
    const run = await sync(env);
    expect(run.code, run.stderr).toBe(0);
    const html = (field: string) => (await_values: FieldValuesJson) => await_values.writes.filter((w) => w.field === field).map((w) => (w.value as { html: string }).html);
    const written = await fieldValues(sandbox());
    const users = html("m365TenantSummary")(written);
    expect(users).toHaveLength(3);
    const contoso = users.find((h) => h.includes("Contoso")) ?? "";
    expect(contoso).toContain("<th>Last sign-in</th><th>Mailbox</th><th>OneDrive</th><th>Devices</th>");
    expect(contoso).toMatch(/<td>\d{4}-\d{2}-\d{2}<\/td><td>[\d.]+ GB of 50 GB \(\d+%\)<\/td><td>[\d.]+ GB of 1024 GB \(\d+%\)<\/td><td>Ada&#39;s iPhone, CONTOSO-WS01<\/td>/);
    const devices = html("acronisBackupDetails")(written);
    expect(devices.length).toBeGreaterThan(0);
    expect(devices.every((h) => h.includes("<h3>Compliance policies</h3>") && h.includes("<h3>Groups</h3>"))).toBe(true);
    expect(devices.some((h) => h.includes("<td>Windows compliance baseline</td><td>noncompliant</td>") && h.includes("<li>Windows devices</li>"))).toBe(true);

    const tenants = await control<Array<{ customerId: string; displayName: string }>>(sandbox(), "GET", "/cipp/tenants");
    const contosoId = tenants.find((t) => t.displayName === "Contoso")?.customerId ?? "";
    const adaId = ((await sandboxClients(sandbox()).cipp.request({ method: "GET", path: "/api/ListUsers", query: { tenantFilter: contosoId } })) as Array<{ id: string }>)[0]?.id ?? "";
    await control(sandbox(), "POST", `/cipp/users/${adaId}`, { lastSignIn: "2026-12-03T10:00:00Z" });
    await control(sandbox(), "PATCH", "/knobs", { faultRate: 1, faultKinds: ["status500"], faultRoutes: [`GET /api/ListSites?TenantFilter=${contosoId}`] });
    try {
      const failed = await sync(env);
      expect(failed.code, failed.stderr).toBe(3);
      const { problems } = failed.report;
      expect(problems.filter((p) => p.kind === "read-failed")).toMatchObject([{ service: "cipp", subject: "OneDrive usage of Microsoft 365 tenant contoso.onmicrosoft.com" }]);
      expect(failed.report.writes).toEqual([]);
    } finally {
      await control(sandbox(), "PATCH", "/knobs", { faultRate: 0, faultRoutes: [] });
    }
    const healed = await sync(env);
    expect(healed.code, healed.stderr).toBe(0);
    expect(healed.report.writes.map((w) => w.fields)).toEqual([["m365TenantSummary"]]);
  });

  it("links Windows devices to the tenant's LAPS passwords, and leaves excluded licences out of the unused count", async () => {
    const env = sandboxEnv(sandbox(), home);
    await setUp(env, [["cipp.device-links", "acronisBackupDetails"]]);
    const mapped = await runInProcess(["fields", "map", "cipp.tenant-summary", "m365TenantSummary", "--unused-exclude", "microsoft 365 business basic"], { env });
    expect(mapped.code, mapped.stderr).toBe(0);
    const run = await sync(env);
    expect(run.code, run.stderr).toBe(0);
    const { writes } = await fieldValues(sandbox());
    const links = writes.filter((w) => w.field === "acronisBackupDetails").map((w) => (w.value as { html: string }).html);
    expect(links.some((h) => h.includes("CONTOSO-WS01") && h.includes("/LocalAdminPassword/menuId/Devices"))).toBe(true);
    expect(links.filter((h) => h.includes("CONTOSO-MAC01")).every((h) => !h.includes("LocalAdminPassword"))).toBe(true);
    const contoso = writes.filter((w) => w.field === "m365TenantSummary").map((w) => (w.value as { html: string }).html).find((h) => h.includes("contoso")) ?? "";
    // Premium: 10 bought, 2 used → 8 unused; Basic (5 bought, 1 used) is not counted.
    expect(contoso).toContain("<th>Unused licences</th><td>8</td>");
    expect(contoso).toContain("<td>Microsoft 365 Business Basic</td><td>1</td><td>5</td><td>Not counted</td>");
  });

  it("writes only the device whose Acronis status changed", async () => {
    const env = sandboxEnv(sandbox(), home);
    await setUp(env, [["acronis.protection-status", "acronisProtectionStatus"]]);
    expect((await sync(env)).code).toBe(0);
    const written = (await fieldValues(sandbox())).writes;
    const target = written[0];
    if (target === undefined) throw new Error("the first sync wrote nothing");
    const workloadId = await workloadOfDevice(sandbox(), target.entityId);
    await control(sandbox(), "PUT", `/acronis/workloads/${workloadId}/status`, { status: target.value === "Error" ? "idle" : "error" });
    const again = await sync(env);
    expect(again.code, again.stderr).toBe(0);
    expect(again.report.writes.map((w) => w.entityId)).toEqual([target.entityId]);
    const after = (await fieldValues(sandbox())).writes.slice(written.length);
    expect(after.map((w) => [w.entityId, w.field])).toEqual([[target.entityId, "acronisProtectionStatus"]]);
  });

  it("skips a tenant whose statuses cannot be read, writes the others, exits 3, and the next run writes the rest", async () => {
    const env = sandboxEnv(sandbox(), home);
    await setUp(env, [["acronis.protection-status", "acronisProtectionStatus"]]);
    const tenants = (await control<{ items: Array<{ id: string; name: string }> }>(sandbox(), "GET", "/acronis/tenants")).items;
    const contoso = tenants.find((t) => t.name === "Contoso")?.id ?? "";
    await control(sandbox(), "PATCH", "/knobs", { faultRate: 1, faultRoutes: [`GET /api/resource_management/v4/resource_statuses?tenant_id=${contoso}`] });
    let written: number[];
    try {
      const first = await sync(env);
      expect(first.code, first.stderr).toBe(3);
      expect(first.report.problems).toEqual(expect.arrayContaining([expect.objectContaining({ service: "acronis", kind: "read-failed", subject: "Acronis tenant Contoso" })]));
      written = (await fieldValues(sandbox())).writes.map((w) => w.entityId);
      expect(written.length).toBeGreaterThan(0);
      expect(written.filter((id) => id < 200)).toEqual([]);
    } finally {
      await control(sandbox(), "PATCH", "/knobs", { faultRate: 0, faultRoutes: [] });
    }
    const second = await sync(env);
    expect(second.code, second.stderr).toBe(0);
    const now = (await fieldValues(sandbox())).writes.slice(written.length).map((w) => w.entityId);
    expect(now.length).toBeGreaterThan(0);
    expect(now.filter((id) => id >= 200)).toEqual([]);
  }, 60_000);

  it("writes nothing for an organization NinjaOne suddenly lists no devices for, and says so", async () => {
    const env = sandboxEnv(sandbox(), home);
    await setUp(env, [["acronis.protection-status", "acronisProtectionStatus"]]);
    expect((await sync(env)).code).toBe(0);
    const before = (await fieldValues(sandbox())).writes.length;
    await control(sandbox(), "DELETE", "/ninjaone/organizations/2/devices");
    const { code, report, stderr } = await sync(env, ["--full"]);
    expect(code, stderr).toBe(3);
    expect(report.problems).toEqual(expect.arrayContaining([expect.objectContaining({ kind: "no-devices", subject: "organization Fabrikam, Inc." })]));
    expect(report.problems.filter((p) => p.subject.includes("FAB-"))).toEqual([]);
    expect((await fieldValues(sandbox())).writes.length).toBeGreaterThan(before);
  }, 60_000);

  it("exits 3 when a mapped field lost API write permission, and writes the other fields", async () => {
    const env = sandboxEnv(sandbox(), home);
    // The plan field was mapped while it was writable; NinjaOne now says READ_ONLY.
    await setUp(env, [
      ["acronis.protection-status", "acronisProtectionStatus"],
      ["acronis.protection-plan", "legacyBackupStatus"],
    ]);
    const { code, report, stderr } = await sync(env);
    expect(code, stderr).toBe(3);
    expect(report.blocked).toEqual([expect.objectContaining({ sourceId: "acronis.protection-plan", problem: "permission" })]);
    expect(stderr).toContain("Set the field's API permission to Read/Write");
    const fields = new Set((await fieldValues(sandbox())).writes.map((w) => w.field));
    expect([...fields]).toEqual(["acronisProtectionStatus"]);
  });
});

/** The Acronis workload the first sync matched to a NinjaOne device (same hostname in the demo estate). */
async function workloadOfDevice(sandbox: RunningSandbox, deviceId: number): Promise<string> {
  const device = sandbox.estate.devices.find((d) => d.id === deviceId);
  if (device === undefined) throw new Error(`no device ${deviceId} in the demo estate`);
  const { acronis } = sandboxClients(sandbox);
  const page = (await acronis.request({ method: "GET", path: "/api/resource_management/v4/resources", query: { search: `name = '${device.systemName}'` } })) as { items: Array<{ id: string }> };
  const [workload] = page.items;
  if (workload === undefined) throw new Error(`no Acronis workload named ${device.systemName}`);
  return workload.id;
}
