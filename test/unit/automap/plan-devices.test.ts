import { describe, expect, it } from "vitest";
import { planAutomap } from "../../../src/jobs/automap/plan/index.js";
import { input, linkPairs, ninja, pairedFleet, refusals, remote } from "./builders.js";

const orgs = [
  { id: 1, name: "Tailspin Toys (HQ)" },
  { id: 2, name: "Wide World Importers" },
  { id: 3, name: "Proseware" },
];
const targets = [
  { id: "tst", name: "TST Holdings" },
  { id: "wwi", name: "WWI Group" },
];

describe("planAutomap device pass", () => {
  it("links a tenant to the organization holding its devices by serial, with the evidence", () => {
    const fleet = pairedFleet(1, "tst", "TSP", 3);
    const plan = planAutomap(input({ orgs, targets, ...fleet }));
    expect(linkPairs(plan)).toEqual(["1→tst"]);
    expect(plan.actions[0]).toMatchObject({
      evidence: { by: "devices", devices: 3, matched: 3, share: 1, bySerial: 3, byHostname: 0, exampleSerials: ["STSP0001", "STSP0002", "STSP0003"] },
    });
    expect(plan.actions[0]?.reason).toBe('3 of 3 matched devices (100%) of Acronis tenant "TST Holdings" belong to NinjaOne organization "Tailspin Toys (HQ)" (3 by serial, 0 by hostname)');
  });

  it("matches a tenant serial against the NinjaOne BIOS serial too, in any case and spacing", () => {
    const a = ninja(1, "TST-WS03");
    a.biosSerialNumber = "tspbios 404";
    const b = ninja(1, "TST-WS04", "TSP0000405");
    const plan = planAutomap(input({ orgs, targets, devices: [a, b], targetDevices: [remote("tst", "X1", "TSPBIOS404"), remote("tst", "X2", "tsp0000405")] }));
    expect(linkPairs(plan)).toEqual(["1→tst"]);
  });

  it("links at exactly 60% of matched devices", () => {
    const own = pairedFleet(1, "tst", "OWN", 3);
    const a = pairedFleet(2, "tst", "AAA", 1);
    const b = pairedFleet(3, "tst", "BBB", 1);
    const plan = planAutomap(input({ orgs, targets, devices: [...own.devices, ...a.devices, ...b.devices], targetDevices: [...own.targetDevices, ...a.targetDevices, ...b.targetDevices] }));
    expect(linkPairs(plan)).toEqual(["1→tst"]);
    expect(plan.actions[0]).toMatchObject({ evidence: { devices: 3, matched: 5, share: 0.6, otherOrgs: [{ id: 2, devices: 1 }, { id: 3, devices: 1 }] } });
  });

  it("refuses below 60% of matched devices", () => {
    const own = pairedFleet(1, "tst", "OWN", 3);
    const a = pairedFleet(2, "tst", "AAA", 1);
    const b = pairedFleet(3, "tst", "BBB", 1);
    const c = pairedFleet(4, "tst", "CCC", 1);
    const all = [own, a, b, c];
    const plan = planAutomap(input({ orgs, targets, devices: all.flatMap((f) => f.devices), targetDevices: all.flatMap((f) => f.targetDevices) }));
    expect(linkPairs(plan)).toEqual([]);
    expect(refusals(plan)).toEqual([expect.objectContaining({ cause: "too-little-evidence", subject: expect.objectContaining({ id: "tst" }) })]);
    expect(refusals(plan)[0]?.reason).toContain("50% of 6 matched devices; at least 60% is needed");
  });

  it("links with exactly two matched devices and refuses with one", () => {
    const two = pairedFleet(1, "tst", "TWO", 2);
    const one = pairedFleet(2, "wwi", "ONE", 1);
    const plan = planAutomap(input({ orgs, targets, devices: [...two.devices, ...one.devices], targetDevices: [...two.targetDevices, ...one.targetDevices] }));
    expect(linkPairs(plan)).toEqual(["1→tst"]);
    expect(refusals(plan)).toEqual([expect.objectContaining({ cause: "too-little-evidence", subject: expect.objectContaining({ id: "wwi" }), candidates: [{ id: 2, name: "Wide World Importers", devices: 1 }] })]);
  });

  it("honours a raised minimum of devices", () => {
    const fleet = pairedFleet(1, "tst", "TSP", 3);
    const plan = planAutomap(input({ orgs, targets, ...fleet, options: { minDevices: 4 } }));
    expect(linkPairs(plan)).toEqual([]);
  });

  it("refuses a close second as a tie and names both organizations", () => {
    const first = pairedFleet(1, "tst", "ONE", 3);
    const second = pairedFleet(2, "tst", "TWO", 2);
    const plan = planAutomap(input({ orgs, targets, devices: [...first.devices, ...second.devices], targetDevices: [...first.targetDevices, ...second.targetDevices] }));
    expect(linkPairs(plan)).toEqual([]);
    expect(refusals(plan)).toEqual([
      expect.objectContaining({
        cause: "device-tie",
        subject: { side: "target", id: "tst", name: "TST Holdings" },
        candidates: [{ id: 1, name: "Tailspin Toys (HQ)", devices: 3 }, { id: 2, name: "Wide World Importers", devices: 2 }],
      }),
    ]);
  });

  it("counts devices of mapped organizations, so a bystander is not handed their tenant", () => {
    const mapped = pairedFleet(1, "tst", "MAP", 6);
    const bystander = pairedFleet(2, "tst", "BYS", 2);
    const plan = planAutomap(input({
      orgs, targets, mappedOrgIds: [1],
      devices: [...mapped.devices, ...bystander.devices], targetDevices: [...mapped.targetDevices, ...bystander.targetDevices],
    }));
    expect(linkPairs(plan)).toEqual([]);
    expect(refusals(plan)).toEqual([expect.objectContaining({ cause: "org-unavailable", candidates: [{ id: 1, name: "Tailspin Toys (HQ)", devices: 6 }] })]);
    expect(refusals(plan)[0]?.reason).toContain("already mapped");
  });

  it("leaves mapped tenants out of the device pass", () => {
    const fleet = pairedFleet(1, "tst", "TSP", 3);
    const plan = planAutomap(input({ orgs, targets, mappedTargetIds: ["tst"], ...fleet }));
    expect(linkPairs(plan)).toEqual([]);
    expect(plan.actions.find((a) => a.kind === "skip")).toMatchObject({ subject: { side: "target", id: "tst" } });
  });

  it("refuses to give one organization to two tenants its devices point to", () => {
    const a = pairedFleet(1, "tst", "AAA", 3);
    const b = pairedFleet(1, "wwi", "BBB", 2);
    const plan = planAutomap(input({ orgs, targets, devices: [...a.devices, ...b.devices], targetDevices: [...a.targetDevices, ...b.targetDevices] }));
    expect(linkPairs(plan)).toEqual([]);
    expect(refusals(plan)).toEqual([
      expect.objectContaining({ cause: "org-contested", subject: { side: "org", id: 1, name: "Tailspin Toys (HQ)" }, candidates: [{ id: "tst", name: "TST Holdings", devices: 3 }, { id: "wwi", name: "WWI Group", devices: 2 }] }),
    ]);
  });

  it("never matches on a serial that two NinjaOne devices share, and reports it", () => {
    const x = ninja(1, "NW-LT01", "R90DUP001");
    const y = ninja(2, "OTHER-01", "R90DUP001");
    const plan = planAutomap(input({ orgs, targets, devices: [x, y], targetDevices: [remote("tst", "SOMETHING", "R90DUP001")] }));
    expect(plan.serials.duplicates).toEqual([{ serial: "R90DUP001", devices: [{ id: x.id, name: "NW-LT01", organizationId: 1 }, { id: y.id, name: "OTHER-01", organizationId: 2 }] }]);
    expect(plan.unmatchedDevices).toEqual([expect.objectContaining({ name: "SOMETHING", reason: expect.stringContaining("on several NinjaOne devices") })]);
  });

  it("never matches on junk serials, and reports them", () => {
    const a = ninja(1, "A-01", "To Be Filled By O.E.M.");
    const b = ninja(1, "B-01", "Default string");
    const plan = planAutomap(input({ orgs, targets, devices: [a, b], targetDevices: [remote("tst", "Z-01", "To be filled by O.E.M."), remote("tst", "Z-02", "Default string")] }));
    expect(linkPairs(plan)).toEqual([]);
    expect(plan.serials.junk.map((n) => `${n.side}:${n.deviceName}`)).toEqual(["ninjaone:A-01", "ninjaone:B-01", "target:Z-01", "target:Z-02"]);
    expect(plan.unmatchedDevices).toHaveLength(2);
  });

  it("reports virtual machine serials apart from junk and does not match on them", () => {
    const vm = "VMware-42 1a 2b 3c 4d 5e 6f 70-81 92 a3 b4 c5 d6 e7 f8";
    const plan = planAutomap(input({ orgs, targets, devices: [ninja(1, "SRV-A", vm)], targetDevices: [remote("tst", "SRV-B", vm)] }));
    expect(plan.serials.virtual.map((n) => `${n.side}:${n.deviceName}`)).toEqual(["ninjaone:SRV-A", "target:SRV-B"]);
    expect(plan.serials.junk).toEqual([]);
    expect(plan.unmatchedDevices).toEqual([expect.objectContaining({ name: "SRV-B", reason: expect.stringContaining("VMware") })]);
  });

  it("falls back to a unique hostname, ignoring case and DNS suffix, when a side has no usable serial", () => {
    const devices = [ninja(1, "TST-WS01", "Default string"), ninja(1, "TST-SRV01", "VMware-42 1a")];
    const plan = planAutomap(input({ orgs, targets, devices, targetDevices: [remote("tst", "tst-ws01.tailspin.local"), remote("tst", "TST-SRV01", "VMware-42 1a")] }));
    expect(linkPairs(plan)).toEqual(["1→tst"]);
    expect(plan.actions[0]).toMatchObject({ evidence: { bySerial: 0, byHostname: 2, exampleHostnames: ["TST-WS01", "TST-SRV01"] } });
  });

  it("does not fall back to a hostname that several NinjaOne devices share", () => {
    const devices = [ninja(1, "DESKTOP-1"), ninja(2, "DESKTOP-1"), ninja(1, "TST-WS02")];
    const plan = planAutomap(input({ orgs, targets, devices, targetDevices: [remote("tst", "DESKTOP-1"), remote("tst", "TST-WS02")] }));
    expect(linkPairs(plan)).toEqual([]);
    expect(plan.unmatchedDevices).toEqual([expect.objectContaining({ name: "DESKTOP-1", reason: expect.stringContaining('2 NinjaOne devices are named "desktop-1"') })]);
  });

  it("does not match same-named devices whose usable serials differ", () => {
    const plan = planAutomap(input({ orgs, targets, devices: [ninja(1, "PC01", "SERIAL0001"), ninja(1, "PC02", "SERIAL0002")], targetDevices: [remote("tst", "PC01", "OTHER0001"), remote("tst", "PC02", "OTHER0002")] }));
    expect(linkPairs(plan)).toEqual([]);
    expect(plan.unmatchedDevices.map((d) => d.reason)).toEqual([
      'hostname matches NinjaOne device "PC01", but their serial numbers differ',
      'hostname matches NinjaOne device "PC02", but their serial numbers differ',
    ]);
  });

  it("counts two tenant devices for one NinjaOne machine (an agent reinstalled) once", () => {
    const fleet = pairedFleet(1, "tst", "ONE", 1);
    const twin = remote("tst", "ONE-PC1", "SONE0001");
    const plan = planAutomap(input({ orgs, targets, devices: fleet.devices, targetDevices: [...fleet.targetDevices, twin] }));
    expect(linkPairs(plan)).toEqual([]);
    expect(refusals(plan)[0]).toMatchObject({ cause: "too-little-evidence", candidates: [{ id: 1, devices: 1 }] });
  });

  it("lists every tenant device no NinjaOne device corresponds to, on linked tenants too", () => {
    const fleet = pairedFleet(1, "tst", "TSP", 2);
    const plan = planAutomap(input({
      target: "cipp", orgs, targets: [{ id: "tst", name: "Tailspin Toys" }], devices: fleet.devices,
      targetDevices: [...fleet.targetDevices, remote("tst", "iPhone-Ada", "F2LXK1ABCD"), remote("tst", "Android-7", undefined)],
    }));
    expect(linkPairs(plan)).toEqual(["1→tst"]);
    expect(plan.unmatchedDevices).toEqual([
      { targetId: "tst", targetName: "Tailspin Toys", deviceId: expect.any(String), name: "iPhone-Ada", serial: "F2LXK1ABCD", reason: 'serial F2LXK1ABCD is on no NinjaOne device; no NinjaOne device is named "iphone-ada"' },
      { targetId: "tst", targetName: "Tailspin Toys", deviceId: expect.any(String), name: "Android-7", serial: null, reason: 'no serial number; no NinjaOne device is named "android-7"' },
    ]);
  });

  it("settles a name tie with device evidence instead of reporting the tie", () => {
    const fleet = pairedFleet(6, "gmbh", "ADT", 2);
    const plan = planAutomap(input({
      orgs: [{ id: 6, name: "Adatum" }], targets: [{ id: "gmbh", name: "Adatum GmbH" }, { id: "ag", name: "Adatum AG" }], ...fleet,
    }));
    expect(linkPairs(plan)).toEqual(["6→gmbh"]);
    expect(refusals(plan)).toEqual([]);
    expect(plan.actions.filter((a) => a.kind === "unmatched").map((a) => a.subject.id)).toEqual(["ag"]);
  });

  it("produces a plan that survives a JSON round trip unchanged", () => {
    const fleet = pairedFleet(1, "tst", "TSP", 3);
    const plan = planAutomap(input({ orgs, targets, mappedOrgIds: new Set([3]), mappedTargetIds: new Set(["wwi"]), ...fleet }));
    expect(JSON.parse(JSON.stringify(plan))).toEqual(plan);
  });
});
