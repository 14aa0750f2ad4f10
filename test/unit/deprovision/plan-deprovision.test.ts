import { describe, expect, it } from "vitest";
import { planDeprovision, type DeprovisionPlanInput, type DeprovisionTenant } from "../../../src/jobs/deprovision/plan/plan-deprovision.js";
import type { StateDocument } from "../../../src/state/index.js";
import { AT, doc, mapAcronis } from "../provision/builders.js";
import { recordExclusion } from "../../../src/jobs/shared/exclusions.js";

const NOW = new Date("2026-03-01T00:00:00.000Z");
const RULES = { deleteAfterDays: 30, maxDisables: 5, allowDeletes: true };

function tenant(id: string, enabled: boolean, updatedAt: string | null = null): [string, DeprovisionTenant] {
  return [id, { id, name: `Tenant ${id}`, enabled, updatedAt }];
}

function disabledRecord(d: StateDocument, orgId: number, tenantId: string, disabledAt: string): void {
  d.provisioning[String(orgId)] = {
    ninjaOrgId: orgId,
    ninjaOrgName: `Org ${orgId}`,
    acronisTenantId: tenantId,
    acronisTenantName: `Tenant ${tenantId}`,
    origin: "provisioned",
    status: "disabled",
    steps: { tenant: AT },
    createdAt: AT,
    disabledAt,
  };
}

function plan(parts: Partial<DeprovisionPlanInput>) {
  return planDeprovision({ orgs: [{ id: 1, name: "Org 1" }], state: doc(), tenants: new Map(), rules: RULES, now: NOW, ...parts });
}

function kinds(parts: Partial<DeprovisionPlanInput>): string[] {
  return plan(parts).actions.map((a) => `${a.org.id}:${a.kind}`);
}

describe("planDeprovision", () => {
  const twoMapped = doc((d) => {
    mapAcronis(d, 1, "Org 1", "t1", "Tenant t1");
    mapAcronis(d, 2, "Org 2", "t2", "Tenant t2");
  });

  it("disables the enabled customer of a mapped organization gone from NinjaOne and leaves the others alone", () => {
    expect(kinds({ state: twoMapped, tenants: new Map([tenant("t1", true), tenant("t2", true)]) })).toEqual(["2:disable"]);
  });

  it("deletes a customer disabled at least deleteAfterDays ago, and waits before that", () => {
    const state = doc((d) => {
      mapAcronis(d, 2, "Org 2", "t2", "Tenant t2");
      mapAcronis(d, 3, "Org 3", "t3", "Tenant t3");
      disabledRecord(d, 2, "t2", "2026-01-30T00:00:00.000Z");
      disabledRecord(d, 3, "t3", "2026-02-15T00:00:00.000Z");
    });
    const result = plan({ state, tenants: new Map([tenant("t2", false), tenant("t3", false)]) });
    expect(result.actions.map((a) => `${a.org.id}:${a.kind}`)).toEqual(["2:delete", "3:wait"]);
    expect(result.actions[1]).toMatchObject({ deleteFrom: "2026-03-17T00:00:00.000Z" });
  });

  it("never deletes while deleting is off", () => {
    const state = doc((d) => {
      mapAcronis(d, 2, "Org 2", "t2", "Tenant t2");
      disabledRecord(d, 2, "t2", "2025-01-01T00:00:00.000Z");
    });
    expect(kinds({ state, tenants: new Map([tenant("t2", false)]), rules: { ...RULES, deleteAfterDays: null } })).toEqual(["2:wait"]);
  });

  it("holds a due delete when deletes are not confirmed", () => {
    const state = doc((d) => {
      mapAcronis(d, 2, "Org 2", "t2", "Tenant t2");
      disabledRecord(d, 2, "t2", "2025-01-01T00:00:00.000Z");
    });
    expect(kinds({ state, tenants: new Map([tenant("t2", false)]), rules: { ...RULES, allowDeletes: false } })).toEqual(["2:hold"]);
  });

  it("takes the disable time of a customer disabled without a record from the tenant's own update time", () => {
    const state = doc((d) => mapAcronis(d, 2, "Org 2", "t2", "Tenant t2"));
    const result = plan({ state, tenants: new Map([tenant("t2", false, "2026-01-01T00:00:00.000Z")]) });
    expect(result.actions).toMatchObject([{ kind: "delete", disabledAt: "2026-01-01T00:00:00.000Z", recordDisabled: true }]);
  });

  it("re-enables the customer it disabled when the organization is back in NinjaOne", () => {
    const state = doc((d) => {
      mapAcronis(d, 1, "Org 1", "t1", "Tenant t1");
      disabledRecord(d, 1, "t1", "2026-02-20T00:00:00.000Z");
    });
    expect(kinds({ state, tenants: new Map([tenant("t1", false)]) })).toEqual(["1:reenable"]);
  });

  it("reports a mapped customer Acronis no longer has, and changes nothing about it", () => {
    expect(kinds({ state: twoMapped, tenants: new Map([tenant("t1", true)]) })).toEqual(["2:gone"]);
  });

  it("stops when NinjaOne lists no organizations", () => {
    const result = plan({ orgs: [], state: twoMapped, tenants: new Map([tenant("t1", true), tenant("t2", true)]) });
    expect(result.stop?.reason).toContain("no organizations");
    expect(result.actions.map((a) => a.kind)).toEqual(["disable", "disable"]);
  });

  it("stops when more customers would be disabled than the limit, and names the flag that raises it", () => {
    const state = doc((d) => {
      for (let id = 2; id <= 4; id++) mapAcronis(d, id, `Org ${id}`, `t${id}`, `Tenant t${id}`);
    });
    const tenants = new Map([tenant("t2", true), tenant("t3", true), tenant("t4", true)]);
    expect(plan({ state, tenants, rules: { ...RULES, maxDisables: 2 } }).stop).toMatchObject({
      reason: "3 customers would be disabled, more than the limit of 2 per run",
      hint: expect.stringContaining("--max-deprovision 3"),
    });
    expect(plan({ state, tenants, rules: { ...RULES, maxDisables: 3 } }).stop).toBeUndefined();
  });

  it("leaves a customer alone whose organization is excluded from deprovision", () => {
    const state = doc((d) => {
      mapAcronis(d, 1, "Org 1", "t1", "Tenant t1");
      mapAcronis(d, 2, "Org 2", "t2", "Tenant t2");
      recordExclusion(d, { id: 2, name: "Org 2" }, ["deprovision"], AT);
    });
    expect(kinds({ state, tenants: new Map([tenant("t1", true), tenant("t2", true)]) })).toEqual([]);
  });
});
