import { describe, expect, it } from "vitest";
import type { NinjaDevice } from "../../../src/jobs/shared/devices/device.js";
import { matchDevicesInOrg, type RemoteDevice } from "../../../src/jobs/shared/devices/match-devices.js";

function ninja(id: number, systemName: string, serialNumber: string | null = null, organizationId = 1, dnsName: string | null = null): NinjaDevice {
  return { id, organizationId, systemName, dnsName, serialNumber, biosSerialNumber: serialNumber };
}

function remote(id: string, name: string, serial: string | null = null): RemoteDevice {
  return { id, name, serial };
}

function pairs(result: ReturnType<typeof matchDevicesInOrg>): string[] {
  return result.matched.map((m) => `${m.remote.id}→${m.ninja.id} by ${m.by}`);
}

describe("matchDevicesInOrg", () => {
  it("matches by hostname case-insensitively and without the DNS suffix", () => {
    const result = matchDevicesInOrg(1, [ninja(10, "DESKTOP-AB12"), ninja(11, "srv", null, 1, "SRV-01.contoso.local")], [remote("w1", "desktop-ab12.contoso.local"), remote("w2", "srv-01")]);
    expect(pairs(result)).toEqual(["w1→10 by hostname", "w2→11 by hostname"]);
  });

  it("matches by serial first, even when the names differ", () => {
    const result = matchDevicesInOrg(1, [ninja(10, "RECEPTION", "ABC1234")], [remote("i1", "LAPTOP-XYZ", "abc 1234")]);
    expect(pairs(result)).toEqual(["i1→10 by serial"]);
  });

  it("never matches a device of another organization, even with the same name and serial", () => {
    const result = matchDevicesInOrg(1, [ninja(20, "PC01", "ABC1234", 2)], [remote("w1", "PC01", "ABC1234")]);
    expect(result.matched).toEqual([]);
    expect(result.unmatched).toEqual([{ remote: remote("w1", "PC01", "ABC1234"), reason: 'serial ABC1234 is on no device of the organization; no device of the organization is named "pc01"' }]);
    expect(result.unclaimed).toEqual([]);
  });

  it("reports a name two devices of the organization share and writes neither", () => {
    const result = matchDevicesInOrg(1, [ninja(10, "PC01"), ninja(11, "pc01.branch.local")], [remote("w1", "PC01")]);
    expect(result.matched).toEqual([]);
    expect(result.unmatched[0]?.reason).toBe('no serial number; 2 devices of the organization are named "pc01"');
  });

  it("reports a device that matches nothing", () => {
    const result = matchDevicesInOrg(1, [ninja(10, "PC01")], [remote("w1", "GHOST")]);
    expect(result.unmatched[0]?.reason).toBe('no serial number; no device of the organization is named "ghost"');
    expect(result.unclaimed.map((d) => d.id)).toEqual([10]);
  });

  it("refuses a name match when both sides have serials and they differ", () => {
    const result = matchDevicesInOrg(1, [ninja(10, "PC01", "ABC1234")], [remote("i1", "PC01", "XYZ9876")]);
    expect(result.unmatched[0]?.reason).toBe('named like NinjaOne device "PC01", but their serial numbers differ');
  });

  it("falls back to the name when the serial is a placeholder", () => {
    const result = matchDevicesInOrg(1, [ninja(10, "PC01", "ABC1234")], [remote("i1", "PC01", "To Be Filled By O.E.M.")]);
    expect(pairs(result)).toEqual(["i1→10 by hostname"]);
  });

  it("picks the one holder of a shared serial that the name points at", () => {
    const result = matchDevicesInOrg(1, [ninja(10, "PC01", "DUP0001"), ninja(11, "PC02", "DUP0001")], [remote("i1", "PC02", "DUP0001")]);
    expect(pairs(result)).toEqual(["i1→11 by hostname"]);
  });

  it("writes none of several workloads that claim one device (an agent reinstalled) and reports them", () => {
    const result = matchDevicesInOrg(1, [ninja(10, "SRV-01")], [remote("old", "SRV-01"), remote("new", "srv-01.contoso.local")], { remoteNoun: "Acronis workload" });
    expect(result.matched).toEqual([]);
    expect(result.contested).toEqual([
      {
        ninja: ninja(10, "SRV-01"),
        remotes: [remote("old", "SRV-01"), remote("new", "srv-01.contoso.local")],
        reason: '2 Acronis workloads ("SRV-01", "srv-01.contoso.local") match NinjaOne device "SRV-01"; none is written until only one remains',
      },
    ]);
    expect(result.unclaimed).toEqual([]);
  });

  it("lists the organization's devices nothing matched, for Not in Intune", () => {
    const result = matchDevicesInOrg(1, [ninja(10, "PC01"), ninja(11, "PC02"), ninja(20, "PC03", null, 2)], [remote("i1", "PC01")]);
    expect(result.unclaimed.map((d) => d.id)).toEqual([11]);
  });
});
