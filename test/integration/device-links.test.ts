import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCliJson } from "../helpers/cli-json.js";
import { useDemoSandbox } from "../helpers/demo-sandbox.js";
import { writeMappings } from "../helpers/fields-settings.js";
import { makeCliHome, type CliHome } from "../helpers/run-cli.js";
import { runInProcess } from "../helpers/run-in-process.js";
import { control } from "../helpers/sandbox-control.js";
import { sandboxEnv } from "../helpers/sandbox-env.js";
import { readStateFile } from "../helpers/state-file.js";

/**
 * Device links that last (issue 16), run through whole commands: fields sync records the
 * pairs it makes, and the next run pairs by them before matching. One demo sandbox for the
 * file: each test changes devices of its own organization only.
 */

interface LinkFindingJson {
  kind: string;
  ninjaDeviceId: number;
  message: string;
}

interface SyncJson {
  writes: Array<{ entityId: number }>;
  problems: Array<{ kind: string; subject: string }>;
  deviceLinks: { findings: LinkFindingJson[] };
}

interface StateJson {
  deviceLinks: Record<string, { ninjaDeviceId: number; remoteId: string; by: string; ninjaName: string; goneAt?: string; goneSide?: string }>;
}

const FIELD = "acronisProtectionStatus";

let home: CliHome;
beforeEach(() => {
  home = makeCliHome();
});
afterEach(() => home.cleanup());

const sandbox = useDemoSandbox();

function env(): NodeJS.ProcessEnv {
  return sandboxEnv(sandbox(), home);
}

/** Links the organizations with automap, maps the protection status to a device field, and syncs once: the links are recorded. */
async function linkedAndSynced(): Promise<void> {
  const linked = await runInProcess(["automap", "--yes"], { env: env() });
  expect(linked.code, linked.stderr).toBe(0);
  writeMappings(home, { "acronis.protection-status": FIELD });
  const first = await sync();
  expect(first.code, first.stderr).toBe(0);
}

const sync = (args: string[] = []) => runCliJson<SyncJson>(["fields", "sync", "--source", "acronis", "--json", ...args], env());

async function valueOf(deviceId: number): Promise<unknown> {
  const { values } = await control<{ values: Record<string, Record<string, unknown>> }>(sandbox(), "GET", "/ninjaone/field-values");
  const entry = Object.entries(values).find(([key]) => key.endsWith(`:${deviceId}`) || key === String(deviceId));
  return entry?.[1][FIELD];
}

/** The devices the state holds cached field values of. */
function cachedDevices(): number[] {
  const writes = readStateFile<{ fieldWrites: Record<string, { scope: string; entityId: number }> }>(home).fieldWrites;
  return Object.values(writes).flatMap((w) => (w.scope === "device" ? [w.entityId] : []));
}

function links(): StateJson["deviceLinks"] {
  return readStateFile<StateJson>(home).deviceLinks;
}

