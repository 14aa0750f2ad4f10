import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { collect } from "../../src/clients/async-lists.js";
import { createCustomField, listCustomFieldDefinitions, type CustomFieldDefinition } from "../../src/clients/ninjaone/custom-fields.js";
import { runCliJson } from "../helpers/cli-json.js";
import { useDemoSandbox } from "../helpers/demo-sandbox.js";
import { makeCliHome, type CliHome } from "../helpers/run-cli.js";
import { runInProcess } from "../helpers/run-in-process.js";
import { sandboxClients } from "../helpers/sandbox-clients.js";
import { sandboxEnv } from "../helpers/sandbox-env.js";
import { readStateFile } from "../helpers/state-file.js";

interface CreateJson {
  job: string;
  dryRun: boolean;
  counts: { planned: number; applied: number; failed: number; skipped: number };
  actions: Array<{ kind: string; target: string }>;
  notes: string[];
  skippedBecause?: string;
  fields: Array<{ purpose: string; name: string; action: string; differs?: string[] }>;
  applied: { created: Array<{ purpose: string; name: string }> } | null;
}

const BASE = { description: "", technicianPermission: "READ_ONLY", scriptPermission: "NONE", apiPermission: "READ_WRITE" };

describe("fields create against the demo fields", () => {
  const sandbox = useDemoSandbox();
  let home: CliHome;
  let env: NodeJS.ProcessEnv;
  beforeAll(() => {
    home = makeCliHome();
    env = sandboxEnv(sandbox(), home);
  });
  afterAll(() => home.cleanup());
  const definitions = async (): Promise<CustomFieldDefinition[]> => collect(listCustomFieldDefinitions(sandboxClients(sandbox()).ninjaone));

  it("POST /v2/custom-fields refuses a body the spec does not allow, a name in use, and creates a valid one", async () => {
    const { ninjaone } = sandboxClients(sandbox());
    const post = (json: unknown) => ninjaone.request({ method: "POST", path: "/v2/custom-fields", json, schema: z.unknown() });
    const good = { label: "Acronis agent version", fieldName: "acronisAgentVersion", type: "NUMERIC", definitionScope: ["NODE"], ...BASE };
    await expect(post({ ...good, label: undefined })).rejects.toThrow(/label/);
    await expect(post({ ...good, type: "STRING" })).rejects.toThrow(/type/);
    await expect(post({ ...good, name: "acronisAgentVersion" })).rejects.toThrow(/name/);
    await expect(post({ ...good, definitionScope: [] })).rejects.toThrow(/definitionScope/);
    await expect(post({ ...good, fieldName: "acronis agent version" })).rejects.toThrow(/fieldName/);
    // A NUMERIC field under the name fields create would choose: it must be left alone.
    const created = await createCustomField(ninjaone, good as Parameters<typeof createCustomField>[1]);
    expect(created).toMatchObject({ name: "acronisAgentVersion", type: "NUMERIC", scopes: ["NODE"], apiPermission: "READ_WRITE", technicianPermission: "READ_ONLY" });
    await expect(post({ ...good, fieldName: "otherName" })).rejects.toThrow(/ALREADY_EXISTS/);
  });

  it("plans, asks, creates only what is missing with the right type, scope and permissions, maps each with --map, and a re-run creates nothing", async () => {
    const before = await definitions();
    const refused = await runInProcess(["fields", "create"], { env });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("--yes");

    const dry = await runCliJson<CreateJson>(["fields", "create", "--dry-run", "--json"], env);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.report).toMatchObject({ job: "fields", dryRun: true, applied: null });
    const planned = dry.report.actions.map((a) => a.target.split(" ")[0]).sort();
    expect(planned).toEqual(["acronisLastAntimalwareScan", "acronisNextAntimalwareScan", "acronisNextBackup", "acronisProtectionPlan", "m365DeviceLinks", "m365DeviceSummary", "m365TenantLinks", "m365UserSummary"]);
    expect(dry.report.fields.find((f) => f.purpose === "acronis.agent-version")).toMatchObject({ action: "exists", differs: [expect.stringContaining("NUMERIC")] });
    expect(dry.report.notes.join(" ")).toContain("acronisAgentVersion exists and was left alone");
    expect(dry.report.fields.find((f) => f.purpose === "entra.device-id")).toMatchObject({ action: "exists", name: "entraDeviceId" });
    expect((await definitions()).length).toBe(before.length);

    const run = await runCliJson<CreateJson>(["fields", "create", "--yes", "--map", "--json"], env);
    expect(run.code, run.stderr).toBe(0);
    // Said also when piped, as cron logs it: an applied run never reads like a dry run.
    expect(run.stderr).toContain("✓ created 8 fields");
    expect(run.report.counts).toMatchObject({ planned: 8, applied: 8, failed: 0 });
    const after = await definitions();
    const made = after.filter((d) => planned.includes(d.name));
    expect(made).toHaveLength(8);
    for (const d of made) expect(d).toMatchObject({ apiPermission: "READ_WRITE", technicianPermission: "READ_ONLY" });
    expect(made.find((d) => d.name === "acronisNextBackup")).toMatchObject({ type: "DATE_TIME", scopes: ["NODE"] });
    expect(made.find((d) => d.name === "m365UserSummary")).toMatchObject({ type: "WYSIWYG", scopes: ["ORGANIZATION"] });
    expect(after.find((d) => d.name === "acronisAgentVersion")?.type).toBe("NUMERIC");
    expect(Object.keys(readStateFile<{ createdFields: Record<string, unknown> }>(home).createdFields).sort()).toEqual(planned);

    const listed = JSON.parse((await runInProcess(["fields", "list", "--json"], { env })).stdout) as { fields: Array<{ name: string; mappedFrom: string[] }> };
    expect(listed.fields.find((f) => f.name === "m365UserSummary")?.mappedFrom).toEqual(["cipp.user-summary"]);
    expect(listed.fields.find((f) => f.name === "acronisAgentVersion")?.mappedFrom).toEqual([]);

    const again = await runCliJson<CreateJson>(["fields", "create", "--yes", "--json"], env);
    expect(again.code, again.stderr).toBe(0);
    expect(again.report.counts.planned).toBe(0);
    expect(again.report.skippedBecause).toContain("exists already");
    expect((await definitions()).length).toBe(after.length);
  });
});
