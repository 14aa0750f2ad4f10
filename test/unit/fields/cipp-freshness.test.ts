import { describe, expect, it } from "vitest";
import { cippCursorName, freshCippTenants, recordCippReads } from "../../../src/jobs/fields/plan/cipp-freshness.js";
import { emptyState } from "../../../src/state/schema.js";

const NOW = new Date("2026-11-23T12:00:00Z");
const cursor = (tenant: string, at: string) => ({ [cippCursorName(tenant)]: { name: cippCursorName(tenant), cursor: at, updatedAt: at } });

describe("freshCippTenants", () => {
  it("holds tenants read inside the window and not those read before it", () => {
    const cursors = { ...cursor("t-recent", "2026-11-23T09:00:00.000Z"), ...cursor("t-old", "2026-11-23T05:59:59.000Z") };
    expect(freshCippTenants(cursors, ["t-recent", "t-old", "t-never"], NOW, 360)).toEqual(new Set(["t-recent"]));
  });

  it("holds none with a window of 0, and none read in the future (a clock set back)", () => {
    const cursors = { ...cursor("t-recent", "2026-11-23T11:00:00.000Z"), ...cursor("t-future", "2026-11-23T13:00:00.000Z") };
    expect(freshCippTenants(cursors, ["t-recent"], NOW, 0)).toEqual(new Set());
    expect(freshCippTenants(cursors, ["t-future"], NOW, 360)).toEqual(new Set());
  });
});

describe("recordCippReads", () => {
  it("records the tenants read, except one whose organization or a device of it had a failed write", () => {
    const draft = emptyState(NOW, "lineage");
    recordCippReads(
      draft,
      [
        { tenantId: "T-A", orgId: 1 },
        { tenantId: "t-b", orgId: 2 },
        { tenantId: "t-c", orgId: 3 },
      ],
      [
        { scope: "device", entityId: 20, fields: ["intuneComplianceState"], reason: "HTTP 400" },
        { scope: "organization", entityId: 3, fields: ["m365TenantSummary"], reason: "HTTP 400" },
      ],
      { "20": 2 },
      NOW,
    );
    expect(Object.keys(draft.cursors)).toEqual([cippCursorName("t-a")]);
    expect(draft.cursors[cippCursorName("t-a")]).toEqual({ name: "fields.cipp:t-a", cursor: NOW.toISOString(), updatedAt: NOW.toISOString() });
  });
});
