import { describe, expect, it } from "vitest";
import type { NinjaDevice } from "../../../src/clients/ninjaone/devices.js";
import type { AutomationScript } from "../../../src/clients/ninjaone/scripts.js";
import { selectLinks } from "../../../src/jobs/agents/index.js";
import { planDeploy, resolveScripts } from "../../../src/jobs/agents/plan/deploy.js";
import { osOf, roleOf } from "../../../src/jobs/agents/plan/device-kind.js";
import { countCategories, planAgentStatus, type AgentWorkload, type StatusFilters } from "../../../src/jobs/agents/plan/status.js";
import { statusCsv } from "../../../src/jobs/agents/plan/status-csv.js";
import { checkTokenField } from "../../../src/jobs/agents/plan/token-field.js";
import { planTokens } from "../../../src/jobs/agents/plan/tokens.js";
import type { Link } from "../../../src/jobs/shared/mappings.js";
import type { DeviceLinkRecord } from "../../../src/state/index.js";
import { field, ninjaDevice } from "../fields/builders.js";

const NOW = new Date("2026-03-01T12:00:00Z");
const LINK = { orgId: 1, orgName: "Contoso", targetId: "t-1", targetName: "Contoso Ltd" };
const FILTERS: StatusFilters = { roles: ["workstation", "server", "vm"], offlineDays: 7 };

function device(id: number, name: string, nodeClass = "WINDOWS_WORKSTATION", extra: Partial<NinjaDevice> = {}): NinjaDevice {
  return { ...ninjaDevice(id, 1, name), nodeClass, ...extra };
}

function workload(name: string, extra: Partial<AgentWorkload> = {}): AgentWorkload {
  return { id: `w-${name}`, name, serial: null, online: true, updatedAt: NOW, planNames: "Daily", ...extra };
}

function status(devices: NinjaDevice[], workloads: AgentWorkload[] | { error: string }, filters: StatusFilters = FILTERS, deviceLinks: DeviceLinkRecord[] = []) {
  return planAgentStatus({ links: [LINK], devices, workloads: new Map([["t-1", workloads]]), filters, deviceLinks, now: NOW });
}

