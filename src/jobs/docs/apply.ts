import { createDocuments, setDocumentsArchived, updateDocuments, type DocumentUpdate, type OrganizationDocument } from "../../clients/ninjaone/documents.js";
import { ApiError } from "../../errors.js";
import type { HttpClient } from "../../http/index.js";
import { docsStateOf, type StateDocument, type StateHandle } from "../../state/index.js";
import type { JobHooks } from "../job.js";
import { applyEach } from "../shared/apply-loop.js";
import type { DocsPlan } from "./plan/plan-job.js";
import { docsCursorName } from "./plan/plan-job.js";
import type { DocAction } from "./plan/plan-org.js";
import { KEY_FIELD } from "./plan/templates.js";

/** Documents per request: CIPP's extension flushes its bulk writes every 100. */
export const DOCS_BATCH = 100;

type Op = DocAction["kind"];

interface Batch {
  op: Op;
  actions: DocAction[];
}

/** Creates first, then updates, restores and archives, each in batches of DOCS_BATCH. */
export function batchesOf(actions: readonly DocAction[], size = DOCS_BATCH): Batch[] {
  const out: Batch[] = [];
  for (const op of ["create", "update", "restore", "archive"] as const) {
    const of = actions.filter((a) => a.kind === op);
    for (let i = 0; i < of.length; i += size) out.push({ op, actions: of.slice(i, i + size) });
  }
  return out;
}

/** Which created document is which: by our key field and organization, else (a response without values) by position. */
function matchCreated(batch: readonly DocAction[], made: readonly OrganizationDocument[]): Map<DocAction, number> {
  const out = new Map<DocAction, number>();
  batch.forEach((a, i) => {
    const byKey = made.find((d) => d.organizationId === a.org.id && d.fields[KEY_FIELD] === a.sourceId);
    const id = byKey?.documentId ?? (made.length === batch.length ? made[i]?.documentId : undefined);
    if (id !== undefined) out.set(a, id);
  });
  return out;
}

function updateOf(a: Extract<DocAction, { kind: "update" | "restore" }>): DocumentUpdate {
  return { documentId: a.documentId, fields: a.fields, ...(a.rename === undefined ? {} : { documentName: a.rename }) };
}

async function send(http: HttpClient, batch: Batch): Promise<Map<DocAction, number>> {
  const ids = new Map<DocAction, number>();
  if (batch.op === "create") {
    const creates = batch.actions.flatMap((a) => (a.kind === "create" ? [{ documentName: a.name, documentTemplateId: a.templateId, organizationId: a.org.id, fields: a.fields }] : []));
    return matchCreated(batch.actions, await createDocuments(http, creates));
  }
  const existing = batch.actions.flatMap((a) => (a.kind === "create" ? [] : [a]));
  if (batch.op === "archive" || batch.op === "restore") await setDocumentsArchived(http, existing.map((a) => a.documentId), batch.op === "archive");
  const updates = existing.flatMap((a) => (a.kind === "update" || (a.kind === "restore" && (Object.keys(a.fields).length > 0 || a.rename !== undefined)) ? [updateOf(a)] : []));
  if (updates.length > 0) await updateDocuments(http, updates);
  for (const a of existing) ids.set(a, a.documentId);
  return ids;
}

interface Sent {
  ids: Map<DocAction, number>;
  /** Documents NinjaOne refused as invalid, with its reason. */
  refused: Map<DocAction, string>;
}

/**
 * NinjaOne refuses a whole batch for one invalid document (400: nothing of it landed), so a
 * refused batch is halved and each half sent again, until the bad documents stand alone: one
 * bad document costs itself, not the other 99. Any other failure fails the batch.
 */
async function sendSplitting(http: HttpClient, batch: Batch): Promise<Sent> {
  try {
    return { ids: await send(http, batch), refused: new Map() };
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 400) throw error;
    const [only] = batch.actions;
    if (batch.actions.length === 1 && only !== undefined) return { ids: new Map(), refused: new Map([[only, error.message]]) };
    const half = Math.ceil(batch.actions.length / 2);
    const out: Sent = { ids: new Map(), refused: new Map() };
    for (const part of [batch.actions.slice(0, half), batch.actions.slice(half)]) {
      const sent = await sendSplitting(http, { op: batch.op, actions: part });
      for (const [a, id] of sent.ids) out.ids.set(a, id);
      for (const [a, reason] of sent.refused) out.refused.set(a, reason);
    }
    return out;
  }
}

