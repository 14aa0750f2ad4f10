/**
 * Custom field definitions as `GET /v2/device-custom-fields` returns them (reference §5), and
 * the seeded set: fields fit for each ninja-bridge source (Acronis statuses, CIPP summaries)
 * at device and organization scope, and misfits (read-only, wrong type, no API access).
 */

/** The exact AttributeType enum of the spec. */
export const FIELD_TYPES = [
  "DROPDOWN", "MULTI_SELECT", "CHECKBOX", "TEXT", "TEXT_MULTILINE", "TEXT_ENCRYPTED", "NUMERIC", "DECIMAL",
  "DATE", "DATE_TIME", "TIME", "ATTACHMENT", "NODE_DROPDOWN", "NODE_MULTI_SELECT", "CLIENT_DROPDOWN",
  "CLIENT_MULTI_SELECT", "CLIENT_LOCATION_DROPDOWN", "CLIENT_LOCATION_MULTI_SELECT", "CLIENT_DOCUMENT_DROPDOWN",
  "CLIENT_DOCUMENT_MULTI_SELECT", "EMAIL", "PHONE", "IP_ADDRESS", "WYSIWYG", "URL", "MONETARY", "IDENTIFIER", "TOTP",
] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export type DefinitionScope = "NODE" | "END_USER" | "LOCATION" | "ORGANIZATION";
export type ApiPermission = "NONE" | "READ_ONLY" | "WRITE_ONLY" | "READ_WRITE";

export interface FieldOption {
  id: string;
  name: string;
  active: boolean;
  system: boolean;
}

export interface FieldDefinition {
  name: string;
  label: string;
  description: string;
  type: FieldType;
  definitionScope: DefinitionScope[];
  /** Deprecated in the spec but still returned: global fields or fields of one device role. */
  scope: "NODE_GLOBAL" | "NODE_ROLE";
  /** A role field's device roles (set in the UI under Administration → Devices → Roles; no API shows them). */
  roles?: number[];
  apiPermission: ApiPermission;
  scriptPermission: "NONE" | "READ_ONLY" | "WRITE_ONLY" | "READ_WRITE";
  technicianPermission: "NONE" | "EDITABLE" | "READ_ONLY";
  options: FieldOption[];
  required: boolean;
  createTime: number;
  updateTime: number;
}

export function canRead(def: FieldDefinition): boolean {
  return (def.apiPermission === "READ_ONLY" || def.apiPermission === "READ_WRITE") && def.type !== "TEXT_ENCRYPTED";
}

export function canWrite(def: FieldDefinition): boolean {
  return def.apiPermission === "WRITE_ONLY" || def.apiPermission === "READ_WRITE";
}

const CREATED = 1704067200.512;

function field(
  name: string,
  label: string,
  type: FieldType,
  definitionScope: DefinitionScope[],
  apiPermission: ApiPermission,
  extra: Partial<FieldDefinition> = {},
): FieldDefinition {
  return {
    name,
    label,
    description: "",
    type,
    definitionScope,
    scope: "NODE_GLOBAL",
    apiPermission,
    scriptPermission: "READ_WRITE",
    technicianPermission: apiPermission === "NONE" ? "EDITABLE" : "READ_ONLY",
    options: [],
    required: false,
    createTime: CREATED,
    updateTime: CREATED,
    ...extra,
  };
}

