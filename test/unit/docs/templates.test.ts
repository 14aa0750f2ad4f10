import { describe, expect, it } from "vitest";
import type { DocumentTemplate } from "../../../src/clients/ninjaone/documents.js";
import { templateProblems } from "../../../src/jobs/docs/plan/plan-job.js";
import { findTemplate, newTemplate, templateDifferences, TEMPLATE_FIELDS } from "../../../src/jobs/docs/plan/templates.js";

function template(id: number, name: string, over: Partial<DocumentTemplate> = {}): DocumentTemplate {
  const fields = newTemplate("user", name).fields.map((f) => ({ name: f.fieldName, label: f.fieldLabel, type: f.fieldType, apiPermission: f.fieldApiPermission, technicianPermission: f.fieldTechnicianPermission }));
  return { id, name, description: "", allowMultiple: true, fields, archived: false, ...over };
}

describe("document templates", () => {
  it("finds a template by name as a person reads it, leaving archived ones out, and refuses to guess between two", () => {
    expect(findTemplate([template(1, "Microsoft 365 User", { archived: true }), template(2, "microsoft 365 user ")], "Microsoft 365 User")).toMatchObject({ kind: "found", template: { id: 2 } });
    expect(findTemplate([template(1, "Microsoft 365 User"), template(3, "MICROSOFT 365 USER")], "Microsoft 365 User")).toEqual({ kind: "ambiguous", ids: [1, 3] });
    expect(findTemplate([], "Microsoft 365 User")).toEqual({ kind: "missing" });
  });

  it("describes each way a template differs; extra fields are fine", () => {
    const fit = template(1, "U");
    expect(templateDifferences({ ...fit, fields: [...fit.fields, { name: "notes", label: "Notes", type: "TEXT", apiPermission: "NONE", technicianPermission: "EDITABLE" }] }, "user")).toEqual([]);
    const [, ...rest] = fit.fields;
    const broken = { ...fit, allowMultiple: false, fields: rest.map((f) => (f.name === "licences" ? { ...f, type: "TEXT" } : f.name === "signIn" ? { ...f, apiPermission: "READ_ONLY" } : f)) };
    expect(templateDifferences(broken, "user")).toEqual([
      "allows one document per organization; the job writes one per user or licence",
      'has no field "m365Id" (TEXT)',
      'field "licences" is TEXT, not WYSIWYG',
      'field "signIn" is READ_ONLY for the API, not READ_WRITE',
    ]);
  });

  it("creates templates whose every field the API may write and technicians only read", () => {
    const made = newTemplate("licence", "L");
    expect(made.fields.map((f) => f.fieldName)).toEqual(TEMPLATE_FIELDS.licence.map((f) => f.name));
    expect(new Set(made.fields.map((f) => `${f.fieldApiPermission}/${f.fieldTechnicianPermission}`))).toEqual(new Set(["READ_WRITE/READ_ONLY"]));
  });

  it("gives the ids of two fit templates, or every problem", () => {
    const ok = templateProblems([template(1, "U"), { ...template(2, "L"), fields: newTemplate("licence", "L").fields.map((f) => ({ name: f.fieldName, label: f.fieldLabel, type: f.fieldType, apiPermission: "READ_WRITE", technicianPermission: null })) }], { user: "U", licence: "L" });
    expect(ok).toEqual({ ids: { user: 1, licence: 2 }, problems: [] });
    expect(templateProblems([template(1, "U")], { user: "U", licence: "L" }).problems).toEqual(['no document template is called "L"']);
  });
});