function record(draft: StateDocument, a: DocAction, documentId: number, at: string): void {
  const documents = docsStateOf(draft).documents;
  const before = documents[a.key];
  if (a.kind === "archive") {
    if (before !== undefined) documents[a.key] = { ...before, archived: true, writtenAt: at };
    return;
  }
  documents[a.key] = {
    key: a.key,
    ninjaOrgId: a.org.id,
    kind: a.docKind,
    sourceId: a.sourceId,
    documentId,
    templateId: a.templateId,
    name: a.name,
    fieldHashes: a.hashes,
    archived: false,
    writtenAt: at,
  };
}

export interface DocsOutcome {
  applied: DocAction[];
  failed: { action: DocAction; reason: string }[];
  /** Not sent because the run's window (`sync --max-duration`) closed: nothing recorded, the next run plans them again. */
  left: DocAction[];
  stop?: unknown;
}

/**
 * Sends the plan in bulk batches, one at a time (the NinjaOne client's rate limiter spaces
 * them), and records each batch's documents as soon as it lands. NinjaOne refuses a whole
 * batch for one bad document, so a failure costs its batch, which the next run plans again.
 * Then the tenants whose documents all landed are recorded as read, for sync.cippRefreshMinutes.
 * Once `open` says the run's window closed, no further batch starts.
 */
export async function applyDocs(http: HttpClient, state: StateHandle, plan: DocsPlan, hooks: JobHooks, options: { open?: () => boolean; now?: () => Date } = {}): Promise<DocsOutcome> {
  const now = options.now ?? (() => new Date());
  const result = await applyEach(
    batchesOf(plan.actions),
    {
      job: "docs",
      describe: (b) => ({ action: `${b.op}-documents`, target: `${b.actions.length} document${b.actions.length === 1 ? "" : "s"} in ${new Set(b.actions.map((a) => a.org.id)).size} organization(s)` }),
      run: (b) => sendSplitting(http, b),
      record: (b, sent) =>
        state.update((draft) => {
          const at = now().toISOString();
          for (const a of b.actions) {
            const id = sent.ids.get(a);
            if (id !== undefined) record(draft, a, id, at);
          }
        }),
      detail: (_b, sent) => (sent.refused.size > 0 ? `${sent.refused.size} refused by NinjaOne` : undefined),
    },
    { concurrency: 1, hooks, ...(options.open === undefined ? {} : { open: options.open }) },
  );
  const refused = result.applied.flatMap(({ result: sent }) => [...sent.refused].map(([action, reason]) => ({ action, reason })));
  for (const r of refused) hooks.onAction?.({ job: "docs", action: `${r.action.kind}-document`, target: r.action.key, result: "failed", detail: r.reason });
  const outcome: DocsOutcome = {
    applied: result.applied.flatMap(({ result: sent }) => [...sent.ids.keys()]),
    failed: [...refused, ...result.failed.flatMap(({ action, error }) => action.actions.map((a) => ({ action: a, reason: error })))],
    left: (result.left ?? []).flatMap((b) => b.actions),
    ...(result.stop === undefined ? {} : { stop: result.stop }),
  };
  if (outcome.stop !== undefined) return outcome;
  // A tenant with a document failed or left is read again next run.
  const unfinished = new Set([...outcome.failed.map((f) => f.action), ...outcome.left].map((a) => a.org.id));
  const done = plan.read.filter((r) => !unfinished.has(r.orgId));
  if (done.length > 0) {
    await state.update((draft) => {
      const at = now().toISOString();
      for (const r of done) {
        const name = docsCursorName(r.tenantId);
        draft.cursors[name] = { name, cursor: at, updatedAt: at };
      }
    });
  }
  return outcome;
}
