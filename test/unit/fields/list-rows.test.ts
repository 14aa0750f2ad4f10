import { describe, expect, it } from "vitest";
import { fieldListRows } from "../../../src/jobs/fields/plan/list-rows.js";
import { field } from "./builders.js";

describe("fieldListRows", () => {
  it("says whether a field is global or a role field, and which sources are mapped to it", () => {
    const rows = fieldListRows(
      [
        { ...field("acronisProtectionStatus", "TEXT"), label: "Acronis protection status" },
        { ...field("serverNotes", "TEXT"), label: "Server notes", fieldScope: "NODE_ROLE" },
        { ...field("m365TenantSummary", "WYSIWYG", ["ORGANIZATION"]), label: "M365 summary", fieldScope: null },
      ],
      { mappings: { "acronis.protection-status": "acronisProtectionStatus" }, licensedUsersOnly: false },
    );
    expect(rows.map((r) => [r.label, r.scopes, r.kind, r.mappedFrom])).toEqual([
      ["Acronis protection status", ["device"], "global", ["acronis.protection-status"]],
      ["M365 summary", ["organization"], null, []],
      ["Server notes", ["device"], "role", []],
    ]);
  });

  it("lists only the fields of the scope asked for", () => {
    const rows = fieldListRows([field("a", "TEXT"), field("b", "TEXT", ["ORGANIZATION"])], { mappings: {}, licensedUsersOnly: false }, "organization");
    expect(rows.map((r) => r.name)).toEqual(["b"]);
  });
});