describe("agents status plan", () => {
  it("pairs a renamed device with its workload by the link fields sync recorded, where matching alone finds nothing", () => {
    // A placeholder serial and a new host name: only the recorded link still ties them.
    const renamed = device(7, "WS7-OLD", "WINDOWS_WORKSTATION", { serialNumber: "To Be Filled By O.E.M." });
    const link: DeviceLinkRecord = {
      key: "acronis:7",
      service: "acronis",
      ninjaDeviceId: 7,
      ninjaOrgId: 1,
      remoteId: "w-WS7",
      by: "hostname",
      linkedAt: "2026-02-01T00:00:00.000Z",
      ninjaName: "WS7",
      remoteName: "WS7",
    };
    expect(status([renamed], [workload("WS7")])[0]?.devices.map((d) => d.category)).toEqual(["no-agent"]);
    expect(status([renamed], [workload("WS7")], FILTERS, [link])[0]?.devices.map((d) => [d.category, d.workload?.id])).toEqual([["protected", "w-WS7"]]);
  });


  it("sorts devices into protected, no plan, offline too long and no agent, and names workloads without a device", () => {
    const orgs = status(
      [device(1, "WS1"), device(2, "WS2"), device(3, "WS3"), device(4, "WS4"), device(5, "WS5")],
      [
        workload("WS1"),
        workload("ws2.contoso.local", { planNames: null }),
        workload("WS3", { online: false, updatedAt: new Date("2026-02-01T00:00:00Z") }),
        workload("WS5", { online: false, updatedAt: new Date("2026-02-27T00:00:00Z") }),
        workload("GHOST"),
      ],
    );
    expect(orgs[0]?.devices.map((d) => [d.deviceName, d.category])).toEqual([
      ["WS1", "protected"],
      ["WS2", "agent-no-plan"],
      ["WS3", "agent-offline"],
      ["WS4", "no-agent"],
      // Offline for two days only: still counted as protected.
      ["WS5", "protected"],
    ]);
    expect(orgs[0]?.workloadsWithoutDevice.map((w) => w.name)).toEqual(["GHOST"]);
    expect(countCategories(orgs)).toEqual({ protected: 2, "agent-no-plan": 1, "agent-offline": 1, "no-agent": 1, "workload-without-device": 1 });
  });

  it("leaves printers and switches out by default and filters by role and OS, while every device still takes part in matching", () => {
    const devices = [device(1, "SRV1", "WINDOWS_SERVER"), device(2, "MAC1", "MAC"), device(3, "PRN1", "NMS_PRINTER"), device(4, "VM1", "VMWARE_VM_GUEST", { osName: "Ubuntu 22.04" })];
    expect(status(devices, [])[0]?.devices.map((d) => d.deviceName)).toEqual(["SRV1", "MAC1", "VM1"]);
    const servers = status(devices, [workload("MAC1")], { ...FILTERS, roles: ["server"] });
    expect(servers[0]?.devices.map((d) => d.deviceName)).toEqual(["SRV1"]);
    // MAC1 is filtered out but still matched, so its workload is not reported as orphaned.
    expect(servers[0]?.workloadsWithoutDevice).toEqual([]);
    expect(status(devices, [], { ...FILTERS, oses: ["linux"] })[0]?.devices.map((d) => d.deviceName)).toEqual(["VM1"]);
  });

  it("reports a customer whose workloads could not be read as unread, not its devices as unprotected", () => {
    const orgs = status([device(1, "WS1")], { error: "503 from Acronis" });
    expect(orgs[0]).toMatchObject({ devices: [], unread: "503 from Acronis" });
    expect(countCategories(orgs)["no-agent"]).toBe(0);
  });

  it("writes CSV with quoting", () => {
    const csv = statusCsv(status([device(1, 'WS "one", 1')], []));
    expect(csv.split("\n")[1]).toBe('1,Contoso,Contoso Ltd,1,"WS ""one"", 1",workstation,windows,no-agent,,,no Acronis workload matches the device');
  });

  it("knows roles and OSes from the node class, and the OS name for VM guests", () => {
    expect([roleOf("NMS_SWITCH"), roleOf("LINUX_SERVER"), roleOf("HYPERV_VMM_GUEST"), roleOf("AOSP")]).toEqual(["network", "server", "vm", "other"]);
    expect([osOf("MAC", null), osOf("VMWARE_VM_GUEST", "Microsoft Windows Server 2019"), osOf("VMWARE_VM_GUEST", null)]).toEqual(["mac", "windows", "other"]);
  });
});

describe("agents organization selection", () => {
  const links: Link[] = [{ service: "acronis", orgId: 1, orgName: "Contoso", targetId: "t-1", targetName: "Contoso Ltd", source: "automap", mappedAt: NOW.toISOString() }];
  it("takes mapped organizations by id or name and refuses an unmapped one", () => {
    expect(selectLinks(links, ["contoso"]).map((l) => l.orgId)).toEqual([1]);
    expect(selectLinks(links, ["1"]).map((l) => l.orgId)).toEqual([1]);
    expect(() => selectLinks(links, ["Fabrikam"])).toThrow('organization "Fabrikam" is not mapped to an Acronis customer');
  });
});

describe("agents token plan", () => {
  const recorded = (expiresAt: string, extra: object = {}) => ({ "1": { ninjaOrgId: 1, acronisTenantId: "t-1", field: "tok", mintedAt: NOW.toISOString(), expiresAt, ...extra } });
  const plan = (rec: Parameters<typeof planTokens>[0]["recorded"], renewDays = 7) => planTokens({ links: [LINK], recorded: rec, field: "tok", renewDays, now: NOW }).map((m) => m.reason);

  it("mints where there is no token, renews within the window, and leaves a token that has time", () => {
    expect(plan({})).toEqual(["no token yet"]);
    expect(plan(recorded("2026-03-05T00:00:00Z"))).toEqual(["the token expires at 2026-03-05T00:00:00Z, within 7 days"]);
    expect(plan(recorded("2026-03-05T00:00:00Z"), 2)).toEqual([]);
    expect(plan(recorded("2026-02-01T00:00:00Z"), 0)).toEqual(["the token expired at 2026-02-01T00:00:00Z"]);
    expect(plan(recorded("2026-04-01T00:00:00Z", { acronisTenantId: "t-2" }))).toEqual(["the organization is now mapped to another customer"]);
    expect(plan(recorded("2026-04-01T00:00:00Z", { field: "old" }))).toEqual(["the token field is now tok"]);
  });
});

