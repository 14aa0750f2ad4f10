import { z } from "zod";
import type { SandboxResponse } from "../contract.js";
import { emptyResponse, jsonResponse, parseJsonBodyWith } from "../http-util.js";
import { canReadField, setValues, TemplateInput, type DocumentRecord, type TemplateRecord } from "./document-store.js";
import { appError } from "./errors.js";
import { badRequest, notFound, pathId, type ApiRoute, type RouteContext } from "./routing.js";

/**
 * Documentation routes (reference ninjaone-api §7; spec operations getDocumentTemplatesWithAttributes,
 * createDocumentTemplate, updateDocumentTemplate, archive/restoreDocumentTemplate,
 * getOrganizationDocuments, getClientDocumentsWithAttributeValues, createOrganizationDocuments,
 * updateOrganizationDocuments, archive/restoreMultiPageClientDocuments). A bulk write is checked
 * whole before anything lands: "NinjaOne rejects the whole batch if any one document is invalid".
 */

function templateView(t: TemplateRecord): Record<string, unknown> {
  return {
    id: t.id,
    name: t.name,
    description: t.description,
    allowMultiple: t.allowMultiple,
    mandatory: t.mandatory,
    createTime: t.createTime,
    updateTime: t.updateTime,
    fields: t.fields.map((f) => ({ ...f })),
    availableToAllTechnicians: t.availableToAllTechnicians,
    allowedTechnicianRoles: [...t.allowedTechnicianRoles],
    archived: t.archived,
  };
}

/** Values of fields the API may read; `fields` on reads and creates, `updatedFields` on a PATCH's answer. */
function documentView(rc: RouteContext, d: DocumentRecord, key: "fields" | "updatedFields" = "fields", only?: readonly string[]): Record<string, unknown> {
  const template = rc.world.documentation.templates.get(d.templateId);
  const readable = new Set((template?.fields ?? []).filter(canReadField).map((f) => f.fieldName));
  const values = [...d.values].filter(([name]) => readable.has(name) && (only === undefined || only.includes(name)));
  return {
    documentId: d.documentId,
    documentName: d.documentName,
    documentDescription: d.documentDescription,
    documentUpdateTime: d.updateTime,
    [key]: values.map(([name, v]) => ({ name, value: v.value, valueUpdateTime: v.at })),
    documentTemplateId: d.templateId,
    documentTemplateName: template?.name ?? "",
    organizationId: d.organizationId,
  };
}

/** Documentation switched off: see the `documentationOffAnswer` option. */
function whenOff(rc: RouteContext, list: boolean): SandboxResponse | undefined {
  if (rc.options.documentation) return undefined;
  if (rc.options.documentationOffAnswer === "explained") return { ...appError(403, "Documentation is not enabled for this account"), route: rc.route };
  return list ? jsonResponse(200, [], { route: rc.route }) : { ...appError(400, "FAILURE"), route: rc.route };
}

function listTemplates(rc: RouteContext): SandboxResponse {
  const off = whenOff(rc, true);
  if (off) return off;
  const name = rc.req.query.get("templateName");
  const all = [...rc.world.documentation.templates.values()].filter((t) => name === null || t.name === name);
  return jsonResponse(200, all.map(templateView), { route: rc.route });
}

function oneTemplate(rc: RouteContext): TemplateRecord | SandboxResponse {
  const id = pathId(rc, "documentTemplateId");
  if (typeof id !== "number") return id;
  return rc.world.documentation.templates.get(id) ?? notFound(rc, "Document template");
}

function getTemplate(rc: RouteContext): SandboxResponse {
  const off = whenOff(rc, false);
  if (off) return off;
  const t = oneTemplate(rc);
  return "status" in t ? t : jsonResponse(200, templateView(t), { route: rc.route });
}

function createTemplate(rc: RouteContext): SandboxResponse {
  const off = whenOff(rc, false);
  if (off) return off;
  const body = parseJsonBodyWith(rc.req, TemplateInput);
  if (!body.ok) return badRequest(rc, body.error);
  const made = rc.world.documentation.createTemplate(body.value, rc.ctx.now() / 1000);
  return made.ok ? jsonResponse(200, templateView(made.value), { route: rc.route }) : { ...appError(made.status, made.error), route: rc.route };
}

