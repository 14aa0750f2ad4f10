import { z } from "zod";
import type { HttpClient } from "../../http/index.js";

/**
 * NinjaOne Documentation (reference ninjaone-api §7, the official spec's document-template and
 * organization-document operations): templates, and organization documents written in bulk.
 */

/** A template field as the spec describes it; UI elements (TITLE, DESCRIPTION, SEPARATOR) carry no fieldName. */
const templateFieldSchema = z.object({
  fieldId: z.number().int().nullish(),
  fieldLabel: z.string().nullish(),
  fieldName: z.string().nullish(),
  fieldType: z.string().nullish(),
  fieldApiPermission: z.string().nullish(),
  fieldTechnicianPermission: z.string().nullish(),
  uiElementType: z.string().nullish(),
});

const templateSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  description: z.string().nullish(),
  allowMultiple: z.boolean().nullish(),
  fields: z.array(templateFieldSchema).nullish(),
  archived: z.boolean().nullish(),
});

export interface DocumentTemplateField {
  name: string;
  label: string;
  type: string;
  apiPermission: string;
  technicianPermission: string | null;
}

export interface DocumentTemplate {
  id: number;
  name: string;
  description: string;
  allowMultiple: boolean;
  fields: DocumentTemplateField[];
  archived: boolean;
}

function toTemplate(body: z.infer<typeof templateSchema>): DocumentTemplate {
  return {
    id: body.id,
    name: body.name,
    description: body.description ?? "",
    allowMultiple: body.allowMultiple ?? false,
    fields: (body.fields ?? []).flatMap((f) =>
      f.fieldName === null || f.fieldName === undefined || f.uiElementType
        ? []
        : [{ name: f.fieldName, label: f.fieldLabel ?? f.fieldName, type: f.fieldType ?? "", apiPermission: f.fieldApiPermission ?? "NONE", technicianPermission: f.fieldTechnicianPermission ?? null }],
    ),
    archived: body.archived ?? false,
  };
}

/** Every document template, archived ones included (they carry `archived`); one unpaged request. */
export async function listDocumentTemplates(http: HttpClient): Promise<DocumentTemplate[]> {
  const rows = await http.request({ method: "GET", path: "/v2/document-templates", schema: z.array(templateSchema) });
  return rows.map(toTemplate);
}

/** What a template is created with: CIPP's templates give every field READ_WRITE for the API, READ_ONLY for technicians. */
export interface NewDocumentTemplate {
  name: string;
  description: string;
  allowMultiple: boolean;
  fields: { fieldLabel: string; fieldName: string; fieldType: string; fieldApiPermission: string; fieldTechnicianPermission: string; fieldScriptPermission: string }[];
}

/** Creates a template; a POST, so never repeated after a failure that may have landed. */
export async function createDocumentTemplate(http: HttpClient, template: NewDocumentTemplate): Promise<DocumentTemplate> {
  return toTemplate(await http.request({ method: "POST", path: "/v2/document-templates", json: { ...template, mandatory: false, availableToAllTechnicians: true }, schema: templateSchema }));
}

/** A field value as a document body carries it: text as a string, WYSIWYG as `{ html }`, as in custom fields. */
export type DocumentValue = string | { html: string };

const documentSchema = z.object({
  documentId: z.number().int(),
  documentName: z.string().nullish(),
  documentTemplateId: z.number().int().nullish(),
  organizationId: z.number().int().nullish(),
  fields: z.array(z.object({ name: z.string(), value: z.unknown() })).nullish(),
});

export interface OrganizationDocument {
  documentId: number;
  name: string;
  templateId: number | null;
  organizationId: number | null;
  fields: Record<string, unknown>;
}

function toDocument(body: z.infer<typeof documentSchema>): OrganizationDocument {
  return {
    documentId: body.documentId,
    name: body.documentName ?? "",
    templateId: body.documentTemplateId ?? null,
    organizationId: body.organizationId ?? null,
    fields: Object.fromEntries((body.fields ?? []).map((f) => [f.name, f.value])),
  };
}

/** The live (not archived) documents of one organization, with the values the API may read. */
export async function listOrganizationDocuments(http: HttpClient, organizationId: number): Promise<OrganizationDocument[]> {
  const rows = await http.request({ method: "GET", path: `/v2/organization/${organizationId}/documents`, schema: z.array(documentSchema) });
  return rows.map(toDocument);
}

export interface NewDocument {
  documentName: string;
  documentTemplateId: number;
  organizationId: number;
  fields: Record<string, DocumentValue>;
}

/**
 * Creates documents in one request. NinjaOne rejects the whole batch when one document is
 * invalid (reference §7), so nothing of a refused batch landed. A POST: not repeated after a
 * failure that may have landed, since a repeat would make each document twice.
 */
export async function createDocuments(http: HttpClient, documents: readonly NewDocument[]): Promise<OrganizationDocument[]> {
  const rows = await http.request({ method: "POST", path: "/v2/organization/documents", json: documents, schema: z.array(documentSchema) });
  return rows.map(toDocument);
}

export interface DocumentUpdate {
  documentId: number;
  documentName?: string;
  fields: Record<string, DocumentValue>;
}

/** Updates documents in one PATCH, only the fields sent; the same PATCH twice changes nothing, so it is safe to retry. */
export async function updateDocuments(http: HttpClient, updates: readonly DocumentUpdate[]): Promise<number[]> {
  const rows = await http.request({ method: "PATCH", path: "/v2/organization/documents", json: updates, idempotent: true, schema: z.array(z.object({ documentId: z.number().int() })) });
  return rows.map((r) => r.documentId);
}

/** Archives (never deletes) or restores documents in one request; repeating it changes nothing. */
export async function setDocumentsArchived(http: HttpClient, documentIds: readonly number[], archived: boolean): Promise<void> {
  const path = archived ? "/v2/organization/documents/archive" : "/v2/organization/documents/restore";
  await http.request({ method: "POST", path, json: documentIds, idempotent: true, schema: z.array(z.object({ documentId: z.number().int() })) });
}

/** Replaces a template's name, description and fields (PUT); fields keep their ids by fieldName. Repeating it changes nothing. */
export async function updateDocumentTemplate(http: HttpClient, id: number, template: NewDocumentTemplate): Promise<DocumentTemplate> {
  return toTemplate(await http.request({ method: "PUT", path: `/v2/document-templates/${id}`, json: template, schema: templateSchema }));
}
