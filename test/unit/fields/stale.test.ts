import { describe, expect, it } from "vitest";
import { fieldOwners, staleByMapping, staleInBatch, type StaleContext } from "../../../src/jobs/fields/plan/stale.js";

const rec = (scope: "device" | "organization", entityId: number, field: string) => ({ key: `${scope}:${entityId}:${field}`, scope, entityId, field });

const ctx = (mappings: Record<string, string>): StaleContext => ({
  ownersOf: fieldOwners(mappings),
  definitions: new Map([
    ["status", { type: "TEXT", writable: true }],
    ["backup", { type: "DATE_TIME", writable: true }],
    ["summary", { type: "WYSIWYG", writable: true }],
    ["readOnly", { type: "TEXT", writable: false }],
  ]),
  deviceOrg: new Map([
    [11, 1],
    [12, 1],
    [21, 2],
  ]),
  entityName: (scope, id) => `${scope} ${id}`,
});

const MAPPED = { "acronis.protection-status": "status", "acronis.last-backup": "backup", "cipp.tenant-summary": "summary" };

describe("staleByMapping", () => {
  it("clears values of an unmapped source and of organizations no longer linked to the field's service, one action per entity", () => {
    const records = [rec("device", 11, "status"), rec("device", 11, "backup"), rec("organization", 2, "summary"), rec("device", 21, "status"), rec("device", 99, "status"), rec("device", 12, "gone"), rec("device", 12, "readOnly")];
    const linked = { acronis: new Set([2]), cipp: new Set([1]) };
    const { clears, drop } = staleByMapping(records, ctx({ ...MAPPED, "acronis.protection-plan": "readOnly" }), linked, ["acronis", "cipp"]);
    expect(clears).toEqual([
      expect.objectContaining({ scope: "organization", entityId: 2, fields: { summary: "WYSIWYG" }, reason: "the organization is no longer linked to Microsoft 365" }),
      expect.objectContaining({ scope: "device", entityId: 11, fields: { status: "TEXT", backup: "DATE_TIME" }, keys: ["device:11:status", "device:11:backup"] }),
    ]);
    // A field NinjaOne no longer has: nothing to clear, the record goes. A field the API may not write is left.
    expect(drop).toEqual(["device:12:gone"]);
  });

  it("clears every value of a field no source is mapped to, but only in the organizations chosen, and never a service this run does not write", () => {
    const records = [rec("device", 11, "status"), rec("device", 21, "status")];
    const unmapped = staleByMapping(records, ctx({}), { acronis: new Set(), cipp: new Set() }, [], new Set([2]));
    expect(unmapped.clears.map((c) => [c.entityId, c.reason])).toEqual([[21, "no source is mapped to status any more"]]);
    expect(staleByMapping(records, ctx(MAPPED), { acronis: new Set(), cipp: new Set() }, ["cipp"]).clears).toEqual([]);
  });
});

describe("staleInBatch", () => {
  it("clears what a read organization no longer gets, never in an organization whose read failed, and never what is still written", () => {
    const records = [rec("device", 11, "status"), rec("device", 12, "status"), rec("device", 21, "status")];
    const desired = [{ scope: "device" as const, entityId: 12, fields: { status: "OK" } }];
    const { clears } = staleInBatch(records, ctx(MAPPED), { acronis: new Set([1]) }, desired);
    expect(clears).toEqual([expect.objectContaining({ entityId: 11, fields: { status: "TEXT" }, reason: "no Acronis device is paired with it any more" })]);
  });

  it("leaves a field two services' sources share", () => {
    const shared = { "acronis.protection-status": "status", "cipp.device-compliance": "status" };
    expect(staleInBatch([rec("device", 11, "status")], ctx(shared), { acronis: new Set([1]), cipp: new Set([1]) }, []).clears).toEqual([]);
  });
});
