import type { DocumentTemplate, NewDocumentTemplate } from "../../../clients/ninjaone/documents.js";

/** Which of the two documents: one per Microsoft 365 user, one per licence (SKU). */
export type DocKind = "user" | "licence";
export const DOC_KINDS: readonly DocKind[] = ["user", "licence"];

export interface TemplateField {
  name: string;
  label: string;
  type: "TEXT" | "WYSIWYG";
}

/** The hidden key every document carries: the user's or licence's id in Microsoft 365 (as CIPP matches by cippUserID). */
export const KEY_FIELD = "m365Id";

/** The fields of each template, from what CIPP's user and licence lists give. */
export const TEMPLATE_FIELDS: Readonly<Record<DocKind, readonly TemplateField[]>> = {
  user: [
    { name: KEY_FIELD, label: "Microsoft 365 id", type: "TEXT" },
    { name: "displayName", label: "Display name", type: "TEXT" },
    { name: "userPrincipalName", label: "User principal name", type: "TEXT" },
    { name: "licences", label: "Licences", type: "WYSIWYG" },
    { name: "signIn", label: "Sign-in", type: "TEXT" },
    { name: "userType", label: "User type", type: "TEXT" },
    { name: "lastSignIn", label: "Last sign-in", type: "TEXT" },
    { name: "mailbox", label: "Mailbox usage", type: "TEXT" },
    { name: "oneDrive", label: "OneDrive usage", type: "TEXT" },
    { name: "devices", label: "Devices", type: "WYSIWYG" },
  ],
  licence: [
    { name: KEY_FIELD, label: "Microsoft 365 id", type: "TEXT" },
    { name: "skuName", label: "Licence", type: "TEXT" },
    { name: "usage", label: "Used of total", type: "TEXT" },
    { name: "users", label: "Users", type: "WYSIWYG" },
  ],
};

export const DEFAULT_TEMPLATE_NAMES: Readonly<Record<DocKind, string>> = { user: "Microsoft 365 User", licence: "Microsoft 365 Licence" };

/** The create body: every field writable through the API and read-only for technicians, as CIPP makes its templates. */
export function newTemplate(kind: DocKind, name: string): NewDocumentTemplate {
  return {
    name,
    description: `Microsoft 365 ${kind === "user" ? "users" : "licences"}, one document each, written by ninja-bridge from CIPP`,
    allowMultiple: true,
    fields: TEMPLATE_FIELDS[kind].map((f) => ({
      fieldLabel: f.label,
      fieldName: f.name,
      fieldType: f.type,
      fieldApiPermission: "READ_WRITE",
      fieldTechnicianPermission: "READ_ONLY",
      fieldScriptPermission: "NONE",
    })),
  };
}

function sameName(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

export type TemplateLookup =
  | { kind: "found"; template: DocumentTemplate }
  | { kind: "missing" }
  /** Several live templates answer to the name (NinjaOne's uniqueness check is exact; we match as a person reads). */
  | { kind: "ambiguous"; ids: number[] };

/** The live template of that name; archived templates are left out. */
export function findTemplate(templates: readonly DocumentTemplate[], name: string): TemplateLookup {
  const live = templates.filter((t) => !t.archived && sameName(t.name, name));
  const [only] = live;
  if (live.length === 0 || only === undefined) return { kind: "missing" };
  if (live.length > 1) return { kind: "ambiguous", ids: live.map((t) => t.id).sort((a, b) => a - b) };
  return { kind: "found", template: only };
}

/** How an existing template differs from what the job writes: each a sentence; empty when it fits. Extra fields are fine. */
export function templateDifferences(template: DocumentTemplate, kind: DocKind): string[] {
  const out: string[] = [];
  if (!template.allowMultiple) out.push("allows one document per organization; the job writes one per user or licence");
  for (const want of TEMPLATE_FIELDS[kind]) {
    const have = template.fields.find((f) => f.name === want.name);
    if (have === undefined) out.push(`has no field "${want.name}" (${want.type})`);
    else if (have.type !== want.type) out.push(`field "${want.name}" is ${have.type}, not ${want.type}`);
    else if (have.apiPermission !== "READ_WRITE") out.push(`field "${want.name}" is ${have.apiPermission} for the API, not READ_WRITE`);
  }
  return out;
}
