import { describe, expect, it } from "vitest";
import { deviceCountUpdates, emptiedOrgs, orgDeviceCounts, recordDeviceCounts } from "../../../../src/jobs/shared/estates/emptied-orgs.js";
import { emptyState, type StateDocument } from "../../../../src/state/index.js";

const T0 = new Date("2026-03-01T10:00:00Z");
const HOUR = 3_600_000;
const later = (hours: number) => new Date(T0.getTime() + hours * HOUR);
const orgs = [
  { id: 1, name: "Contoso" },
  { id: 2, name: "Fabrikam" },
  { id: 3, name: "Unmapped" },
];

function mappedState(): StateDocument {
  const doc = emptyState(T0, "0d7c6a1e-0000-4000-8000-000000000001");
  for (const org of orgs.slice(0, 2)) {
    doc.mappings.acronis[String(org.id)] = { ninjaOrgId: org.id, ninjaOrgName: org.name, acronisTenantId: `t-${org.id}`, acronisTenantName: org.name, source: "manual", mappedAt: T0.toISOString() };
  }
  return doc;
}

function run(doc: StateDocument, devices: { organizationId: number }[], now: Date) {
  const emptied = emptiedOrgs(doc, orgs, devices, now);
  recordDeviceCounts(doc, deviceCountUpdates(doc, orgDeviceCounts(orgs, devices), now));
  return emptied;
}

const devicesOf = (...orgIds: number[]) => orgIds.map((organizationId) => ({ organizationId }));

describe("organizations NinjaOne lists empty", () => {
  it("takes an empty list for a mapped organization that had devices as a fault, and believes it after a day", () => {
    const doc = mappedState();
    expect(run(doc, devicesOf(1, 1, 2, 3), T0)).toEqual([]);
    expect(run(doc, devicesOf(2, 3), later(1))).toEqual([{ id: 1, name: "Contoso", before: 2 }]);
    expect(run(doc, devicesOf(2, 3), later(20))).toEqual([{ id: 1, name: "Contoso", before: 2 }]);
    expect(run(doc, devicesOf(2, 3), later(26))).toEqual([]);
    expect(doc.cursors["ninjaone.devices:1"]?.cursor).toBe("0");
  });

  it("forgets the fault once the devices are listed again", () => {
    const doc = mappedState();
    run(doc, devicesOf(1, 2), T0);
    run(doc, devicesOf(2), later(1));
    expect(run(doc, devicesOf(1, 2), later(2))).toEqual([]);
    expect(run(doc, devicesOf(2), later(30))).toEqual([{ id: 1, name: "Contoso", before: 1 }]);
  });

  it("never flags an organization that had no devices, nor one no link maps, and writes nothing when no count changed", () => {
    const doc = mappedState();
    run(doc, devicesOf(2, 3), T0);
    expect(run(doc, devicesOf(2), later(1))).toEqual([]);
    expect(doc.cursors["ninjaone.devices:3"]).toBeUndefined();
    expect(deviceCountUpdates(doc, orgDeviceCounts(orgs, devicesOf(2)), later(2))).toEqual([]);
  });
});
