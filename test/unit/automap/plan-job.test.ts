import { describe, expect, it } from "vitest";
import { planAutomapJob } from "../../../src/jobs/automap/plan/plan-job.js";
import { matcherDevices } from "../../../src/jobs/shared/devices/device.js";
import { emptyState, type StateDocument } from "../../../src/state/index.js";
import { cippEstate, clientDevice, smallNinja } from "./fixtures.js";

const options = { minDevices: 2, minShare: 0.6, minLead: 2 };

function state(mutate: (doc: StateDocument) => void = () => undefined): StateDocument {
  const doc = emptyState(new Date("2025-01-01T00:00:00Z"), "lineage");
  mutate(doc);
  return doc;
}

describe("planAutomapJob", () => {
  it("proposes name and device links and records the M365 tenant by its default domain", () => {
    const [cipp] = planAutomapJob({ ninja: smallNinja(), estates: [cippEstate()], state: state(), options });
    expect(cipp?.pending).toEqual([
      { service: "cipp", orgId: 1, orgName: "Contoso", targetId: "m-contoso", targetName: "contoso.onmicrosoft.com" },
      { service: "cipp", orgId: 2, orgName: "Tailspin Toys", targetId: "m-tst", targetName: "tst.onmicrosoft.com" },
    ]);
  });

  it("matches a NinjaOne device that has no systemName by its DNS name", () => {
    const [cipp] = planAutomapJob({ ninja: smallNinja(), estates: [cippEstate()], state: state(), options });
    const tailspin = cipp?.plan.actions.find((a) => a.kind === "link" && a.org.id === 2);
    expect(tailspin).toMatchObject({ evidence: { by: "devices", devices: 3, bySerial: 2, byHostname: 1 } });
  });

  it("names a device without a systemName by its DNS name in reports", () => {
    expect(matcherDevices([clientDevice(9, 1, null, "X1234", "nas01.corp.local")])[0]).toMatchObject({ systemName: "nas01.corp.local" });
  });

  it("gives a device with neither systemName nor DNS name an empty name that matches nothing", () => {
    expect(matcherDevices([clientDevice(9, 1, null, "X1234")])[0]).toMatchObject({ systemName: "", dnsName: null });
  });

  it("never proposes what the state file already maps, on either side", () => {
    const mapped = state((doc) => {
      doc.mappings.m365["1"] = { ninjaOrgId: 1, ninjaOrgName: "Contoso", m365TenantId: "m-contoso", m365DefaultDomain: "contoso.onmicrosoft.com", source: "manual", mappedAt: "2025-01-01T00:00:00.000Z" };
    });
    const [cipp] = planAutomapJob({ ninja: smallNinja(), estates: [cippEstate()], state: mapped, options });
    expect(cipp?.pending.map((p) => p.orgId)).toEqual([2]);
    expect(cipp?.plan.summary.skip).toBe(2);
  });

  it("reads an Acronis mapping as no obstacle to the same organization's Microsoft 365 link", () => {
    const mapped = state((doc) => {
      doc.mappings.acronis["1"] = { ninjaOrgId: 1, ninjaOrgName: "Contoso", acronisTenantId: "a-1", acronisTenantName: "Contoso", source: "manual", mappedAt: "2025-01-01T00:00:00.000Z" };
    });
    const [cipp] = planAutomapJob({ ninja: smallNinja(), estates: [cippEstate()], state: mapped, options });
    expect(cipp?.pending.map((p) => p.orgId)).toEqual([1, 2]);
  });

  it("names the tenants whose devices could not be read", () => {
    const estate = { ...cippEstate(), unreadable: [{ targetId: "m-tst", reason: "Graph said 403" }] };
    const [cipp] = planAutomapJob({ ninja: smallNinja(), estates: [estate], state: state(), options });
    expect(cipp?.unreadable).toEqual([{ targetId: "m-tst", targetName: "TST Holdings", reason: "Graph said 403" }]);
  });
});
