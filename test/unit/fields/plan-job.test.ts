import { describe, expect, it } from "vitest";
import { chooseServices, mergePlans, orgBatches, skippedPlan, type FieldsBasis, type FieldsSyncPlan } from "../../../src/jobs/fields/plan/plan-job.js";
import type { FieldsJobSettings } from "../../../src/jobs/fields/settings.js";
import type { Link } from "../../../src/jobs/shared/mappings.js";

function settings(extra: Partial<FieldsJobSettings> = {}): FieldsJobSettings {
  return { mappings: { "acronis.protection-status": "status" }, licensedUsersOnly: false, source: "all", full: false, cippFreshForMinutes: 0, configured: ["acronis", "cipp"], profile: "acme", forgetAfterDays: 30, ...extra };
}

function link(service: Link["service"], orgId: number): Link {
  return { service, orgId, orgName: `org ${orgId}`, targetId: `t-${orgId}`, targetName: `tenant ${orgId}` } as Link;
}

function basis(acronis: number[], cipp: number[]): FieldsBasis {
  return { acronisLinks: acronis.map((id) => link("acronis", id)), cippLinks: cipp.map((id) => link("cipp", id)), devices: [] as FieldsBasis["devices"] } as FieldsBasis;
}

describe("chooseServices", () => {
  it("writes the mapped, chosen and configured services", () => {
    expect(chooseServices(settings())).toEqual({ services: ["acronis"], notConfigured: [] });
  });

  it("says why there is nothing to do, from the settings alone", () => {
    expect((chooseServices(settings({ source: "cipp" })) as FieldsSyncPlan).skippedBecause).toMatch(/^no cipp source is mapped/);
    const unconfigured = chooseServices(settings({ configured: ["cipp"] })) as FieldsSyncPlan;
    expect(unconfigured.skippedBecause).toBe('acronis is not configured in profile "acme"');
    expect(unconfigured.notConfigured).toEqual(["acronis"]);
  });
});

describe("orgBatches", () => {
  it("cuts the linked organizations into batches by id, each organization once", () => {
    expect(orgBatches(basis([5, 1, 3], [3, 2]), 2)).toEqual([[1, 2], [3, 5]]);
  });

  it("keeps one batch without a size, and one empty batch with no organization", () => {
    expect(orgBatches(basis([5, 1], [2]), undefined)).toEqual([[1, 2, 5]]);
    expect(orgBatches(basis([], []), 2)).toEqual([[]]);
  });

  it("puts first the organizations whose values landed longest ago, so those a cut run did not reach lead the next", () => {
    const written = (org: number, writtenAt: string) => ({ key: `organization:${org}:f`, scope: "organization" as const, entityId: org, field: "f", hash: "0000000000000000", writtenAt });
    const records = [written(1, "2026-12-06T12:00:00Z"), written(2, "2026-12-06T12:00:00Z"), written(3, "2026-12-05T12:00:00Z"), written(5, "2026-12-05T12:00:00Z")];
    expect(orgBatches(basis([5, 1, 3], [3, 2]), 2, records)).toEqual([[3, 5], [1, 2]]);
  });
});

describe("mergePlans", () => {
  it("leaves one plan as it is and adds up several", () => {
    const one = { ...skippedPlan(false, "x"), skippedBecause: undefined } as FieldsSyncPlan;
    expect(mergePlans([one])).toBe(one);
    const a = { ...one, cippFresh: 2, orgs: [{ service: "cipp" as const, id: 1, name: "A", target: "a" }], writes: { actions: [], counts: { entitiesWritten: 1, entitiesUnchanged: 2, fieldsWritten: 3, fieldsUnchanged: 4 } } };
    const b = { ...a, cippFresh: 0, orgs: [{ service: "cipp" as const, id: 2, name: "B", target: "b" }] };
    const merged = mergePlans([a, b]);
    expect(merged.orgs.map((o) => o.id)).toEqual([1, 2]);
    expect(merged.cippFresh).toBe(2);
    expect(merged.writes.counts).toEqual({ entitiesWritten: 2, entitiesUnchanged: 4, fieldsWritten: 6, fieldsUnchanged: 8 });
  });
});