describe("device links across runs of fields sync", () => {
  it("keeps the link of a renamed device whose serial is a placeholder, says so, and records the new name", async () => {
    await linkedAndSynced();
    expect(links()["acronis:103"]).toMatchObject({ by: "hostname", ninjaName: "CONTOSO-WS02" });
    await control(sandbox(), "POST", "/ninjaone/devices/103", { systemName: "CONTOSO-WS02-OLD", dnsName: "contoso-ws02-old.local" });

    const after = await sync(["--full"]);
    expect(after.code, after.stderr).toBe(0);
    expect(after.report.writes.map((w) => w.entityId)).toContain(103);
    expect(after.report.problems.filter((p) => p.subject.includes("CONTOSO-WS02"))).toEqual([]);
    expect(after.report.deviceLinks.findings).toEqual([expect.objectContaining({ kind: "renamed", ninjaDeviceId: 103, message: "renamed CONTOSO-WS02 → CONTOSO-WS02-OLD, link kept" })]);
    expect(links()["acronis:103"]).toMatchObject({ by: "hostname", ninjaName: "CONTOSO-WS02-OLD" });
  });

  it("keeps both links right when two linked devices swap host names: their data does not swap", async () => {
    await linkedAndSynced();
    const before = [await valueOf(201), await valueOf(202)];
    expect(before[0]).not.toEqual(before[1]);
    await control(sandbox(), "POST", "/ninjaone/devices/201", { systemName: "FAB-LT01", dnsName: "fab-lt01.local" });
    await control(sandbox(), "POST", "/ninjaone/devices/202", { systemName: "FAB-SRV01", dnsName: "fab-srv01.local" });

    const after = await sync(["--full"]);
    expect(after.code, after.stderr).toBe(0);
    expect([await valueOf(201), await valueOf(202)]).toEqual(before);
    expect(after.report.deviceLinks.findings.map((f) => f.message).sort()).toEqual(["renamed FAB-LT01 → FAB-SRV01, link kept", "renamed FAB-SRV01 → FAB-LT01, link kept"]);
  });

  it("reports a linked device moved to another organization, in fields sync and in orgs map check (exit 4)", async () => {
    await linkedAndSynced();
    await control(sandbox(), "POST", "/ninjaone/devices/402", { organizationId: 5 });
    const moved = "moved from Tailspin Toys (HQ) to Alpine Ski House: its Acronis workload is still in Tailspin Toys (HQ)'s customer";

    const check = await runInProcess(["orgs", "map", "check", "--json"], { env: env() });
    expect(check.code, check.stderr).toBe(4);
    expect((JSON.parse(check.stdout) as { findings: Array<{ kind: string; detail: string }> }).findings).toContainEqual(
      expect.objectContaining({ kind: "device-moved", detail: `device "TST-WS02": ${moved}` }),
    );

    const after = await sync(["--dry-run"]);
    expect(after.code, after.stderr).toBe(0);
    expect(after.report.deviceLinks.findings).toEqual([expect.objectContaining({ kind: "moved", ninjaDeviceId: 402, message: moved })]);
  });

  it("marks the link of a deleted device gone, only when the run is not a dry run", async () => {
    await linkedAndSynced();
    const before = links()["acronis:303"];
    expect(before).toMatchObject({ ninjaName: "NW-SRV01" });
    await control(sandbox(), "DELETE", "/ninjaone/devices/303");

    const check = await runInProcess(["orgs", "map", "check", "--json"], { env: env() });
    expect(check.code, check.stderr).toBe(4);
    expect((JSON.parse(check.stdout) as { findings: Array<{ kind: string }> }).findings.map((f) => f.kind)).toContain("device-gone");

    const dry = await sync(["--dry-run"]);
    expect(dry.report.deviceLinks.findings).toEqual([expect.objectContaining({ kind: "gone", ninjaDeviceId: 303 })]);
    expect(links()["acronis:303"]).toEqual(before);

    const after = await sync();
    expect(after.code, after.stderr).toBe(0);
    expect(links()["acronis:303"]).toMatchObject({ ...before, goneSide: "ninja", goneAt: expect.any(String) });
    expect(cachedDevices()).toContain(303);

    const kept = await sync();
    expect(links()["acronis:303"]).toMatchObject({ goneSide: "ninja" });
    expect(kept.code, kept.stderr).toBe(0);
    const forgot = await sync(["--forget-after", "0"]);
    expect(forgot.code, forgot.stderr).toBe(0);
    expect(links()["acronis:303"]).toBeUndefined();
    expect(cachedDevices()).not.toContain(303);
    expect(cachedDevices()).toContain(301);
  });
});

interface PairJson {
  service: string;
  ninja: { id: number; name: string } | null;
  remote: { id: string; name: string } | null;
  by: string | null;
  status: string;
}

async function pairs(): Promise<PairJson[]> {
  const listed = await runInProcess(["devices", "list", "--json"], { env: env() });
  expect(listed.code, listed.stderr).toBe(0);
  return (JSON.parse(listed.stdout) as { pairs: PairJson[] }).pairs;
}

