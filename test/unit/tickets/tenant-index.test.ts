import { describe, expect, it } from "vitest";
import type { AcronisAlert } from "../../../src/clients/acronis/alerts.js";
import { TenantIndex } from "../../../src/jobs/tickets/plan/tenant-index.js";

const CONTOSO = "aaaaaaaa-0000-4000-8000-000000000056";
const FABRIKAM = "aaaaaaaa-0000-4000-8000-000000000057";
const UNMAPPED = "aaaaaaaa-0000-4000-8000-000000000099";

/** Only the tenant fields matter to the index. */
function alert(tenantId: string, tenantUuid: string | null = null, tenantLocator: string | null = null): AcronisAlert {
  return { tenantId, tenantUuid, tenantLocator } as AcronisAlert;
}

describe("TenantIndex learning numeric ids", () => {
  it("learns a mapped tenant's numeric id from an alert that carries its UUID, in any letter case", () => {
    const index = new TenantIndex(new Set([CONTOSO, FABRIKAM]));
    index.learnFromAlerts([alert("56", CONTOSO.toUpperCase()), alert("57", null)]);
    expect(index.newlyLearned()).toEqual({ [CONTOSO]: "56" });
    expect(index.unknownTenants()).toEqual([FABRIKAM]);
  });

  it("does not learn the ids of tenants that are not mapped", () => {
    const index = new TenantIndex(new Set([CONTOSO]));
    index.learnFromAlerts([alert("99", UNMAPPED)]);
    index.learn("98", UNMAPPED);
    expect(index.newlyLearned()).toEqual({});
    expect(index.mappedTenantOf(alert("99"))).toBeUndefined();
  });

  it("lists the mapped tenants still unknown, sorted, until a workload lookup fills them in", () => {
    const index = new TenantIndex(new Set([FABRIKAM, CONTOSO]));
    expect(index.unknownTenants()).toEqual([CONTOSO, FABRIKAM]);
    index.learn("57", FABRIKAM);
    expect(index.unknownTenants()).toEqual([CONTOSO]);
  });

  it("hands back an id that changed since the state file kept it", () => {
    const index = new TenantIndex(new Set([CONTOSO]), new Map([[CONTOSO, "56"]]));
    index.learn("156", CONTOSO);
    expect(index.newlyLearned()).toEqual({ [CONTOSO]: "156" });
  });
});

describe("TenantIndex placing alerts", () => {
  it("places an alert by its own UUID when that tenant is mapped, with no numeric id known", () => {
    const index = new TenantIndex(new Set([CONTOSO]));
    expect(index.mappedTenantOf(alert("56", CONTOSO.toUpperCase()))).toBe(CONTOSO);
  });

  it("places an alert of a unit below a customer at the nearest mapped ancestor in its locator", () => {
    const index = new TenantIndex(new Set([CONTOSO, FABRIKAM]));
    index.learn("50", FABRIKAM);
    index.learn("56", CONTOSO);
    // The unit's own UUID is not mapped, so the walk starts at its id and goes up: 90, 56, 50, 1.
    expect(index.mappedTenantOf(alert("90", UNMAPPED, "/1/50/56/90/"))).toBe(CONTOSO);
    expect(index.mappedTenantOf(alert("91", null, "/1/50/91/"))).toBe(FABRIKAM);
  });

  it("leaves an alert unplaced when neither its id nor any ancestor is mapped", () => {
    const index = new TenantIndex(new Set([CONTOSO]));
    index.learn("56", CONTOSO);
    expect(index.mappedTenantOf(alert("77", null, "/1/50/77/"))).toBeUndefined();
    expect(index.mappedTenantOf(alert("77", null, null))).toBeUndefined();
  });

  it("says whether every alert can be placed without a lookup", () => {
    const index = new TenantIndex(new Set([CONTOSO, FABRIKAM]));
    index.learn("56", CONTOSO);
    const placed = [alert("56"), alert("90", null, "/1/56/90/"), alert("57", FABRIKAM)];
    expect(index.placesAll(placed)).toBe(true);
    expect(index.placesAll([...placed, alert("57")])).toBe(false);
    expect(index.placesAll([])).toBe(true);
  });
});
