import { describe, expect, it } from "vitest";
import { ENTRA_ID_PURPOSE, FIELD_BLUEPRINTS, planFieldCreation } from "../../../src/jobs/fields/plan/create-fields.js";
import { FIELD_SOURCES, type FieldDefinitionFacts } from "../../../src/jobs/fields/plan/index.js";

const def = (name: string, type: string, scopes: string[], over: Partial<FieldDefinitionFacts> = {}): FieldDefinitionFacts => ({ name, label: name, type, scopes, apiPermission: "READ_WRITE", active: true, ...over });

describe("planFieldCreation", () => {
  it("has a field for every source and the Entra device id, each of a type and scope the source takes, API Read/Write and technician Read Only", () => {
    expect(FIELD_BLUEPRINTS.map((b) => b.purpose)).toEqual([...FIELD_SOURCES.map((s) => s.id), ENTRA_ID_PURPOSE]);
    for (const source of FIELD_SOURCES) {
      const b = FIELD_BLUEPRINTS.find((x) => x.purpose === source.id);
      expect(source.acceptedTypes).toContain(b?.type);
      expect(b?.definitionScope).toEqual([source.scope === "device" ? "NODE" : "ORGANIZATION"]);
    }
    expect(new Set(FIELD_BLUEPRINTS.map((b) => b.apiPermission))).toEqual(new Set(["READ_WRITE"]));
    expect(new Set(FIELD_BLUEPRINTS.map((b) => b.technicianPermission))).toEqual(new Set(["READ_ONLY"]));
    expect(new Set(FIELD_BLUEPRINTS.map((b) => b.fieldName)).size).toBe(FIELD_BLUEPRINTS.length);
  });

  it("creates what is missing, leaves a field of that name or label alone and says how it differs, and skips a source mapped to a field that exists", () => {
    const plan = planFieldCreation(
      [
        def("acronisLastBackup", "DATE_TIME", ["NODE"]),
        def("acronisProtectionStatus", "NUMERIC", ["ORGANIZATION"]),
        { ...def("someTenantLinks", "WYSIWYG", ["ORGANIZATION"]), label: "Microsoft 365 tenant links" },
        def("myCompliance", "TEXT", ["NODE"]),
      ],
      { services: ["acronis", "cipp"], mappings: { "cipp.device-compliance": "myCompliance", "cipp.device-summary": "deletedField" } },
    );
    const row = (purpose: string) => plan.rows.find((r) => r.blueprint.purpose === purpose);
    expect(row("acronis.last-backup")).toMatchObject({ kind: "exists", differs: [] });
    const differs = row("acronis.protection-status");
    expect(differs?.kind).toBe("exists");
    expect(differs?.kind === "exists" ? differs.differs.join(" ") : "").toMatch(/NUMERIC.*needs NODE|NUMERIC/);
    expect(row("cipp.tenant-links")).toMatchObject({ kind: "exists", field: { name: "someTenantLinks" } });
    expect(row("cipp.device-compliance")).toMatchObject({ kind: "served", fieldName: "myCompliance" });
    expect(row("cipp.device-summary")).toMatchObject({ kind: "create", reason: expect.stringContaining("deletedField") });
    expect(row("acronis.agent-version")).toMatchObject({ kind: "create", blueprint: { fieldName: "acronisAgentVersion", type: "TEXT" } });
    expect(row(ENTRA_ID_PURPOSE)).toMatchObject({ kind: "create", blueprint: { fieldName: "entraDeviceId", scriptPermission: "READ_WRITE" } });
  });

  it("plans only the services chosen, and the Entra field is served by the devices setting", () => {
    const plan = planFieldCreation([def("entra", "TEXT", ["NODE"])], { services: ["cipp"], mappings: {}, entraIdField: "entra" });
    expect(plan.rows.every((r) => r.blueprint.service === "cipp")).toBe(true);
    expect(plan.rows.find((r) => r.blueprint.purpose === ENTRA_ID_PURPOSE)?.kind).toBe("served");
  });
});