export function seedFieldDefinitions(): FieldDefinition[] {
  return [
    // Fit for Acronis statuses on devices.
    field("acronisProtectionStatus", "Acronis protection status", "TEXT", ["NODE"], "READ_WRITE"),
    field("acronisLastBackup", "Acronis last successful backup", "DATE_TIME", ["NODE"], "READ_WRITE"),
    field("acronisBackupDetails", "Acronis backup details", "WYSIWYG", ["NODE"], "READ_WRITE"),
    // Fit for Acronis and CIPP summaries on organizations.
    field("acronisTenantStatus", "Acronis tenant status", "TEXT", ["ORGANIZATION"], "READ_WRITE"),
    field("acronisLastSync", "Acronis last sync", "DATE", ["ORGANIZATION"], "READ_WRITE"),
    field("m365TenantSummary", "Microsoft 365 tenant summary", "WYSIWYG", ["ORGANIZATION"], "READ_WRITE"),
    field("m365LicensedUsers", "Microsoft 365 licensed users", "TEXT", ["ORGANIZATION"], "READ_WRITE"),
    field("m365LastSync", "Microsoft 365 last sync", "DATE_TIME", ["ORGANIZATION"], "READ_WRITE"),
    field("intuneComplianceState", "Intune compliance state", "TEXT", ["NODE"], "READ_WRITE"),
    // An optional home for the Entra device id (issue 16), filled on the machine by a script: the API only reads it.
    field("entraDeviceId", "Entra device ID", "TEXT", ["NODE"], "READ_ONLY"),
    // A field defined at both levels: devices inherit the organization's value.
    field("backupContact", "Backup contact", "TEXT", ["NODE", "ORGANIZATION"], "READ_WRITE"),
    // Misfits: read-only through the API, the wrong type for text statuses, no API access,
    // write-only secrets, and a field that only exists for one device role.
    field("legacyBackupStatus", "Legacy backup status", "TEXT", ["NODE"], "READ_ONLY"),
    field("backupHealthScore", "Backup health score", "NUMERIC", ["NODE"], "READ_WRITE"),
    field("warrantyExpires", "Warranty expires", "DATE", ["NODE"], "READ_WRITE"),
    field("technicianNotes", "Technician notes", "WYSIWYG", ["NODE", "ORGANIZATION"], "NONE"),
    field("m365ServiceAccountPassword", "Microsoft 365 service account password", "TEXT_ENCRYPTED", ["ORGANIZATION"], "WRITE_ONLY"),
    field("serverBackupPlan", "Server backup plan", "TEXT", ["NODE"], "READ_WRITE", { scope: "NODE_ROLE", roles: [2] }),
    field("backupMonitored", "Backup monitored", "CHECKBOX", ["NODE"], "READ_WRITE"),
    // A secure organization field for the Acronis registration token (issue 17): written by the API, read by scripts.
    field("acronisRegistrationToken", "Acronis registration token", "TEXT_ENCRYPTED", ["ORGANIZATION"], "WRITE_ONLY", { scriptPermission: "READ_ONLY" }),
    field("backupTier", "Backup tier", "DROPDOWN", ["NODE", "ORGANIZATION"], "READ_WRITE", {
      options: [
        { id: "0d5c7a3e-5b8e-4a55-9b0f-0a1d2c3e4f51", name: "Bronze", active: true, system: false },
        { id: "6a1f2e3d-4c5b-4a69-8f7e-1d2c3b4a5f62", name: "Silver", active: true, system: false },
        { id: "9e8d7c6b-5a4f-4e3d-a2c1-b0a9f8e7d673", name: "Gold", active: true, system: false },
      ],
    }),
  ];
}

/** Reference §5: `scopes` is a comma-separated list of all, node, location, organization. */
const SCOPE_KEYS: Record<string, DefinitionScope[] | "all"> = {
  all: "all",
  node: ["NODE"],
  location: ["LOCATION"],
  organization: ["ORGANIZATION"],
};

export function parseScopes(raw: string | null): { ok: true; scopes: Set<DefinitionScope> | "all" } | { ok: false; error: string } {
  if (raw === null || raw.trim() === "") return { ok: true, scopes: "all" };
  const scopes = new Set<DefinitionScope>();
  for (const part of raw.split(",")) {
    const key = SCOPE_KEYS[part.trim().toLowerCase()];
    if (key === undefined) return { ok: false, error: `Invalid scope: ${part.trim()}` };
    if (key === "all") return { ok: true, scopes: "all" };
    for (const s of key) scopes.add(s);
  }
  return { ok: true, scopes };
}

export function definitionView(def: FieldDefinition): Record<string, unknown> {
  return {
    entityType: "NODE",
    scope: def.scope,
    definitionScope: def.definitionScope,
    type: def.type,
    label: def.label,
    description: def.description,
    name: def.name,
    technicianPermission: def.technicianPermission,
    scriptPermission: def.scriptPermission,
    apiPermission: def.apiPermission,
    content: { values: def.options, required: def.required },
    system: false,
    active: true,
    createTime: def.createTime,
    updateTime: def.updateTime,
  };
}