function updateTemplate(rc: RouteContext): SandboxResponse {
  const off = whenOff(rc, false);
  if (off) return off;
  const t = oneTemplate(rc);
  if ("status" in t) return t;
  const body = parseJsonBodyWith(rc.req, TemplateInput);
  if (!body.ok) return badRequest(rc, body.error);
  const done = rc.world.documentation.updateTemplate(t, body.value, rc.ctx.now() / 1000);
  return done.ok ? jsonResponse(200, templateView(done.value), { route: rc.route }) : { ...appError(done.status, done.error), route: rc.route };
}

function archiveTemplate(archived: boolean) {
  return (rc: RouteContext): SandboxResponse => {
    const off = whenOff(rc, false);
    if (off) return off;
    const t = oneTemplate(rc);
    if ("status" in t) return t;
    t.archived = archived;
    return archived ? emptyResponse(204, { route: rc.route }) : jsonResponse(200, templateView(t), { route: rc.route });
  };
}

function orgDocuments(rc: RouteContext): SandboxResponse {
  const off = whenOff(rc, true);
  if (off) return off;
  const id = pathId(rc, "organizationId");
  if (typeof id !== "number") return id;
  if (rc.world.liveOrg(id) === undefined) return notFound(rc, "Organization");
  return jsonResponse(200, rc.world.documentation.liveDocumentsOf(id).map((d) => documentView(rc, d)), { route: rc.route });
}

function idList(raw: string | null): Set<number> | undefined {
  if (raw === null || raw.trim() === "") return undefined;
  return new Set(raw.split(",").map((s) => Number(s.trim())));
}

function allDocuments(rc: RouteContext): SandboxResponse {
  const off = whenOff(rc, true);
  if (off) return off;
  const orgs = idList(rc.req.query.get("organizationIds"));
  const templates = idList(rc.req.query.get("templateIds"));
  const docs = [...rc.world.documentation.documents.values()].filter(
    (d) => !d.archived && (orgs === undefined || orgs.has(d.organizationId)) && (templates === undefined || templates.has(d.templateId)),
  );
  return jsonResponse(200, docs.map((d) => documentView(rc, d)), { route: rc.route });
}

const fieldsObject = z.record(z.string(), z.unknown());

const CreateBody = z.array(
  z.object({
    documentName: z.string().trim().min(1, "documentName is required"),
    documentDescription: z.string().optional(),
    fields: fieldsObject.optional(),
    documentTemplateId: z.number().int().positive(),
    organizationId: z.number().int().positive(),
  }),
);

const UpdateBody = z.array(
  z.object({
    documentId: z.number().int().positive(),
    documentName: z.string().trim().min(1).optional(),
    documentDescription: z.string().optional(),
    fields: fieldsObject.optional(),
  }),
);

function createDocuments(rc: RouteContext): SandboxResponse {
  const off = whenOff(rc, false);
  if (off) return off;
  const body = parseJsonBodyWith(rc.req, CreateBody);
  if (!body.ok) return badRequest(rc, body.error);
  const store = rc.world.documentation;
  for (const [i, item] of body.value.entries()) {
    const template = store.liveTemplate(item.documentTemplateId);
    if (template === undefined) return badRequest(rc, `[${i}] no document template ${item.documentTemplateId}`);
    if (rc.world.liveOrg(item.organizationId) === undefined) return badRequest(rc, `[${i}] no organization ${item.organizationId}`);
    if (!template.allowMultiple) {
      const taken = store.liveDocumentsOf(item.organizationId).some((d) => d.templateId === template.id) || body.value.slice(0, i).some((o) => o.organizationId === item.organizationId && o.documentTemplateId === template.id);
      if (taken) return badRequest(rc, `[${i}] template '${template.name}' allows one document per organization`);
    }
    const problem = store.checkValues(template, item.fields ?? {});
    if (problem !== undefined) return badRequest(rc, `[${i}] ${problem}`);
  }
  const now = rc.ctx.now();
  const made = body.value.map((item) => store.addDocument({ ...item, templateId: item.documentTemplateId, fields: item.fields ?? {} }, "api", now));
  return jsonResponse(200, made.map((d) => documentView(rc, d)), { route: rc.route });
}

