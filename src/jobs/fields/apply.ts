import { mapConcurrent } from "../../clients/async-lists.js";
import { writeCustomFieldValues } from "../../clients/ninjaone/custom-field-values.js";
import type { HttpClient } from "../../http/index.js";
import type { StateHandle } from "../../state/index.js";
import type { FieldScope, FieldValue, FieldWriteAction } from "./plan/index.js";
import type { JobHooks } from "../job.js";

/** PATCHes in flight at once; the NinjaOne client's rate limiter spaces them further. */
const DEFAULT_CONCURRENCY = 4;

export interface WrittenEntity {
  scope: FieldScope;
  entityId: number;
  entityName?: string;
  fields: string[];
}

export interface FailedEntity extends WrittenEntity {
  reason: string;
}

export interface FieldWriteOutcome {
  written: WrittenEntity[];
  failed: FailedEntity[];
}

/** Sends one entity's fields; the seam tests replace. */
export type FieldWriter = (scope: FieldScope, entityId: number, fields: Readonly<Record<string, FieldValue>>) => Promise<void>;

export function entityLabel(a: { scope: FieldScope; entityId: number; entityName?: string }): string {
  const kind = a.scope === "device" ? "device" : "org";
  return a.entityName === undefined ? `${kind} ${a.entityId}` : `${a.entityName} (${kind} ${a.entityId})`;
}

export function applyFieldWrites(
  http: HttpClient,
  state: StateHandle,
  actions: readonly FieldWriteAction[],
  hooks: JobHooks,
  options: { concurrency?: number; now?: () => Date } = {},
): Promise<FieldWriteOutcome> {
  return writeEach((scope, id, fields) => writeCustomFieldValues(http, scope, id, fields), state, actions, hooks, options);
}

/**
 * One PATCH per planned entity, a few at once. Each success is recorded in the state right
 * after it lands (the state serialises the writes), so a killed run keeps every hash of what
 * NinjaOne already holds; a failure records nothing and the next run plans it again. A
 * state that cannot be written stops the run: going on would write values it cannot remember.
 */
export async function writeEach(
  write: FieldWriter,
  state: StateHandle,
  actions: readonly FieldWriteAction[],
  hooks: JobHooks,
  options: { concurrency?: number; now?: () => Date } = {},
): Promise<FieldWriteOutcome> {
  const now = options.now ?? (() => new Date());
  const writes = actions.flatMap((a) => (a.kind === "write" ? [a] : []));
  const outcome: FieldWriteOutcome = { written: [], failed: [] };
  let done = 0;
  const results = mapConcurrent(writes, options.concurrency ?? DEFAULT_CONCURRENCY, async (action) => {
    const entity = { scope: action.scope, entityId: action.entityId, ...(action.entityName === undefined ? {} : { entityName: action.entityName }), fields: Object.keys(action.fields) };
    try {
      await write(action.scope, action.entityId, action.fields);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      outcome.failed.push({ ...entity, reason });
      hooks.onAction?.({ job: "fields", action: "write-fields", target: entityLabel(action), result: "failed", detail: reason });
      return;
    }
    const writtenAt = now().toISOString();
    await state.update((draft) => {
      for (const r of action.record) draft.fieldWrites[r.key] = { ...r, writtenAt };
    });
    outcome.written.push(entity);
    hooks.onAction?.({ job: "fields", action: "write-fields", target: entityLabel(action), result: "applied", detail: entity.fields.join(", ") });
  });
  for await (const _ of results) hooks.onProgress?.(++done, writes.length);
  return outcome;
}
