import { describe, expect, it } from "vitest";
import type { AcronisAlert } from "../../../src/clients/acronis/alerts.js";
import { TenantIndex } from "../../../src/jobs/tickets/plan/tenant-index.js";

const CONTOSO = "aaaaaaaa-0000-4000-8000-000000000001";
const FABRIKAM = "aaaaaaaa-0000-4000-8000-000000000002";

function alert(tenantId: string, tenantUuid: string | null, tenantLocator: string | null = null): AcronisAlert {
  return { tenantId, tenantUuid, tenantLocator } as AcronisAlert;
}

describe("TenantIndex with numeric ids kept from earlier runs", () => {
  it("places alerts by the numeric ids the state file kept, with nothing left to look up", () => {
    const index = new TenantIndex(new Set([CONTOSO, FABRIKAM]), new Map([[CONTOSO, "56"], [FABRIKAM, "57"]]));
    expect(index.unknownTenants()).toEqual([]);
    expect(index.mappedTenantOf(alert("57", null, "/1/50/57/"))).toBe(FABRIKAM);
    expect(index.mappedTenantOf(alert("90", null, "/1/50/56/90/"))).toBe(CONTOSO);
    expect(index.newlyLearned()).toEqual({});
  });

  it("hands back only the ids this run learned, for the state file to keep", () => {
    const index = new TenantIndex(new Set([CONTOSO, FABRIKAM]), new Map([[CONTOSO, "56"]]));
    index.learnFromAlerts([alert("57", FABRIKAM.toUpperCase())]);
    expect(index.newlyLearned()).toEqual({ [FABRIKAM]: "57" });
  });

  it("ignores a kept id of a tenant that is no longer mapped", () => {
    const index = new TenantIndex(new Set([CONTOSO]), new Map([[FABRIKAM, "57"]]));
    expect(index.mappedTenantOf(alert("57", null))).toBeUndefined();
    expect(index.unknownTenants()).toEqual([CONTOSO]);
  });
});