function updateDocuments(rc: RouteContext): SandboxResponse {
  const off = whenOff(rc, false);
  if (off) return off;
  const body = parseJsonBodyWith(rc.req, UpdateBody);
  if (!body.ok) return badRequest(rc, body.error);
  const store = rc.world.documentation;
  const found: DocumentRecord[] = [];
  for (const [i, item] of body.value.entries()) {
    const doc = store.documents.get(item.documentId);
    // An archived document is not listed, so it is not found for an update either.
    if (doc === undefined || doc.archived) return badRequest(rc, `[${i}] no document ${item.documentId}`);
    const template = store.templates.get(doc.templateId);
    const problem = template === undefined ? "template gone" : store.checkValues(template, item.fields ?? {});
    if (problem !== undefined) return badRequest(rc, `[${i}] ${problem}`);
    found.push(doc);
  }
  const now = rc.ctx.now();
  const views = body.value.map((item, i) => {
    const doc = found[i] as DocumentRecord;
    if (item.documentName !== undefined) doc.documentName = item.documentName;
    if (item.documentDescription !== undefined) doc.documentDescription = item.documentDescription;
    const changed = setValues(doc, item.fields ?? {}, now);
    store.writes.push({ op: "update", documentId: doc.documentId, organizationId: doc.organizationId, fields: changed, at: now });
    return documentView(rc, doc, "updatedFields", changed);
  });
  return jsonResponse(200, views, { route: rc.route });
}

const IdsBody = z.array(z.number().int().positive()).min(1, "name at least one document");

function archiveDocuments(archived: boolean) {
  return (rc: RouteContext): SandboxResponse => {
    const off = whenOff(rc, false);
    if (off) return off;
    const body = parseJsonBodyWith(rc.req, IdsBody);
    if (!body.ok) return badRequest(rc, body.error);
    const store = rc.world.documentation;
    const docs: DocumentRecord[] = [];
    for (const id of new Set(body.value)) {
      const doc = store.documents.get(id);
      if (doc === undefined) return badRequest(rc, `no document ${id}`);
      docs.push(doc);
    }
    const now = rc.ctx.now();
    for (const doc of docs) {
      if (doc.archived === archived) continue;
      doc.archived = archived;
      doc.updateTime = now / 1000;
      store.writes.push({ op: archived ? "archive" : "restore", documentId: doc.documentId, organizationId: doc.organizationId, fields: [], at: now });
    }
    return jsonResponse(200, docs.map((d) => documentView(rc, d)), { route: rc.route });
  };
}

export const documentRoutes: ApiRoute[] = [
  { method: "GET", template: "/v2/document-templates", scope: "monitoring", handle: listTemplates },
  { method: "POST", template: "/v2/document-templates", scope: "management", handle: createTemplate },
  { method: "POST", template: "/v2/document-templates/{documentTemplateId}/archive", scope: "management", handle: archiveTemplate(true) },
  { method: "POST", template: "/v2/document-templates/{documentTemplateId}/restore", scope: "management", handle: archiveTemplate(false) },
  { method: "GET", template: "/v2/document-templates/{documentTemplateId}", scope: "monitoring", handle: getTemplate },
  { method: "PUT", template: "/v2/document-templates/{documentTemplateId}", scope: "management", handle: updateTemplate },
  { method: "GET", template: "/v2/organization/documents", scope: "monitoring", handle: allDocuments },
  { method: "POST", template: "/v2/organization/documents", scope: "management", handle: createDocuments },
  { method: "PATCH", template: "/v2/organization/documents", scope: "management", handle: updateDocuments },
  { method: "POST", template: "/v2/organization/documents/archive", scope: "management", handle: archiveDocuments(true) },
  { method: "POST", template: "/v2/organization/documents/restore", scope: "management", handle: archiveDocuments(false) },
  { method: "GET", template: "/v2/organization/{organizationId}/documents", scope: "monitoring", handle: orgDocuments },
];
