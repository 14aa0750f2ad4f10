import { describe, expect, it } from "vitest";
import { desiredAcronisFields } from "../../../src/jobs/fields/plan/desired-acronis.js";
import { mapping, ninjaDevice, protection } from "./builders.js";

const org = { id: 1, name: "Contoso" };
const devices = [ninjaDevice(101, 1, "SRV-01"), ninjaDevice(102, 1, "WS-01"), ninjaDevice(201, 2, "SRV-02")];
const status = mapping("acronis.protection-status", "backupStatus", "TEXT");
const lastBackup = mapping("acronis.last-backup", "lastBackup", "DATE_TIME");

describe("desiredAcronisFields", () => {
  it("writes each matched workload's mapped values to its NinjaOne device, times as integer epoch milliseconds", () => {
    const { desired, problems } = desiredAcronisFields([{ org, tenantName: "Contoso", statuses: [protection("SRV-01", "error")] }], devices, [status, lastBackup]);
    expect(problems).toEqual([]);
    expect(desired).toEqual([{ scope: "device", entityId: 101, entityName: "SRV-01", fields: { backupStatus: "Error", lastBackup: Date.parse("2026-01-05T02:00:48Z") } }]);
  });

  it("never matches a workload to a device of another organization, and reports the miss", () => {
    const { desired, problems } = desiredAcronisFields([{ org, tenantName: "Contoso", statuses: [protection("SRV-02", "idle")] }], devices, [status]);
    expect(desired).toEqual([]);
    expect(problems).toMatchObject([{ kind: "unmatched", org, subject: 'workload "SRV-02" of Contoso' }]);
  });

  it("writes nothing for a device two workloads claim, and says so", () => {
    const twice = [protection("WS-01", "idle"), { ...protection("WS-01", "error"), workloadId: "w-reinstalled" }];
    const { desired, problems } = desiredAcronisFields([{ org, tenantName: "Contoso", statuses: twice }], devices, [status]);
    expect(desired).toEqual([]);
    expect(problems).toMatchObject([{ kind: "contested", subject: 'device "WS-01"' }]);
  });

  it("leaves out a value the workload does not have instead of writing an empty one", () => {
    const unprotected = protection("SRV-01", "not_protected", { policies: [] });
    const { desired } = desiredAcronisFields([{ org, tenantName: "Contoso", statuses: [unprotected] }], devices, [status, lastBackup]);
    expect(desired[0]?.fields).toEqual({ backupStatus: "Not protected" });
  });

  it("reports a time Acronis sent that cannot be read, and writes the other fields", () => {
    const garbled = protection("SRV-01", "idle", { policies: [{ type: "policy.backup.machine", lastSuccessRunTime: "yesterday-ish" }] });
    const { desired, problems } = desiredAcronisFields([{ org, tenantName: "Contoso", statuses: [garbled] }], devices, [status, lastBackup]);
    expect(desired[0]?.fields).toEqual({ backupStatus: "OK" });
    expect(problems).toMatchObject([{ kind: "invalid-value", subject: 'acronis.last-backup of workload "SRV-01"' }]);
  });

  it("reads nothing when no Acronis source is mapped", () => {
    const compliance = mapping("cipp.device-compliance", "compliance", "TEXT");
    expect(desiredAcronisFields([{ org, tenantName: "Contoso", statuses: [protection("nowhere", "idle")] }], devices, [compliance])).toEqual({ desired: [], problems: [], findings: [], linkChanges: [] });
  });
});
