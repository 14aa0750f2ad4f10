import { describe, expect, it } from "vitest";
import { acronisSourceValues, fieldValueFor, findSource, type AcronisWorkloadStatus } from "../../../src/jobs/fields/plan/index.js";

const status: AcronisWorkloadStatus = {
  agentVersion: "15.0.26355",
  status: "idle",
  planNames: "Servers daily",
  policies: [
    { type: "policy.backup.machine", lastSuccessRunTime: "2026-01-05T02:00:48Z", nextRunTime: "2026-01-06T02:00:00Z" },
    { type: "policy.backup.files", lastSuccessRunTime: "2026-01-05T06:00:00Z", nextRunTime: "2026-01-05T18:00:00Z" },
    { type: "policy.security.antimalware_protection", lastSuccessRunTime: "2026-01-04T13:00:00Z", nextRunTime: "2026-01-11T13:00:00Z" },
  ],
};

describe("acronisSourceValues", () => {
  it("takes the latest success and the soonest next run across backup plans, and scans from anti-malware plans", () => {
    expect(acronisSourceValues(status)).toEqual({
      "acronis.agent-version": "15.0.26355",
      "acronis.protection-status": "OK",
      "acronis.protection-plan": "Servers daily",
      "acronis.last-backup": new Date("2026-01-05T06:00:00Z"),
      "acronis.next-backup": new Date("2026-01-05T18:00:00Z"),
      "acronis.last-antimalware-scan": new Date("2026-01-04T13:00:00Z"),
      "acronis.next-antimalware-scan": new Date("2026-01-11T13:00:00Z"),
    });
  });

  it("shows an unknown status as Acronis sent it and a missing plan as no value", () => {
    const values = acronisSourceValues({ ...status, status: "quarantined", planNames: null, policies: [] });
    expect(values["acronis.protection-status"]).toBe("quarantined");
    expect(values["acronis.protection-plan"]).toBeNull();
    expect(values["acronis.last-backup"]).toBeNull();
  });

  it("says a workload without plans is not protected", () => {
    expect(acronisSourceValues({ ...status, status: "no_policies_applied" })["acronis.protection-status"]).toBe("Not protected (no plan applied)");
  });

  it("lists several plans separated the same way", () => {
    expect(acronisSourceValues({ ...status, planNames: "Servers daily;  Files hourly;" })["acronis.protection-plan"]).toBe("Servers daily; Files hourly");
  });

  it("passes an unreadable time on so formatting reports it instead of dropping the field", () => {
    const values = acronisSourceValues({ ...status, policies: [{ type: "policy.backup.machine", lastSuccessRunTime: "garbage" }] });
    const lastBackup = findSource("acronis.last-backup");
    if (lastBackup === undefined) throw new Error("catalogue lost acronis.last-backup");
    expect(fieldValueFor(lastBackup, values["acronis.last-backup"], "DATE_TIME").kind).toBe("invalid");
  });
});
