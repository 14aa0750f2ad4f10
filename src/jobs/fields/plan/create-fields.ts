import type { TargetService } from "../../../services.js";
import { checkFieldFit, DEFINITION_SCOPE, REQUIRED_API_PERMISSION } from "./field-fit.js";
import { FIELD_SOURCES, type FieldSource } from "./sources.js";
import type { FieldDefinitionFacts } from "./types.js";

/** The purpose of the Entra device id field (`devices config --entra-id-field`), beside the source ids. */
export const ENTRA_ID_PURPOSE = "entra.device-id";

/** One field `fields create` can make: the body of `POST /v2/custom-fields`, and what it is for. */
export interface FieldBlueprint {
  /** A source id, or ENTRA_ID_PURPOSE. */
  purpose: string;
  service: TargetService;
  fieldName: string;
  label: string;
  description: string;
  type: string;
  definitionScope: string[];
  apiPermission: string;
  /** CIPP's setup guide: technicians read the values, only the integration writes them. */
  technicianPermission: "READ_ONLY";
  scriptPermission: string;
}

/** API names, stable because mappings and policy conditions name them: the service, then the source's name. */
const FIELD_NAMES: Readonly<Record<string, string>> = {
  "acronis.agent-version": "acronisAgentVersion",
  "acronis.protection-status": "acronisProtectionStatus",
  "acronis.protection-plan": "acronisProtectionPlan",
  "acronis.last-backup": "acronisLastBackup",
  "acronis.next-backup": "acronisNextBackup",
  "acronis.last-antimalware-scan": "acronisLastAntimalwareScan",
  "acronis.next-antimalware-scan": "acronisNextAntimalwareScan",
  "cipp.tenant-links": "m365TenantLinks",
  "cipp.tenant-summary": "m365TenantSummary",
  "cipp.user-summary": "m365UserSummary",
  "cipp.device-links": "m365DeviceLinks",
  "cipp.device-summary": "m365DeviceSummary",
  "cipp.device-compliance": "intuneComplianceState",
};

/** Several plan names read better on separate lines; every other text is one line. */
const MULTILINE = new Set(["acronis.protection-plan"]);

function blueprintOf(source: FieldSource): FieldBlueprint {
  const type = source.valueKind === "html" ? "WYSIWYG" : source.valueKind === "timestamp" ? "DATE_TIME" : MULTILINE.has(source.id) ? "TEXT_MULTILINE" : "TEXT";
  return {
    purpose: source.id,
    service: source.service,
    fieldName: FIELD_NAMES[source.id] ?? source.id.replace(/[^a-z0-9]+([a-z0-9])/g, (_, c: string) => c.toUpperCase()),
    label: source.label,
    description: `Written by ninja-bridge: ${source.description}`,
    type,
    definitionScope: [DEFINITION_SCOPE[source.scope]],
    apiPermission: REQUIRED_API_PERMISSION,
    technicianPermission: "READ_ONLY",
    // Policy conditions read custom fields without a script; no script needs these.
    scriptPermission: "NONE",
  };
}

/**
 * Every field a source needs, and the Entra device id field: a script on the device fills it
 * (so scripts may write it) and the API only reads it, to pair Intune devices first by it.
 */
export const FIELD_BLUEPRINTS: readonly FieldBlueprint[] = [
  ...FIELD_SOURCES.map(blueprintOf),
  {
    purpose: ENTRA_ID_PURPOSE,
    service: "cipp",
    fieldName: "entraDeviceId",
    label: "Entra device ID",
    description: "The device's Entra (Azure AD) device id, filled on the machine by a script; ninja-bridge pairs Intune devices by it first.",
    type: "TEXT",
    definitionScope: ["NODE"],
    apiPermission: REQUIRED_API_PERMISSION,
    technicianPermission: "READ_ONLY",
    scriptPermission: "READ_WRITE",
  },
];

export type CreateRow =
  | { kind: "create"; blueprint: FieldBlueprint; reason: string }
  /** A field of that name or label is there: left alone; `differs` says how it does not fit, empty when it does. */
  | { kind: "exists"; blueprint: FieldBlueprint; field: FieldDefinitionFacts; differs: string[] }
  /** The purpose is served already: the source is mapped (or the Entra id field set) to a field that exists. */
  | { kind: "served"; blueprint: FieldBlueprint; fieldName: string };

export interface FieldsCreatePlan {
  rows: CreateRow[];
  /** Services left out by --source. */
  services: TargetService[];
}

export interface CreateInputs {
  services: readonly TargetService[];
  /** Source id → field API name, as mapped today. */
  mappings: Readonly<Record<string, string>>;
  entraIdField?: string;
}

function differences(blueprint: FieldBlueprint, field: FieldDefinitionFacts): string[] {
  const source = FIELD_SOURCES.find((s) => s.id === blueprint.purpose);
  if (source !== undefined) {
    const fit = checkFieldFit(source, field);
    return fit.ok ? [] : fit.refusals.map((r) => r.reason);
  }
  const out: string[] = [];
  if (field.type !== blueprint.type) out.push(`it is of type ${field.type}, not ${blueprint.type}`);
  if (!blueprint.definitionScope.every((s) => field.scopes.includes(s))) out.push(`it is defined for ${field.scopes.join(", ") || "no scope"}, not ${blueprint.definitionScope.join(", ")}`);
  if (!["READ_ONLY", "READ_WRITE"].includes(field.apiPermission)) out.push(`its API permission is ${field.apiPermission}; the API must read it`);
  return out;
}

/**
 * What `fields create` would do for the chosen services: each field a source needs is
 * created unless the source is served already (mapped to a field that exists) or a field
 * of that API name or label exists; an existing field is never changed, only said to differ.
 */
export function planFieldCreation(definitions: readonly FieldDefinitionFacts[], inputs: CreateInputs): FieldsCreatePlan {
  const byName = new Map(definitions.map((d) => [d.name.toLowerCase(), d]));
  const byLabel = new Map(definitions.map((d) => [d.label.toLowerCase(), d]));
  const rows: CreateRow[] = [];
  for (const blueprint of FIELD_BLUEPRINTS.filter((b) => inputs.services.includes(b.service))) {
    const current = blueprint.purpose === ENTRA_ID_PURPOSE ? inputs.entraIdField : inputs.mappings[blueprint.purpose];
    if (current !== undefined && byName.has(current.toLowerCase())) {
      rows.push({ kind: "served", blueprint, fieldName: current });
      continue;
    }
    const field = byName.get(blueprint.fieldName.toLowerCase()) ?? byLabel.get(blueprint.label.toLowerCase());
    if (field !== undefined) {
      rows.push({ kind: "exists", blueprint, field, differs: differences(blueprint, field) });
      continue;
    }
    const reason = current === undefined ? "no field serves it yet" : `it is mapped to ${current}, which NinjaOne no longer has`;
    rows.push({ kind: "create", blueprint, reason });
  }
  return { rows, services: [...inputs.services] };
}
