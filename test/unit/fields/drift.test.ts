import { describe, expect, it } from "vitest";
import { checkMappedFields } from "../../../src/jobs/fields/plan/index.js";
import { definition } from "./definitions.js";

const mapped = [
  { sourceId: "acronis.last-backup", fieldName: "acronisLastBackup" },
  { sourceId: "cipp.tenant-summary", fieldName: "m365TenantSummary" },
];
const healthy = [definition(), definition({ name: "m365TenantSummary", label: "M365 summary", type: "WYSIWYG", scopes: ["ORGANIZATION"] })];

describe("checkMappedFields", () => {
  it("finds nothing when every mapped field still fits", () => {
    expect(checkMappedFields(mapped, healthy)).toEqual([]);
  });

  it("reports a mapped field that was deleted", () => {
    expect(checkMappedFields(mapped, healthy.slice(1))).toEqual([
      {
        sourceId: "acronis.last-backup",
        fieldName: "acronisLastBackup",
        problem: "deleted",
        reason: "field acronisLastBackup, mapped to Acronis last backup, no longer exists in NinjaOne",
        fix: "Map acronis.last-backup to another field, or run `fields unmap acronis.last-backup`.",
      },
    ]);
  });

  it("reports a mapped field that was retyped", () => {
    const findings = checkMappedFields(mapped, [definition({ type: "TEXT" }), ...healthy.slice(1)]);
    expect(findings.map((f) => [f.sourceId, f.problem])).toEqual([["acronis.last-backup", "type"]]);
  });

  it("reports a mapped field that lost API write permission", () => {
    const findings = checkMappedFields(mapped, [healthy[0]!, { ...healthy[1]!, apiPermission: "READ_ONLY" }]);
    expect(findings.map((f) => [f.fieldName, f.problem])).toEqual([["m365TenantSummary", "permission"]]);
  });

  it("reports a mapping whose source this version does not know", () => {
    const findings = checkMappedFields([{ sourceId: "acronis.cyberfit-score", fieldName: "acronisLastBackup" }], healthy);
    expect(findings).toMatchObject([{ problem: "unknown-source", fix: "Remove it with `fields unmap acronis.cyberfit-score`." }]);
  });
});
