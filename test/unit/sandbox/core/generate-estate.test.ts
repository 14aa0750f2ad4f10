import { describe, expect, it } from "vitest";
import { generateEstate, LARGE_DEFAULTS, normaliseOrgName } from "../../../../src/sandbox/seed/generate-estate.js";

/** Serials that identify no machine: unset firmware values, all one character, or VM-generated. */
function isJunkSerial(serial: string): boolean {
  return (
    /^(to be filled by o\.e\.m\.|default string|system serial number|not specified|none|n\/a|invalid|123456789)$/i.test(serial) ||
    /^(.)\1*$/.test(serial) ||
    serial.startsWith("VMware-") ||
    /^\d{4}(-\d{4}){5}-\d{2}$/.test(serial)
  );
}

const large = generateEstate(LARGE_DEFAULTS);

describe("generateEstate", () => {
  it("gives the same estate for the same params", () => {
    const params = { seed: 9, orgs: 50, devicesPerOrg: 10, alerts: 0 };
    expect(generateEstate(params)).toEqual(generateEstate(params));
  });

  it("gives a different estate for a different seed", () => {
    const a = generateEstate({ seed: 1, orgs: 50, devicesPerOrg: 10, alerts: 0 });
    const b = generateEstate({ seed: 2, orgs: 50, devicesPerOrg: 10, alerts: 0 });
    expect(a.orgs.map((o) => o.name)).not.toEqual(b.orgs.map((o) => o.name));
    expect(a.devices.map((d) => d.serialNumber)).not.toEqual(b.devices.map((d) => d.serialNumber));
  });

  it("builds 2,000 organizations and 50,000 devices for the large defaults", () => {
    expect(large.orgs).toHaveLength(2000);
    expect(large.devices).toHaveLength(50_000);
  });

  it("gives organizations and devices unique, increasing positive integer ids", () => {
    for (const list of [large.orgs, large.devices]) {
      const ids = list.map((item) => item.id);
      expect(ids.filter((id, i) => i > 0 && id <= (ids[i - 1] as number))).toEqual([]);
      expect(list[0]?.id).toBeGreaterThan(0);
      expect(Number.isInteger(list.at(-1)?.id)).toBe(true);
      expect(list.at(-1)?.id).toBeLessThan(2 ** 31);
    }
  });

  it("puts every device in an organization of the estate, devicesPerOrg each", () => {
    const perOrg = new Map<number, number>();
    for (const d of large.devices) perOrg.set(d.organizationId, (perOrg.get(d.organizationId) ?? 0) + 1);
    expect(perOrg.size).toBe(2000);
    expect([...perOrg].filter(([, n]) => n !== 25)).toEqual([]);
  });

  it("includes a small share of junk serials", () => {
    const serials = large.devices.flatMap((d) => (d.serialNumber === undefined ? [] : [d.serialNumber]));
    const share = serials.filter(isJunkSerial).length / serials.length;
    expect(share).toBeGreaterThan(0.02);
    expect(share).toBeLessThan(0.15);
    const unset = serials.filter((s) => /^(to be filled by o\.e\.m\.|default string|0+)$/i.test(s)).length;
    expect(unset).toBeGreaterThan(0);
  });

  it("duplicates a few real serials across two devices and keeps the rest unique", () => {
    const count = new Map<string, number>();
    for (const d of large.devices) {
      if (d.serialNumber !== undefined && !isJunkSerial(d.serialNumber)) count.set(d.serialNumber, (count.get(d.serialNumber) ?? 0) + 1);
    }
    const duplicated = [...count.values()].filter((n) => n > 1);
    expect(duplicated.length).toBeGreaterThan(10);
    expect(duplicated.length / count.size).toBeLessThan(0.01);
  });

  it("leaves some devices without a system serial but with a BIOS serial", () => {
    const missing = large.devices.filter((d) => d.serialNumber === undefined && d.biosSerialNumber !== undefined);
    expect(missing.length).toBeGreaterThan(0);
    expect(missing.length / large.devices.length).toBeLessThan(0.03);
  });

  it("mixes node classes, mostly Windows workstations", () => {
    const classes = new Map<string, number>();
    for (const d of large.devices) classes.set(d.nodeClass, (classes.get(d.nodeClass) ?? 0) + 1);
    expect([...classes.keys()]).toEqual(expect.arrayContaining(["WINDOWS_WORKSTATION", "WINDOWS_SERVER", "MAC", "LINUX_SERVER", "VMWARE_VM_GUEST"]));
    expect((classes.get("WINDOWS_WORKSTATION") ?? 0) / large.devices.length).toBeGreaterThan(0.5);
  });

  it("names some organizations the same after normalisation but never identically", () => {
    const exact = new Set(large.orgs.map((o) => o.name));
    expect(exact.size).toBe(large.orgs.length);
    const normalised = new Set(large.orgs.map((o) => normaliseOrgName(o.name)));
    const collisions = large.orgs.length - normalised.size;
    expect(collisions).toBeGreaterThan(5);
    expect(collisions).toBeLessThan(100);
  });

  it("gives devices hostnames and DNS names in the organization's domain", () => {
    const device = large.devices.find((d) => d.nodeClass === "WINDOWS_SERVER");
    expect(device?.systemName).toMatch(/^[A-Z]{2,4}-SRV\d{2,}$/);
    expect(device?.dnsName).toMatch(new RegExp(`^${device?.systemName.toLowerCase()}\\.[a-z0-9]+\\.local$`));
  });
});

describe("normaliseOrgName", () => {
  it("ignores case, punctuation and a trailing legal suffix", () => {
    expect(normaliseOrgName("Fabrikam, Inc.")).toBe("fabrikam");
    expect(normaliseOrgName("NORTHWIND TRADERS LLC")).toBe(normaliseOrgName("Northwind Traders"));
    expect(normaliseOrgName("Harbor Heating & Air")).toBe("harbor heating and air");
    expect(normaliseOrgName("Rossi Foods S.A.")).toBe("rossi foods");
  });
});
