import { z } from "zod";
import { FIELD_TYPES, type FieldDefinition } from "./field-definitions.js";
import { isValidFieldValue } from "./field-values.js";

/**
 * NinjaOne Documentation (reference ninjaone-api §7, spec operations *DocumentTemplate* and
 * *ClientDocument*): templates with typed fields, and organization documents filled from them.
 */

const permission = z.enum(["NONE", "READ_ONLY", "WRITE_ONLY", "READ_WRITE"]);

/** One field of a create or update body, as the spec's request schema gives it (fieldLabel and fieldName required). */
export const TemplateFieldInput = z.object({
  fieldLabel: z.string().min(1),
  fieldName: z.string().min(1),
  fieldDescription: z.string().optional(),
  fieldType: z.enum(FIELD_TYPES).optional(),
  fieldTechnicianPermission: z.enum(["NONE", "EDITABLE", "READ_ONLY"]).optional(),
  fieldScriptPermission: permission.optional(),
  fieldApiPermission: permission.optional(),
  fieldDefaultValue: z.string().optional(),
});

export const TemplateInput = z.object({
  name: z.string().trim().min(1, "name is required"),
  description: z.string().optional(),
  allowMultiple: z.boolean().optional(),
  mandatory: z.boolean().optional(),
  fields: z.array(TemplateFieldInput).optional(),
  availableToAllTechnicians: z.boolean().optional(),
  allowedTechnicianRoles: z.array(z.number().int()).optional(),
});
export type TemplateInput = z.infer<typeof TemplateInput>;

export interface TemplateFieldRecord {
  fieldId: number;
  fieldLabel: string;
  fieldName: string;
  fieldDescription: string;
  fieldType: (typeof FIELD_TYPES)[number];
  fieldTechnicianPermission: "NONE" | "EDITABLE" | "READ_ONLY";
  fieldScriptPermission: z.infer<typeof permission>;
  fieldApiPermission: z.infer<typeof permission>;
  createdTime: number;
  updatedTime: number;
}

export interface TemplateRecord {
  id: number;
  name: string;
  description: string;
  allowMultiple: boolean;
  mandatory: boolean;
  fields: TemplateFieldRecord[];
  availableToAllTechnicians: boolean;
  allowedTechnicianRoles: number[];
  archived: boolean;
  createTime: number;
  updateTime: number;
}

export interface DocumentRecord {
  documentId: number;
  documentName: string;
  documentDescription: string;
  organizationId: number;
  templateId: number;
  /** Field name → value and when it was last written (epoch seconds). */
  values: Map<string, { value: unknown; at: number }>;
  archived: boolean;
  updateTime: number;
  /** Made through the API, or by a technician in the UI (a control route). */
  madeBy: "api" | "technician";
}

/** One change to a document through the API, kept for `GET /control/ninjaone/documents`. */
export interface DocumentWrite {
  op: "create" | "update" | "archive" | "restore";
  documentId: number;
  organizationId: number;
  /** Field names sent (create, update). */
  fields: string[];
  /** Epoch milliseconds. */
  at: number;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; status: number; error: string };

/** The spec types a field value as a bare object; the sandbox checks it as the custom-field PATCH does. */
function asDefinition(field: TemplateFieldRecord): FieldDefinition {
  return {
    name: field.fieldName,
    label: field.fieldLabel,
    description: field.fieldDescription,
    type: field.fieldType,
    definitionScope: [],
    scope: "NODE_GLOBAL",
    apiPermission: field.fieldApiPermission,
    scriptPermission: field.fieldScriptPermission,
    technicianPermission: field.fieldTechnicianPermission,
    options: [],
    required: false,
    createTime: field.createdTime,
    updateTime: field.updatedTime,
  };
}

function canWriteField(f: TemplateFieldRecord): boolean {
  return f.fieldApiPermission === "WRITE_ONLY" || f.fieldApiPermission === "READ_WRITE";
}

export function canReadField(f: TemplateFieldRecord): boolean {
  return (f.fieldApiPermission === "READ_ONLY" || f.fieldApiPermission === "READ_WRITE") && f.fieldType !== "TEXT_ENCRYPTED";
}

export class DocumentStore {
  readonly templates = new Map<number, TemplateRecord>();
  readonly documents = new Map<number, DocumentRecord>();
  readonly writes: DocumentWrite[] = [];
  private nextTemplateId = 1;
  private nextFieldId = 1;
  private nextDocumentId = 1;

  /**
   * A new template. The spec says the name "must be unique"; the sandbox refuses a name an
   * active template already carries exactly. Whether the check ignores case or archived
   * templates is not documented: names that differ in case, and an archived template's name,
   * are let through, so a client must cope with several templates that look alike.
   */
  createTemplate(input: TemplateInput, now: number): Checked<TemplateRecord> {
    const fields = this.templateFields(input.fields ?? [], [], now);
    if (!fields.ok) return fields;
    if (this.nameTaken(input.name, undefined)) return { ok: false, status: 400, error: `A document template named '${input.name}' already exists` };
    const template: TemplateRecord = {
      id: this.nextTemplateId++,
      name: input.name,
      description: input.description ?? "",
      allowMultiple: input.allowMultiple ?? false,
      mandatory: input.mandatory ?? false,
      fields: fields.value,
      availableToAllTechnicians: input.availableToAllTechnicians ?? true,
      allowedTechnicianRoles: input.allowedTechnicianRoles ?? [],
      archived: false,
      createTime: now,
      updateTime: now,
    };
    this.templates.set(template.id, template);
    return { ok: true, value: template };
  }

