import type { FieldDefinitionFacts } from "../../../src/jobs/fields/plan/index.js";

/** A NinjaOne custom field definition that fits unless a test overrides a fact. */
export function definition(overrides: Partial<FieldDefinitionFacts> = {}): FieldDefinitionFacts {
  return { name: "acronisLastBackup", label: "Acronis last backup", type: "DATE_TIME", scopes: ["NODE"], apiPermission: "READ_WRITE", active: true, ...overrides };
}
