import { describe, expect, it } from "vitest";
import { z } from "zod";
import { CLEARED_TEXT } from "../../src/jobs/fields/apply.js";
import { sandboxClients } from "../helpers/sandbox-clients.js";
import { runCliJson } from "../helpers/cli-json.js";
import { writeMappings } from "../helpers/fields-settings.js";
import { runInProcess } from "../helpers/run-in-process.js";
import { control } from "../helpers/sandbox-control.js";
import { useDemoProfile } from "../helpers/sandbox-env.js";
import { readStateFile } from "../helpers/state-file.js";

interface SyncJson {
  counts: { planned: number; applied: number; failed: number };
  clears: Array<{ scope: string; entityId: number; fields: string[]; reason: string }>;
  actions: Array<{ kind: string; entityId: number; fields: string[] }>;
  notes: string[];
  applied: { cleared?: Array<{ entityId: number; replaced: string[]; kept: string[] }> } | null;
}

interface StateJson {
  fieldWrites: Record<string, { scope: string; entityId: number; field: string }>;
  deviceLinks: Record<string, { service: string; remoteId: string; ninjaDeviceId: number; ninjaOrgId: number; goneAt?: string }>;
  mappings: { m365: Record<string, { ninjaOrgId: number }> };
}

const MAPPINGS = {
  "acronis.protection-status": "acronisProtectionStatus",
  "acronis.last-backup": "acronisLastBackup",
  "cipp.tenant-summary": "m365TenantSummary",
  "cipp.device-compliance": "intuneComplianceState",
};

describe("fields sync clears the values it wrote once nothing stands behind them", () => {
  const profile = useDemoProfile([["automap", "--yes"], ["fields", "sync"]], async ({ home }) => writeMappings(home, MAPPINGS));
  const sandbox = () => profile().sandbox;
  const env = () => profile().env;

  const sync = (args: string[] = []) => runCliJson<SyncJson>(["fields", "sync", "--json", ...args], env());
  const state = () => readStateFile<StateJson>(profile().home);
  const values = async () => (await control<{ values: Record<string, Record<string, unknown>> }>(sandbox(), "GET", "/ninjaone/field-values")).values;
  const written = (field: string) => Object.values(state().fieldWrites).filter((w) => w.field === field);

  it("a device whose Acronis workload is gone: the dry run shows the clear, the text is replaced where NinjaOne keeps it, a date is kept and said", async () => {
    const link = Object.values(state().deviceLinks).find((l) => l.service === "acronis" && written("acronisProtectionStatus").some((w) => w.entityId === l.ninjaDeviceId));
    if (link === undefined) throw new Error("no Acronis-linked device was written");
    await control(sandbox(), "DELETE", `/acronis/workloads/${link.remoteId}`);
    const dry = await sync(["--dry-run"]);
    expect(dry.report.clears).toEqual([expect.objectContaining({ scope: "device", entityId: link.ninjaDeviceId, fields: ["acronisLastBackup", "acronisProtectionStatus"], reason: expect.stringContaining("no Acronis device is paired") })]);
    expect(dry.report.actions.filter((a) => a.kind === "clear-fields")).toHaveLength(1);
    expect((await values())[`device:${link.ninjaDeviceId}`]?.["acronisProtectionStatus"]).not.toBe(CLEARED_TEXT);

    const run = await sync();
    expect(run.code, run.stderr).toBe(0);
    expect(run.report.applied?.cleared).toEqual([expect.objectContaining({ entityId: link.ninjaDeviceId, replaced: ["acronisProtectionStatus"], kept: ["acronisLastBackup"] })]);
    expect(run.stderr).toContain("NinjaOne kept acronisLastBackup");
    expect((await values())[`device:${link.ninjaDeviceId}`]?.["acronisProtectionStatus"]).toBe(CLEARED_TEXT);
    expect(written("acronisProtectionStatus").some((w) => w.entityId === link.ninjaDeviceId)).toBe(false);
    expect((await sync()).report.clears).toEqual([]);
  });

  it("an organization unlinked from Microsoft 365 (orgs unmap): its summary and its devices' compliance are cleared, with null when NinjaOne honours it", async () => {
    await control(sandbox(), "PATCH", "/ninjaone/options", { clearWithNull: true });
    const orgId = Object.values(state().mappings.m365)[0]?.ninjaOrgId;
    if (orgId === undefined) throw new Error("automap linked no Microsoft 365 tenant");
    expect((await runInProcess(["orgs", "unmap", String(orgId), "--cipp", "--yes"], { env: env() })).code).toBe(0);
    const run = await sync();
    expect(run.code, run.stderr).toBe(0);
    const org = run.report.clears.find((c) => c.scope === "organization");
    expect(org).toMatchObject({ entityId: orgId, fields: ["m365TenantSummary"], reason: expect.stringContaining("no longer linked to Microsoft 365") });
    expect(run.report.clears.filter((c) => c.scope === "device").length).toBeGreaterThan(0);
    expect((await values())[`organization:${orgId}`]?.["m365TenantSummary"]).toBeUndefined();
    expect(run.report.applied?.cleared?.every((c) => c.replaced.length === 0 && c.kept.length === 0)).toBe(true);
    expect(written("m365TenantSummary").some((w) => w.entityId === orgId)).toBe(false);
  });

  it("a source unmapped: every value of its field is cleared, and nothing else", async () => {
    expect((await runInProcess(["fields", "unmap", "acronis.protection-status"], { env: env() })).code).toBe(0);
    const before = written("acronisProtectionStatus").length;
    expect(before).toBeGreaterThan(0);
    const run = await sync();
    expect(run.code, run.stderr).toBe(0);
    expect(run.report.clears.reduce((n, c) => n + c.fields.length, 0)).toBe(before);
    expect(new Set(run.report.clears.flatMap((c) => c.fields))).toEqual(new Set(["acronisProtectionStatus"]));
    expect(written("acronisProtectionStatus")).toEqual([]);
    expect(written("acronisLastBackup").length).toBeGreaterThan(0);
  });
});

describe("a role field is written only to devices whose role has it", () => {
  const profile = useDemoProfile([["automap", "--yes"]]);

  it("asks which roles have it, then writes it to those roles' devices only, and NinjaOne refuses no PATCH", async () => {
    const { env, sandbox } = profile();
    const refused = await runInProcess(["fields", "map", "acronis.protection-plan", "serverBackupPlan"], { env });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("role field");
    expect(refused.stderr).toContain('"Windows Server" (2)');
    const mapped = await runInProcess(["fields", "map", "acronis.protection-plan", "serverBackupPlan", "--roles", "windows server"], { env });
    expect(mapped.code, mapped.stderr).toBe(0);

    const run = await runCliJson<SyncJson>(["fields", "sync", "--json"], env);
    expect(run.code, run.stderr).toBe(0);
    expect(run.report.counts.failed).toBe(0);
    const devices = await sandboxClients(sandbox).ninjaone.request({ method: "GET", path: "/v2/devices-detailed", query: { pageSize: 1000 }, schema: z.array(z.object({ id: z.number(), nodeRoleId: z.number() })) });
    const role = new Map(devices.map((d) => [d.id, d.nodeRoleId]));
    const values = (await control<{ values: Record<string, Record<string, unknown>> }>(sandbox, "GET", "/ninjaone/field-values")).values;
    const holders = Object.entries(values).filter(([, v]) => "serverBackupPlan" in v).map(([key]) => Number(key.split(":")[1]));
    expect(holders.length).toBeGreaterThan(0);
    expect(holders.filter((id) => role.get(id) !== 2)).toEqual([]);
  });
});
