import { z } from "zod";
import type { SandboxRequest, SandboxResponse } from "../contract.js";
import { jsonResponse, parseJsonBodyWith } from "../http-util.js";
import type { DocumentRecord } from "./document-store.js";
import type { NinjaWorld } from "./world.js";

/**
 * Control routes for Documentation: every document (archived ones and those a technician
 * made included) with its values and the API writes so far; and a document made by hand in
 * the UI, which a sync must leave alone.
 */

const HandMade = z.strictObject({
  organizationId: z.number().int().positive(),
  documentTemplateId: z.number().int().positive(),
  documentName: z.string().trim().min(1),
  fields: z.record(z.string(), z.unknown()).default({}),
});

function view(d: DocumentRecord): Record<string, unknown> {
  return {
    documentId: d.documentId,
    documentName: d.documentName,
    organizationId: d.organizationId,
    documentTemplateId: d.templateId,
    archived: d.archived,
    madeBy: d.madeBy,
    fields: Object.fromEntries([...d.values].map(([name, v]) => [name, v.value])),
  };
}

export function handleDocumentsControl(req: SandboxRequest, path: string, world: NinjaWorld, now: number): SandboxResponse | undefined {
  if (path !== "/documents") return undefined;
  const store = world.documentation;
  if (req.method.toUpperCase() === "GET") {
    return jsonResponse(200, { documents: [...store.documents.values()].map(view), writes: store.writes, templates: [...store.templates.values()].map((t) => ({ id: t.id, name: t.name, archived: t.archived })) });
  }
  if (req.method.toUpperCase() !== "POST") return undefined;
  const body = parseJsonBodyWith(req, HandMade);
  if (!body.ok) return jsonResponse(400, { error: body.error });
  const { organizationId, documentTemplateId, documentName, fields } = body.value;
  if (world.liveOrg(organizationId) === undefined) return jsonResponse(404, { error: `no organization ${organizationId}` });
  if (store.liveTemplate(documentTemplateId) === undefined) return jsonResponse(404, { error: `no document template ${documentTemplateId}` });
  return jsonResponse(201, view(store.addDocument({ documentName, organizationId, templateId: documentTemplateId, fields }, "technician", now)));
}
