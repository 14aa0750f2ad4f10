import { describe, expect, it } from "vitest";
import { planFieldWrites, fieldHashCache } from "../../../src/jobs/fields/plan/index.js";
import { orderOrgs, orderWrites } from "../../../src/jobs/fields/plan/write-order.js";
import { hashFieldValue } from "../../../src/jobs/fields/plan/value-hash.js";

const record = (scope: "device" | "organization", entityId: number, writtenAt: string, field = "status", hash = "0000000000000000") => ({ key: `${scope}:${entityId}:${field}`, scope, entityId, field, hash, writtenAt });

describe("orderWrites", () => {
  it("sends the entity written longest ago first, never written before all, and keeps the plan's order on ties", () => {
    const records = [record("device", 1, "2026-12-06T10:00:00Z"), record("device", 2, "2026-12-05T10:00:00Z"), record("device", 3, "2026-12-06T10:00:00Z")];
    const plan = planFieldWrites(
      [1, 2, 3, 4, 5].map((id) => ({ scope: "device" as const, entityId: id, fields: { status: `now ${id}` } })),
      fieldHashCache(records),
    );
    expect(orderWrites(plan.actions, records).map((a) => a.entityId)).toEqual([4, 5, 2, 1, 3]);
  });

  it("takes an entity's newest write as its age: a value left by a cut run goes before one that run wrote", () => {
    // Device 1 had one field written in the last run and one long ago; device 2 was left by the last run.
    const records = [record("device", 1, "2026-12-01T00:00:00Z", "a"), record("device", 1, "2026-12-06T12:00:00Z", "b"), record("device", 2, "2026-12-05T12:00:00Z", "a")];
    const plan = planFieldWrites(
      [1, 2].map((id) => ({ scope: "device" as const, entityId: id, fields: { a: `new ${id}` } })),
      fieldHashCache(records),
    );
    expect(orderWrites(plan.actions, records).map((a) => a.entityId)).toEqual([2, 1]);
  });

  it("sends changed values before values rewritten only for --full", () => {
    // Device 1 (written long ago) is unchanged and rewritten only because of --full; device 2 changed.
    const records = [record("device", 1, "2026-11-01T00:00:00Z", "status", hashFieldValue("same")), record("device", 2, "2026-12-06T00:00:00Z", "status", hashFieldValue("old"))];
    const plan = planFieldWrites(
      [
        { scope: "device", entityId: 1, fields: { status: "same" } },
        { scope: "device", entityId: 2, fields: { status: "new" } },
      ],
      fieldHashCache(records),
      { full: true },
    );
    expect(orderWrites(plan.actions, records).map((a) => a.entityId)).toEqual([2, 1]);
  });
});

describe("orderOrgs", () => {
  it("takes first the organizations whose values landed longest ago or never, devices counting for their organization", () => {
    const devices = [
      { id: 10, organizationId: 1 },
      { id: 20, organizationId: 2 },
    ];
    const records = [record("device", 10, "2026-12-06T12:00:00Z"), record("device", 20, "2026-12-05T12:00:00Z"), record("organization", 3, "2026-12-06T11:00:00Z")];
    expect(orderOrgs([1, 2, 3, 4, 5], records, devices)).toEqual([4, 5, 2, 3, 1]);
  });

  it("keeps id order without records", () => {
    expect(orderOrgs([5, 1, 3], [], [])).toEqual([1, 3, 5]);
  });
});
