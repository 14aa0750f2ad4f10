import { describe, expect, it } from "vitest";
import { planAutomapJob } from "../../../src/jobs/automap/plan/plan-job.js";
import { planSections, SHOWN } from "../../../src/jobs/automap/plan/sections.js";
import type { TargetEstate } from "../../../src/jobs/shared/estates/target-estate.js";
import { emptyState } from "../../../src/state/index.js";
import { cippEstate, smallNinja } from "./fixtures.js";

const options = { minDevices: 2, minShare: 0.6, minLead: 2 };
const state = emptyState(new Date("2025-01-01T00:00:00Z"), "lineage");

describe("planSections", () => {
  it("shows each proposed link with how it matched and its evidence", () => {
    const [cipp] = planAutomapJob({ ninja: smallNinja(), estates: [cippEstate()], state, options });
    const sections = cipp === undefined ? [] : planSections(cipp);
    expect(sections[0]?.heading).toBe("CIPP: 2 to link, 0 refused; already mapped: 0 organizations and 0 tenants; unmatched: 0 organizations and 0 tenants; 0 tenant devices with no NinjaOne device");
    expect(sections[1]?.table?.rows).toEqual([
      ["Contoso (#1)", "Contoso", "exact name", "same name"],
      ["Tailspin Toys (#2)", "TST Holdings", "devices", "3 of 3 matched devices (100%): serial TSP001, serial TSP002, host tst-03.corp.local"],
    ]);
  });

  it("shows the first unmatched Acronis workloads and counts the rest, which --json lists", () => {
    const estate: TargetEstate = {
      ...cippEstate(),
      service: "acronis",
      devices: Array.from({ length: SHOWN + 4 }, (_, i) => ({ id: `p${i}`, targetId: "m-contoso", name: `VM-${i}`, serial: `VMSERIAL${i}` })),
    };
    const [acronis] = planAutomapJob({ ninja: smallNinja(), estates: [estate], state, options });
    const devices = (acronis === undefined ? [] : planSections(acronis)).find((s) => s.heading.includes("with no NinjaOne device ("));
    expect(devices?.heading).toMatch(new RegExp(`devices with no NinjaOne device \\(${SHOWN + 4}\\)$`));
    expect(devices?.table?.rows).toHaveLength(SHOWN);
    expect(devices?.omitted).toBe(4);
  });

  it("counts Intune devices with no NinjaOne device without listing them, and points to devices unmanaged, while --json keeps them", () => {
    const estate: TargetEstate = {
      ...cippEstate(),
      devices: Array.from({ length: SHOWN + 4 }, (_, i) => ({ id: `p${i}`, targetId: "m-contoso", name: `iPhone-${i}`, serial: `F17PHONE${i}` })),
    };
    const [cipp] = planAutomapJob({ ninja: smallNinja(), estates: [estate], state, options });
    const devices = (cipp === undefined ? [] : planSections(cipp)).find((s) => s.heading.startsWith("Microsoft 365 tenant devices"));
    expect(devices?.heading).toBe(`Microsoft 365 tenant devices with no NinjaOne device: ${SHOWN + 4}`);
    expect(devices?.table).toBeUndefined();
    expect(devices?.lines?.[0]).toContain("ninja-bridge devices unmanaged");
    expect(cipp?.plan.unmatchedDevices).toHaveLength(SHOWN + 4);
  });

  it("lists refusals in full with the competitors named", () => {
    const estate: TargetEstate = {
      ...cippEstate(),
      targets: [...cippEstate().targets, { id: "m-fab1", name: "Fabrikam", domain: "fabrikam.com", enabled: true }, { id: "m-fab2", name: "FABRIKAM", domain: "fabrikam2.com", enabled: true }],
    };
    const ninja = smallNinja();
    ninja.orgs.push({ id: 3, name: "Fabrikam", description: null });
    const [cipp] = planAutomapJob({ ninja, estates: [estate], state, options });
    const refused = (cipp === undefined ? [] : planSections(cipp)).find((s) => s.heading.startsWith("Refused"));
    expect(refused?.lines).toContain('NinjaOne organization "Fabrikam" matches 2 Microsoft 365 tenants by name: "Fabrikam" and "FABRIKAM"');
  });
});
