import { describe, expect, it } from "vitest";
import type { DeviceRow } from "../../../src/jobs/devices/plan/device-rows.js";
import { unmanagedDevices } from "../../../src/jobs/devices/plan/unmanaged.js";

const contoso = { id: 1, name: "Contoso" };
const fabrikam = { id: 2, name: "Fabrikam" };

const rows: DeviceRow[] = [
  { org: contoso, service: "intune", ninja: { id: 101, name: "WS-01" }, remote: { id: "i-1", name: "WS-01" }, by: "serial", status: "linked" },
  { org: contoso, service: "intune", ninja: null, remote: { id: "i-2", name: "iPhone" }, by: null, status: "unmatched", reason: "serial F2L is on no NinjaOne device" },
  { org: contoso, service: "intune", ninja: { id: 102, name: "WS-02" }, remote: null, by: null, status: "unmatched", reason: "no Intune device pairs with it" },
  { org: contoso, service: "acronis", ninja: null, remote: { id: "w-1", name: "VM-01" }, by: null, status: "unmatched", reason: "no match" },
  { org: fabrikam, service: "intune", ninja: null, remote: { id: "i-3", name: "Galaxy" }, by: null, status: "unmatched", reason: "no match" },
];

describe("unmanagedDevices", () => {
  it("keeps only Intune devices without a NinjaOne device, sorted by organization, ignored ones apart", () => {
    const report = unmanagedDevices(rows, new Set(["i-3"]));
    expect(report.devices.map((d) => d.id)).toEqual(["i-2"]);
    expect(report.devices[0]).toEqual({ org: contoso, id: "i-2", name: "iPhone", reason: "serial F2L is on no NinjaOne device" });
    expect(report.ignored.map((d) => d.id)).toEqual(["i-3"]);
  });

  it("narrows to one organization", () => {
    expect(unmanagedDevices(rows, new Set(), 2).devices.map((d) => d.id)).toEqual(["i-3"]);
  });
});
