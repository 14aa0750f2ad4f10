import { describe, expect, it } from "vitest";
import { planAutomap, type TargetDevice } from "../../../src/jobs/automap/plan/index.js";
import { DEMO_DEVICES, DEMO_ORGS } from "../../../src/sandbox/seed/demo-estate.js";

/**
 * The tenants of the sandbox's demo estate (src/sandbox/acronis/seed-demo.ts), restated as
 * automap reads them: each workload of a NinjaOne device carries that device's hostname
 * and its serial (serialNumber, else biosSerialNumber), as the Acronis seeder does.
 */
const ACRONIS_TENANTS: Record<string, { name: string; hosts: string[]; foreign?: [string, string][] }> = {
  "acr-contoso": { name: "Contoso", hosts: ["CONTOSO-DC01", "CONTOSO-WS01", "CONTOSO-WS02", "CONTOSO-MAC01"] },
  "acr-fabrikam": { name: "Fabrikam Inc", hosts: ["FAB-SRV01", "FAB-LT01", "FAB-LT02"] },
  "acr-northwind": { name: "NORTHWIND TRADERS LLC", hosts: ["NW-LT01", "NW-LT02", "NW-SRV01"] },
  "acr-tst": { name: "TST Holdings", hosts: ["TST-WS01", "TST-WS02", "TST-SRV01", "TST-WS03"] },
  "acr-adatum-gmbh": { name: "Adatum GmbH", hosts: ["ADATUM-WS01"] },
  "acr-adatum": { name: "ADATUM", hosts: [] },
  "acr-woodgrove": { name: "Woodgrove Bank", hosts: [], foreign: [["WGB-SRV01", "WGB7781SRV"], ["WGB-WS01", "WGB7782WS"]] },
};

function acronisInput() {
  const byHost = new Map(DEMO_DEVICES.map((d) => [d.systemName, d]));
  const targetDevices: TargetDevice[] = Object.entries(ACRONIS_TENANTS).flatMap(([targetId, t]) => [
    ...t.hosts.map((host) => {
      const d = byHost.get(host);
      if (d === undefined) throw new Error(`demo estate lost ${host}`);
      return { id: `wl-${d.id}`, targetId, name: host, serial: d.serialNumber ?? d.biosSerialNumber ?? null };
    }),
    ...(t.foreign ?? []).map(([name, serial]) => ({ id: `wl-${name}`, targetId, name, serial })),
  ]);
  return {
    target: "acronis" as const,
    orgs: DEMO_ORGS,
    devices: DEMO_DEVICES,
    targets: Object.entries(ACRONIS_TENANTS).map(([id, t]) => ({ id, name: t.name })),
    targetDevices,
    mappedOrgIds: [],
    mappedTargetIds: [],
  };
}

