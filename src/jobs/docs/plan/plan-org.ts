import type { DocumentValue, OrganizationDocument } from "../../../clients/ninjaone/documents.js";
import type { DocumentRecord } from "../../../state/index.js";
import { hashValue, NAME_HASH_KEY, type DesiredDocument } from "./documents.js";
import { KEY_FIELD, type DocKind } from "./templates.js";

export interface DocOrg {
  id: number;
  name: string;
}

interface Base {
  org: DocOrg;
  /** State key: `<orgId>:<kind>:<sourceId>`. */
  key: string;
  docKind: DocKind;
  sourceId: string;
  name: string;
  reason: string;
}

/** Fields to send and the hashes to record once they land. */
interface Write {
  fields: Record<string, DocumentValue>;
  hashes: Record<string, string>;
}

export type DocAction =
  | (Base & Write & { kind: "create"; templateId: number })
  | (Base & Write & { kind: "update"; templateId: number; documentId: number; rename?: string })
  | (Base & Write & { kind: "restore"; templateId: number; documentId: number; rename?: string })
  | (Base & { kind: "archive"; documentId: number });

export interface OrgPlan {
  actions: DocAction[];
  unchanged: number;
  /** Archives held back by the safety limit. */
  heldArchives: number;
}

export function docKey(orgId: number, kind: DocKind, sourceId: string): string {
  return `${orgId}:${kind}:${sourceId}`;
}

function hashesOf(doc: DesiredDocument): Record<string, string> {
  const out: Record<string, string> = { [NAME_HASH_KEY]: hashValue(doc.name) };
  for (const [name, value] of Object.entries(doc.fields)) out[name] = hashValue(value);
  return out;
}

/** The fields whose hash differs from what was last written (all of them when nothing is known). */
function changedFields(doc: DesiredDocument, hashes: Record<string, string>, before: Readonly<Record<string, string>> | undefined): Record<string, DocumentValue> {
  return Object.fromEntries(Object.entries(doc.fields).filter(([name]) => before?.[name] !== hashes[name]));
}

export interface OrgPlanInput {
  org: DocOrg;
  desired: readonly DesiredDocument[];
  /** What the state file holds for this organization. */
  records: readonly DocumentRecord[];
  /** The organization's live documents in NinjaOne. */
  live: readonly OrganizationDocument[];
  templateIds: Readonly<Record<DocKind, number>>;
  maxArchive: number;
}

/**
 * One organization's plan. A document is ours only through the state file (or, when a create
 * landed but was not recorded, through our key field in our template); any other document
 * is a technician's and never touched. Only changed fields are sent; a technician's rename
 * stays unless the user's own name changed. What left the tenant is archived, never deleted,
 * and not at all beyond `maxArchive`: an empty list from CIPP is a fault, not an instruction.
 */
export function planOrg(input: OrgPlanInput): OrgPlan {
  const { org, templateIds } = input;
  const liveIds = new Set(input.live.map((d) => d.documentId));
  const records = new Map(input.records.map((r) => [r.key, r]));
  const actions: DocAction[] = [];
  let unchanged = 0;
  const wanted = new Set<string>();
  for (const doc of input.desired) {
    const key = docKey(org.id, doc.kind, doc.sourceId);
    if (wanted.has(key)) continue;
    wanted.add(key);
    const templateId = templateIds[doc.kind];
    const record = records.get(key);
    // A field left out (its read failed) keeps the hash of what it last wrote, so the next
    // run does not send an unchanged value again.
    const hashes = { ...record?.fieldHashes, ...hashesOf(doc) };
    const base = { org, key, docKind: doc.kind, sourceId: doc.sourceId, name: doc.name, templateId, hashes };
    if (record !== undefined && record.archived) {
      const rename = record.fieldHashes[NAME_HASH_KEY] !== hashes[NAME_HASH_KEY] ? { rename: doc.name } : {};
      actions.push({ ...base, kind: "restore", documentId: record.documentId, fields: changedFields(doc, hashes, record.fieldHashes), ...rename, reason: "back in the tenant" });
      continue;
    }
    if (record !== undefined && liveIds.has(record.documentId) && record.templateId === templateId) {
      const fields = changedFields(doc, hashes, record.fieldHashes);
      const rename = record.fieldHashes[NAME_HASH_KEY] !== hashes[NAME_HASH_KEY] ? { rename: doc.name } : {};
      if (Object.keys(fields).length === 0 && !("rename" in rename)) {
        unchanged++;
        continue;
      }
      actions.push({ ...base, kind: "update", documentId: record.documentId, fields, ...rename, reason: `changed: ${[...Object.keys(fields), ...("rename" in rename ? ["name"] : [])].join(", ")}` });
      continue;
    }
    // A create that landed in an earlier run which died before recording it: NinjaOne shows it
    // in our template with our key, which a technician cannot set (the field is read-only to them).
    const unrecorded = input.live.find((d) => d.templateId === templateId && d.fields[KEY_FIELD] === doc.sourceId && ![...records.values()].some((r) => r.documentId === d.documentId));
    if (unrecorded !== undefined) {
      actions.push({ ...base, kind: "update", documentId: unrecorded.documentId, fields: doc.fields, rename: doc.name, reason: "found in NinjaOne, not yet recorded" });
      continue;
    }
    actions.push({ ...base, kind: "create", fields: doc.fields, reason: record === undefined ? "new in the tenant" : "gone from NinjaOne; made again" });
  }
  const leaving = input.records.filter((r) => !r.archived && !wanted.has(r.key) && liveIds.has(r.documentId));
  const held = leaving.length > input.maxArchive;
  if (!held) {
    for (const r of leaving) actions.push({ org, key: r.key, docKind: r.kind, sourceId: r.sourceId, name: r.name, kind: "archive", documentId: r.documentId, reason: "gone from the tenant" });
  }
  return { actions, unchanged, heldArchives: held ? leaving.length : 0 };
}
