import { describe, expect, it } from "vitest";
import { canonicalJson, fieldHashCache, hashFieldValue, planFieldWrites, type DesiredEntityFields, type FieldHashEntry, type FieldWriteAction } from "../../../src/jobs/fields/plan/index.js";

const device: DesiredEntityFields = {
  scope: "device",
  entityId: 1234,
  entityName: "DESKTOP-AB12",
  fields: { acronisProtectionStatus: "OK", acronisLastBackup: 1767578448000, m365DeviceSummary: { html: "<p>x</p>" } },
};
const org: DesiredEntityFields = { scope: "organization", entityId: 42, fields: { m365TenantSummary: { html: "<p>12 users</p>" } } };

/** The cache as the state file holds it after every planned write succeeded. */
function recorded(...actions: FieldWriteAction[]): FieldHashEntry[] {
  return actions.flatMap((a) => (a.kind === "write" ? a.record : []));
}

describe("hashFieldValue", () => {
  it("gives equal values the same short hash whatever their key order", () => {
    expect(canonicalJson({ b: 1, a: { d: [1, "x"], c: null } })).toBe('{"a":{"c":null,"d":[1,"x"]},"b":1}');
    expect(hashFieldValue({ html: "<p>a</p>" })).toBe(hashFieldValue(JSON.parse('{"html":"<p>a</p>"}') as { html: string }));
    expect(hashFieldValue("OK")).toMatch(/^[0-9a-f]{16}$/);
  });

  it("tells apart values that differ only in type", () => {
    expect(hashFieldValue("1767578448000")).not.toBe(hashFieldValue(1767578448000));
  });
});

describe("planFieldWrites", () => {
  it("writes every field of every entity on the first run, organizations first, one PATCH each", () => {
    const plan = planFieldWrites([device, org], new Map());
    expect(plan.actions.map((a) => [a.kind, a.scope, a.entityId])).toEqual([
      ["write", "organization", 42],
      ["write", "device", 1234],
    ]);
    expect(plan.actions[1]).toMatchObject({
      kind: "write",
      entityName: "DESKTOP-AB12",
      fields: device.fields,
      reason: "3 fields not written before (acronisLastBackup, acronisProtectionStatus, m365DeviceSummary)",
    });
    expect(plan.counts).toEqual({ entitiesWritten: 2, entitiesUnchanged: 0, fieldsWritten: 4, fieldsUnchanged: 0 });
  });

  it("records one hash per written field under a key of scope, entity and field name", () => {
    const [write] = planFieldWrites([org], new Map()).actions;
    expect(write?.kind === "write" && write.record).toEqual([
      { key: "organization:42:m365TenantSummary", scope: "organization", entityId: 42, field: "m365TenantSummary", hash: hashFieldValue({ html: "<p>12 users</p>" }) },
    ]);
  });

  it("writes nothing when no value changed since the last write", () => {
    const first = planFieldWrites([device, org], new Map());
    const second = planFieldWrites([device, org], fieldHashCache(recorded(...first.actions)));
    expect(second.actions.filter((a) => a.kind !== "skip")).toEqual([]);
    expect(second.actions[1]).toEqual({
      kind: "skip",
      scope: "device",
      entityId: 1234,
      entityName: "DESKTOP-AB12",
      unchanged: ["acronisLastBackup", "acronisProtectionStatus", "m365DeviceSummary"],
      reason: "no change since the last write (3 fields)",
    });
    expect(second.counts).toEqual({ entitiesWritten: 0, entitiesUnchanged: 2, fieldsWritten: 0, fieldsUnchanged: 4 });
  });

  it("sends one PATCH carrying only the one field that changed", () => {
    const cache = fieldHashCache(recorded(...planFieldWrites([device, org], new Map()).actions));
    const later = { ...device, fields: { ...device.fields, acronisProtectionStatus: "Error" } };
    const plan = planFieldWrites([later, org], cache);
    const writes = plan.actions.filter((a) => a.kind === "write");
    expect(writes).toEqual([
      {
        kind: "write",
        scope: "device",
        entityId: 1234,
        entityName: "DESKTOP-AB12",
        fields: { acronisProtectionStatus: "Error" },
        changed: ["acronisProtectionStatus"],
        unchanged: ["acronisLastBackup", "m365DeviceSummary"],
        reason: "1 field changed (acronisProtectionStatus)",
        record: [{ key: "device:1234:acronisProtectionStatus", scope: "device", entityId: 1234, field: "acronisProtectionStatus", hash: hashFieldValue("Error") }],
      },
    ]);
    expect(plan.counts).toEqual({ entitiesWritten: 1, entitiesUnchanged: 1, fieldsWritten: 1, fieldsUnchanged: 3 });
  });

  it("writes a newly mapped field alone next to unchanged ones", () => {
    const cache = fieldHashCache(recorded(...planFieldWrites([org], new Map()).actions));
    const plan = planFieldWrites([{ ...org, fields: { ...org.fields, m365TenantLinks: { html: "<ul></ul>" } } }], cache);
    expect(plan.actions[0]).toMatchObject({ kind: "write", fields: { m365TenantLinks: { html: "<ul></ul>" } }, reason: "1 field not written before (m365TenantLinks)" });
  });

  it("rewrites every field with full, saying which were unchanged", () => {
    const cache = fieldHashCache(recorded(...planFieldWrites([device], new Map()).actions));
    const plan = planFieldWrites([device], cache, { full: true });
    expect(plan.actions[0]).toMatchObject({
      kind: "write",
      fields: device.fields,
      changed: [],
      reason: "--full rewrites 3 unchanged fields (acronisLastBackup, acronisProtectionStatus, m365DeviceSummary)",
    });
    expect(plan.actions[0]?.kind === "write" && plan.actions[0].record).toHaveLength(3);
    expect(plan.counts).toEqual({ entitiesWritten: 1, entitiesUnchanged: 0, fieldsWritten: 3, fieldsUnchanged: 0 });
  });

  it("keeps a failed write pending: nothing recorded means it is planned again", () => {
    const first = planFieldWrites([device, org], new Map());
    const onlyOrgLanded = fieldHashCache(recorded(...first.actions.filter((a) => a.scope === "organization")));
    const retry = planFieldWrites([device, org], onlyOrgLanded);
    expect(retry.actions.filter((a) => a.kind === "write").map((a) => a.entityId)).toEqual([1234]);
  });

  it("merges Acronis and CIPP fields of one device into one PATCH", () => {
    const acronis: DesiredEntityFields = { scope: "device", entityId: 7, fields: { acronisProtectionStatus: "OK" } };
    const cipp: DesiredEntityFields = { scope: "device", entityId: 7, entityName: "PC7", fields: { m365DeviceCompliance: "Compliant" } };
    const plan = planFieldWrites([acronis, cipp], new Map());
    expect(plan.actions).toHaveLength(1);
    expect(plan.actions[0]).toMatchObject({ entityName: "PC7", fields: { acronisProtectionStatus: "OK", m365DeviceCompliance: "Compliant" } });
  });

  it("keeps a device and an organization with the same id apart", () => {
    const sameId: DesiredEntityFields = { scope: "device", entityId: 42, fields: { m365TenantSummary: { html: "<p>12 users</p>" } } };
    const cache = fieldHashCache(recorded(...planFieldWrites([org], new Map()).actions));
    expect(planFieldWrites([sameId], cache).actions[0]?.kind).toBe("write");
  });

  it("plans nothing for an entity with no fields to write", () => {
    expect(planFieldWrites([{ scope: "device", entityId: 9, fields: {} }], new Map()).actions).toEqual([]);
  });
});