describe("the demo estate against Acronis", () => {
  const plan = planAutomap(acronisInput());

  it("links by exact name, by normalised name, and by device serials", () => {
    expect(plan.actions.filter((a) => a.kind === "link").map((a) => [a.org.name, a.target.name, a.evidence.by === "name" ? a.evidence.match : "devices"])).toEqual([
      ["Contoso", "Contoso", "exact"],
      ["Fabrikam, Inc.", "Fabrikam Inc", "normalised"],
      ["Northwind Traders", "NORTHWIND TRADERS LLC", "normalised"],
      ["Adatum", "ADATUM", "exact"],
      ["Tailspin Toys (HQ)", "TST Holdings", "devices"],
    ]);
  });

  it("says the exact ADATUM beat the normalised Adatum GmbH", () => {
    const adatum = plan.actions.find((a) => a.kind === "link" && a.org.id === 6);
    expect(adatum?.reason).toBe('NinjaOne organization "Adatum" and Acronis tenant "ADATUM" have the same name; similar names lost to this exact match: "Adatum GmbH"');
  });

  it("links Tailspin through all four machines, one of them by its BIOS serial", () => {
    const tailspin = plan.actions.find((a) => a.kind === "link" && a.org.id === 4);
    expect(tailspin).toMatchObject({ evidence: { by: "devices", devices: 4, matched: 4, share: 1, bySerial: 4, byHostname: 0, exampleSerials: ["TSP0000401", "TSP0000402", "TSP0000403"] } });
  });

  it("refuses Adatum GmbH: its one device belongs to Adatum, already linked by name", () => {
    expect(plan.actions.filter((a) => a.kind === "refuse")).toEqual([
      {
        kind: "refuse",
        cause: "too-little-evidence",
        subject: { side: "target", id: "acr-adatum-gmbh", name: "Adatum GmbH" },
        candidates: [{ id: 6, name: "Adatum", devices: 1 }],
        reason: 'Acronis tenant "Adatum GmbH": only 1 matched device(s) point to "Adatum" (which is linked by name to Acronis tenant "ADATUM"); at least 2 are needed',
      },
    ]);
  });

  it("leaves Alpine Ski House and Woodgrove Bank unmatched", () => {
    expect(plan.actions.filter((a) => a.kind === "unmatched").map((a) => a.subject.name)).toEqual(["Alpine Ski House", "Woodgrove Bank"]);
  });

  it("lists Woodgrove's machines as devices NinjaOne does not manage", () => {
    expect(plan.unmatchedDevices.map((d) => `${d.targetName}/${d.name}`)).toEqual(["Woodgrove Bank/WGB-SRV01", "Woodgrove Bank/WGB-WS01"]);
  });

  it("reports the placeholder, all-zero, VMware and duplicate serials", () => {
    const ninjaSide = (notes: typeof plan.serials.junk) => notes.filter((n) => n.side === "ninjaone").map((n) => `${n.deviceName}: ${n.value}`);
    expect(ninjaSide(plan.serials.junk)).toEqual(["CONTOSO-WS02: To Be Filled By O.E.M.", "FAB-LT02: Default string", "ASH-WS01: 0000000000"]);
    expect(ninjaSide(plan.serials.virtual)).toEqual(["NW-SRV01: VMware-42 1a 2b 3c 4d 5e 6f 70-81 92 a3 b4 c5 d6 e7 f8"]);
    expect(plan.serials.duplicates.map((d) => [d.serial, d.devices.map((x) => x.name)])).toEqual([["R90DUP001", ["NW-LT01", "NW-LT02"]]]);
  });

  it("still recognises the machines with unusable serials by their unique hostnames", () => {
    const names = plan.unmatchedDevices.map((d) => d.name);
    for (const host of ["CONTOSO-WS02", "FAB-LT02", "NW-LT01", "NW-LT02", "NW-SRV01"]) expect(names).not.toContain(host);
  });

  it("skips what is already mapped and proposes the rest again on a re-run", () => {
    const again = planAutomap({ ...acronisInput(), mappedOrgIds: [1, 2], mappedTargetIds: ["acr-contoso", "acr-fabrikam"] });
    expect(again.summary).toMatchObject({ link: 3, skip: 4 });
    expect(again.actions.filter((a) => a.kind === "link").map((a) => a.org.id)).toEqual([3, 6, 4]);
  });
});

describe("the demo estate against Microsoft 365 (CIPP)", () => {
  it("links Contoso exactly, fabrikam after normalising, and Tailspin by its Intune devices", () => {
    const byHost = new Map(DEMO_DEVICES.map((d) => [d.systemName, d]));
    const intune = (targetId: string, host: string): TargetDevice => ({ id: `md-${host}`, targetId, name: host, serial: byHost.get(host)?.serialNumber ?? null });
    const plan = planAutomap({
      target: "cipp",
      orgs: DEMO_ORGS,
      devices: DEMO_DEVICES,
      targets: [{ id: "m-contoso", name: "Contoso" }, { id: "m-fabrikam", name: "fabrikam" }, { id: "m-tst", name: "TST Holdings Group" }],
      targetDevices: [intune("m-contoso", "CONTOSO-WS01"), intune("m-tst", "TST-WS01"), intune("m-tst", "TST-WS02"), { id: "md-phone", targetId: "m-tst", name: "iPhone", serial: "F17ZZ1234" }],
      mappedOrgIds: [],
      mappedTargetIds: [],
    });
    expect(plan.actions.filter((a) => a.kind === "link").map((a) => `${a.org.name} → ${a.target.name}`)).toEqual([
      "Contoso → Contoso",
      "Fabrikam, Inc. → fabrikam",
      "Tailspin Toys (HQ) → TST Holdings Group",
    ]);
    expect(plan.actions.filter((a) => a.kind === "unmatched").map((a) => a.subject.name)).toEqual(["Northwind Traders", "Alpine Ski House", "Adatum"]);
    expect(plan.unmatchedDevices.map((d) => d.name)).toEqual(["iPhone"]);
  });
});