describe("devices link, unlink, list and config", () => {
  it("lists pairs and what is unmatched; a manual link wins over matching and is kept by the next sync; unlink removes it", async () => {
    await linkedAndSynced();
    const listed = await pairs();
    expect(listed).toContainEqual(expect.objectContaining({ service: "acronis", ninja: { id: 102, name: "CONTOSO-WS01" }, by: "hostname", status: "linked" }));
    const ws01 = listed.find((p) => p.service === "acronis" && p.remote?.name === "CONTOSO-WS01")?.remote?.id ?? "";
    const ws01Value = await valueOf(102);

    const linked = await runInProcess(["devices", "link", "CONTOSO-DC01", "--acronis", ws01, "--json"], { env: env() });
    expect(linked.code, linked.stderr).toBe(0);
    expect(JSON.parse(linked.stdout)).toMatchObject({ linked: true, device: { id: 101 }, released: [expect.objectContaining({ ninjaDeviceId: 102 })] });
    expect(links()["acronis:101"]).toMatchObject({ by: "manual", remoteId: ws01 });
    expect(links()["acronis:102"]).toBeUndefined();

    const after = await sync(["--full"]);
    expect(after.code, after.stderr).toBe(0);
    expect(await valueOf(101)).toEqual(ws01Value);
    expect(links()["acronis:101"]).toMatchObject({ by: "manual", remoteId: ws01 });
    expect(after.report.problems.map((p) => p.subject)).toContainEqual(expect.stringContaining("CONTOSO-DC01"));

    const csv = await runInProcess(["devices", "list", "--csv"], { env: env() });
    expect(csv.code, csv.stderr).toBe(0);
    expect(csv.stdout.split("\n")[0]).toBe("org_id,organization,service,ninja_device_id,ninja_device,other_id,other_name,by,status,reason");
    expect(csv.stdout).toContain(`1,Contoso,acronis,101,CONTOSO-DC01,${ws01},CONTOSO-WS01,manual,linked,`);

    const unlinked = await runInProcess(["devices", "unlink", "101", "--acronis"], { env: env() });
    expect(unlinked.code, unlinked.stderr).toBe(0);
    expect(links()["acronis:101"]).toBeUndefined();

    // Matching pairs WS-01's workload with its own device again; kept apart, it never does.
    expect((await sync([])).code).toBe(0);
    expect(links()["acronis:102"]).toMatchObject({ remoteId: ws01 });
    const apart = await runInProcess(["devices", "unlink", "CONTOSO-WS01", "--acronis", "--keep-apart"], { env: env() });
    expect(apart.code, apart.stderr).toBe(0);
    expect(apart.stdout + apart.stderr, apart.stdout + apart.stderr).toContain("kept the pair apart");
    const again = await sync(["--full"]);
    expect(again.code, again.stderr).toBe(0);
    expect(links()["acronis:102"]).toBeUndefined();
    expect((await pairs()).find((p) => p.remote?.id === ws01)).toMatchObject({ ninja: null, status: "unmatched", reason: expect.stringContaining("kept apart from CONTOSO-WS01") });
    const relinked = await runInProcess(["devices", "link", "102", "--acronis", ws01], { env: env() });
    expect(relinked.code, relinked.stderr).toBe(0);
    expect(links()["acronis:102"]).toMatchObject({ by: "manual", remoteId: ws01 });
  });

  it("refuses a field that cannot hold the Entra device id, then pairs an Intune device by the id in the field before its serial", async () => {
    const linked = await runInProcess(["automap", "--yes"], { env: env() });
    expect(linked.code, linked.stderr).toBe(0);
    const wrong = await runInProcess(["devices", "config", "--entra-id-field", "backupHealthScore"], { env: env() });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain("is of type NUMERIC");
    const set = await runInProcess(["devices", "config", "--entra-id-field", "Entra device ID"], { env: env() });
    expect(set.code, set.stderr).toBe(0);

    const intune = (await pairs()).find((p) => p.service === "intune" && p.remote?.name === "CONTOSO-WS01");
    expect(intune).toMatchObject({ ninja: { id: 102 }, by: "serial" });
    const guid = "3f6d2c1a-8b4e-4f2a-9c1d-5e6f7a8b9c0d";
    await control(sandbox(), "POST", `/cipp/devices/${intune?.remote?.id ?? ""}`, { azureADDeviceId: guid });
    await control(sandbox(), "POST", "/ninjaone/devices/101/custom-fields", { entraDeviceId: guid.toUpperCase() });
    const before = (await pairs()).find((p) => p.service === "intune" && p.remote?.id === intune?.remote?.id);
    expect(before, "devices list shows the pair the next sync makes").toMatchObject({ ninja: { id: 101 }, by: "entra-id", status: "matched" });

    writeMappings(home, { "cipp.device-compliance": "intuneComplianceState" });
    const synced = await runCliJson<SyncJson>(["fields", "sync", "--source", "cipp", "--json"], env());
    expect(synced.code, synced.stderr).toBe(0);
    expect(links()["intune:101"]).toMatchObject({ by: "entra-id", remoteId: intune?.remote?.id });
    expect(links()["intune:102"]).toBeUndefined();
  });
});


describe("devices unmanaged", () => {
  interface UnmanagedJson {
    devices: Array<{ org: { id: number; name: string }; id: string; name: string; reason: string }>;
    ignored: number | Array<{ id: string }>;
  }
  const unmanaged = (args: string[] = []) => runCliJson<UnmanagedJson>(["devices", "unmanaged", "--json", ...args], env());

  it("reports the Intune devices of linked tenants that no NinjaOne device pairs with, and keeps ignored ones out until unignored", async () => {
    expect((await runInProcess(["automap", "--yes"], { env: env() })).code).toBe(0);
    const first = await unmanaged();
    expect(first.code, first.stderr).toBe(0);
    const iphone = first.report.devices.find((d) => d.name === "Ada's iPhone");
    expect(iphone).toMatchObject({ org: { name: "Contoso" } });
    expect(first.report.devices.map((d) => d.name)).not.toContain("CONTOSO-WS01");
    expect(first.report.ignored).toBe(0);
    if (iphone === undefined) throw new Error("no unmanaged iPhone");

    expect((await runInProcess(["devices", "unmanaged", "--ignore", iphone.id], { env: env() })).code).toBe(0);
    expect(readStateFile<{ unmanagedIgnored: Record<string, unknown> }>(home).unmanagedIgnored).toHaveProperty([iphone.id]);
    const second = await unmanaged();
    expect(second.report.devices.map((d) => d.id)).not.toContain(iphone.id);
    expect(second.report.ignored).toBe(1);
    expect((await unmanaged(["--show-ignored"])).report.ignored).toMatchObject([{ id: iphone.id }]);
    const contoso = await unmanaged(["--org", "Contoso"]);
    expect(contoso.report.devices.every((d) => d.org.name === "Contoso")).toBe(true);

    expect((await runInProcess(["devices", "unmanaged", "--unignore", iphone.id], { env: env() })).code).toBe(0);
    expect((await unmanaged()).report.devices.map((d) => d.id)).toContain(iphone.id);
  });
});
