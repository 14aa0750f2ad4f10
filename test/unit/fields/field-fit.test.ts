import { describe, expect, it } from "vitest";
import { checkFieldFit, fieldsThatFit, findSource, resolveField, type FieldSource } from "../../../src/jobs/fields/plan/index.js";
import { definition } from "./definitions.js";

function source(id: string): FieldSource {
  const found = findSource(id);
  if (found === undefined) throw new Error(`no source ${id}`);
  return found;
}

const lastBackup = source("acronis.last-backup");
const tenantSummary = source("cipp.tenant-summary");

function problems(fit: ReturnType<typeof checkFieldFit>): string[] {
  return fit.ok ? [] : fit.refusals.map((r) => r.problem);
}

describe("checkFieldFit", () => {
  it("accepts an active read/write DATE_TIME device field for the last backup", () => {
    expect(checkFieldFit(lastBackup, definition())).toEqual({ ok: true });
  });

  it("accepts a DATE field for a time too", () => {
    expect(checkFieldFit(lastBackup, definition({ type: "DATE" })).ok).toBe(true);
  });

  it("accepts a field defined for both devices and organizations", () => {
    expect(checkFieldFit(tenantSummary, definition({ type: "WYSIWYG", scopes: ["NODE", "ORGANIZATION"] })).ok).toBe(true);
  });

  it("refuses a field of the wrong type, naming the types that fit", () => {
    const fit = checkFieldFit(lastBackup, definition({ type: "TEXT" }));
    expect(fit).toEqual({
      ok: false,
      refusals: [
        {
          problem: "type",
          reason: 'field "Acronis last backup" (acronisLastBackup) is of type TEXT; Acronis last backup needs DATE_TIME or DATE',
          fix: "Map a DATE_TIME or DATE field, or create one in NinjaOne.",
        },
      ],
    });
  });

  it("refuses a device field for an organization source, with the scope it needs", () => {
    const fit = checkFieldFit(tenantSummary, definition({ type: "WYSIWYG", scopes: ["NODE"] }));
    expect(problems(fit)).toEqual(["scope"]);
    expect(fit.ok ? "" : fit.refusals[0]?.reason).toContain("needs ORGANIZATION");
  });

  it.each(["READ_ONLY", "WRITE_ONLY", "NONE"])("refuses API permission %s and asks for READ_WRITE", (permission) => {
    const fit = checkFieldFit(lastBackup, definition({ apiPermission: permission }));
    expect(problems(fit)).toEqual(["permission"]);
    expect(fit.ok ? "" : fit.refusals[0]?.fix).toBe("Set the field's API permission to Read/Write (READ_WRITE) in NinjaOne.");
  });

  it("refuses an inactive field", () => {
    expect(problems(checkFieldFit(lastBackup, definition({ active: false })))).toEqual(["inactive"]);
  });

  it("lists every reason at once when several facts do not fit", () => {
    const fit = checkFieldFit(lastBackup, definition({ type: "NUMERIC", scopes: ["ORGANIZATION"], apiPermission: "READ_ONLY", active: false }));
    expect(problems(fit)).toEqual(["inactive", "type", "scope", "permission"]);
  });

  it("refuses encrypted text for a text status", () => {
    expect(problems(checkFieldFit(source("acronis.protection-status"), definition({ type: "TEXT_ENCRYPTED" })))).toEqual(["type"]);
  });
});

describe("fieldsThatFit", () => {
  it("offers only the fields a source can be mapped to, in the order given", () => {
    const defs = [
      definition({ name: "a", type: "WYSIWYG", scopes: ["ORGANIZATION"] }),
      definition({ name: "b", type: "WYSIWYG", scopes: ["NODE"] }),
      definition({ name: "c", type: "TEXT", scopes: ["ORGANIZATION"] }),
      definition({ name: "d", type: "WYSIWYG", scopes: ["ORGANIZATION"], apiPermission: "READ_ONLY" }),
      definition({ name: "e", type: "WYSIWYG", scopes: ["NODE", "ORGANIZATION"] }),
    ];
    expect(fieldsThatFit(tenantSummary, defs).map((d) => d.name)).toEqual(["a", "e"]);
  });
});

describe("resolveField", () => {
  const defs = [
    definition({ name: "acronisLastBackup", label: "Last backup" }),
    definition({ name: "lastBackupOld", label: "Backup time" }),
    definition({ name: "lastBackupNew", label: "backup TIME" }),
  ];

  it("finds a field by its API name first", () => {
    expect(resolveField(defs, "acronisLastBackup")).toMatchObject({ kind: "found", definition: { name: "acronisLastBackup" } });
  });

  it("finds a field by a label only one field carries, in any case", () => {
    expect(resolveField(defs, "last BACKUP")).toMatchObject({ kind: "found", definition: { name: "acronisLastBackup" } });
  });

  it("refuses a label several fields carry and names them", () => {
    const found = resolveField(defs, "Backup time");
    expect(found).toMatchObject({ kind: "ambiguous", reason: '2 fields are called "Backup time": lastBackupOld, lastBackupNew; give the field\'s API name' });
  });

  it("says so when no field has that name or label", () => {
    expect(resolveField(defs, "nope")).toEqual({ kind: "missing", reason: 'no NinjaOne custom field is named or labelled "nope"' });
  });
});