  /** PUT replaces the template's fields; a field keeps its id when its name stays (fieldName is immutable). */
  updateTemplate(template: TemplateRecord, input: TemplateInput, now: number): Checked<TemplateRecord> {
    const fields = this.templateFields(input.fields ?? [], template.fields, now);
    if (!fields.ok) return fields;
    if (this.nameTaken(input.name, template.id)) return { ok: false, status: 400, error: `A document template named '${input.name}' already exists` };
    Object.assign(template, {
      name: input.name,
      description: input.description ?? template.description,
      allowMultiple: input.allowMultiple ?? template.allowMultiple,
      mandatory: input.mandatory ?? template.mandatory,
      fields: fields.value,
      updateTime: now,
    });
    return { ok: true, value: template };
  }

  private nameTaken(name: string, except: number | undefined): boolean {
    return [...this.templates.values()].some((t) => !t.archived && t.id !== except && t.name === name);
  }

  private templateFields(inputs: readonly z.infer<typeof TemplateFieldInput>[], before: readonly TemplateFieldRecord[], now: number): Checked<TemplateFieldRecord[]> {
    const names = new Set<string>();
    const out: TemplateFieldRecord[] = [];
    for (const f of inputs) {
      if (names.has(f.fieldName)) return { ok: false, status: 400, error: `Duplicate fieldName '${f.fieldName}'` };
      names.add(f.fieldName);
      const old = before.find((b) => b.fieldName === f.fieldName);
      out.push({
        fieldId: old?.fieldId ?? this.nextFieldId++,
        fieldLabel: f.fieldLabel,
        fieldName: f.fieldName,
        fieldDescription: f.fieldDescription ?? "",
        fieldType: f.fieldType ?? "TEXT",
        fieldTechnicianPermission: f.fieldTechnicianPermission ?? "EDITABLE",
        fieldScriptPermission: f.fieldScriptPermission ?? "NONE",
        // Unset, a field is not reachable through the API (CIPP always sets READ_WRITE).
        fieldApiPermission: f.fieldApiPermission ?? "NONE",
        createdTime: old?.createdTime ?? now,
        updatedTime: now,
      });
    }
    return { ok: true, value: out };
  }

  liveTemplate(id: number): TemplateRecord | undefined {
    const t = this.templates.get(id);
    return t === undefined || t.archived ? undefined : t;
  }

  /**
   * Checks one document's field values against its template: every name must be a field of
   * the template with API write permission, every value fit the field's type.
   */
  checkValues(template: TemplateRecord, fields: Record<string, unknown>): string | undefined {
    for (const [name, value] of Object.entries(fields)) {
      const field = template.fields.find((f) => f.fieldName === name);
      if (field === undefined) return `INVALID_ATTRIBUTE: template '${template.name}' has no field named '${name}'`;
      if (!canWriteField(field)) return `ATTRIBUTE_API_PERMISSION_DENIED: '${name}' is not writable through the API`;
      if (value !== null && !isValidFieldValue(asDefinition(field), value)) return `INVALID_ATTRIBUTE_VALUE: '${name}'`;
    }
    return undefined;
  }

  addDocument(input: { documentName: string; documentDescription?: string | undefined; organizationId: number; templateId: number; fields: Record<string, unknown> }, madeBy: DocumentRecord["madeBy"], now: number): DocumentRecord {
    const doc: DocumentRecord = {
      documentId: this.nextDocumentId++,
      documentName: input.documentName,
      documentDescription: input.documentDescription ?? "",
      organizationId: input.organizationId,
      templateId: input.templateId,
      values: new Map(),
      archived: false,
      updateTime: now / 1000,
      madeBy,
    };
    setValues(doc, input.fields, now);
    this.documents.set(doc.documentId, doc);
    if (madeBy === "api") this.writes.push({ op: "create", documentId: doc.documentId, organizationId: doc.organizationId, fields: Object.keys(input.fields), at: now });
    return doc;
  }

  liveDocumentsOf(organizationId: number): DocumentRecord[] {
    return [...this.documents.values()].filter((d) => d.organizationId === organizationId && !d.archived);
  }
}

/** Null clears a value; anything else replaces it. */
export function setValues(doc: DocumentRecord, fields: Record<string, unknown>, now: number): string[] {
  const changed: string[] = [];
  for (const [name, value] of Object.entries(fields)) {
    if (value === null) doc.values.delete(name);
    else doc.values.set(name, { value, at: now / 1000 });
    changed.push(name);
  }
  doc.updateTime = now / 1000;
  return changed;
}