describe("agents token field", () => {
  it("takes an active organization field of type Secure or Text that the API can write, and names every misfit", () => {
    expect(checkTokenField([field("tok", "TEXT_ENCRYPTED", ["ORGANIZATION"], "WRITE_ONLY")], "tok").ok).toBe(true);
    const bad = checkTokenField([field("when", "DATE", ["NODE"], "READ_ONLY")], "when");
    expect(bad).toMatchObject({ ok: false, reason: expect.stringContaining("it is of type DATE") });
    expect(!bad.ok && bad.reason).toContain("not defined for organizations");
    expect(!bad.ok && bad.reason).toContain("API permission is READ_ONLY");
    const hidden = checkTokenField([{ ...field("tok", "TEXT_ENCRYPTED", ["ORGANIZATION"], "WRITE_ONLY"), scriptPermission: "NONE" }], "tok");
    expect(hidden).toMatchObject({ ok: false, reason: expect.stringContaining("its script permission is NONE") });
    expect(checkTokenField([], "nothing")).toMatchObject({ ok: false, reason: 'no NinjaOne custom field is named or labelled "nothing"' });
  });
});

describe("agents deploy plan", () => {
  const scripts: AutomationScript[] = [
    { id: 11, name: "Install (Windows)", active: true, language: "PowerShell", operatingSystems: ["WINDOWS"] },
    { id: 12, name: "Install (Linux and macOS)", active: true, language: "ShellScript", operatingSystems: ["LINUX", "MAC"] },
    { id: 21, name: "Clear temp", active: true, language: "PowerShell", operatingSystems: ["WINDOWS"] },
    { id: 22, name: "clear temp", active: true, language: "PowerShell", operatingSystems: ["WINDOWS"] },
  ];

  it("finds scripts by id or exact name and refuses a name two scripts share", () => {
    expect(resolveScripts(["12", "install (windows)"], scripts)).toEqual({ scripts: [scripts[1], scripts[0]] });
    expect(resolveScripts(["Clear temp"], scripts)).toEqual({ error: '2 NinjaOne scripts are named "Clear temp" (ids 21, 22); give the script\'s id' });
    expect(resolveScripts(["nope"], scripts)).toMatchObject({ error: expect.stringContaining("no NinjaOne automation script") });
  });

  it("runs the script made for each device's OS, skips offline and recently sent devices, and defers past --max", () => {
    const orgs = status([device(1, "WS1"), device(2, "LNX1", "LINUX_SERVER"), device(3, "WS3", "WINDOWS_WORKSTATION", { offline: true }), device(4, "WS4"), device(5, "WS5"), device(6, "WS6")], [workload("WS6")]);
    const recorded = { "4": { ninjaDeviceId: 4, ninjaOrgId: 1, scriptId: 11, ranAt: "2026-03-01T06:00:00Z" } };
    const plan = planDeploy({ orgs, scripts: [scripts[0] as AutomationScript, scripts[1] as AutomationScript], recorded, retryAfterHours: 24, max: 2, now: NOW });
    expect(plan.runs.map((r) => [r.deviceName, r.scriptId])).toEqual([
      ["WS1", 11],
      ["LNX1", 12],
    ]);
    expect(plan.skipped.map((s) => s.deviceName)).toEqual(["WS3", "WS4"]);
    expect(plan.deferred).toBe(1);
    // Past the retry window the device is sent the script again.
    const later = planDeploy({ orgs, scripts: [scripts[0] as AutomationScript], recorded, retryAfterHours: 2, max: 25, now: NOW });
    expect(later.runs.map((r) => r.deviceName)).toEqual(["WS1", "WS4", "WS5"]);
    expect(later.skipped.map((s) => [s.deviceName, s.reason])).toEqual([
      ["LNX1", "no given script runs on linux"],
      ["WS3", "the device is offline in NinjaOne: a script sent now would never run"],
    ]);
  });
});
