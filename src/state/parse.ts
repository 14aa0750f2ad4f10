import type { z } from "zod";
import { stringPool } from "../string-pool.js";
import { applyMigrations, type Migration } from "./migrations.js";
import { BULK_SECTIONS, keyMismatch, STATE_VERSION, StateDocumentSchema, type StateDocument } from "./schema.js";

export interface ParseOptions {
  migrations: readonly Migration[];
}

export type ParseFailure =
  | { ok: false; kind: "not-json"; detail: string }
  | { ok: false; kind: "schema"; fieldPath: string; detail: string; fileVersion?: number }
  | { ok: false; kind: "newer-version"; fileVersion: number; knownVersion: number }
  | { ok: false; kind: "no-migration"; fileVersion: number; missingFrom: number; knownVersion: number };

export type ParseResult = { ok: true; doc: StateDocument; fileVersion: number; migratedFrom: number[] } | ParseFailure;

/** `mappings.acronis.12.ninjaOrgName`; the root itself reads as `(document)`. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  return path.length === 0 ? "(document)" : path.map(String).join(".");
}

function firstIssue(error: z.ZodError): { fieldPath: string; detail: string } {
  const issue = error.issues[0];
  if (!issue) return { fieldPath: "(document)", detail: "invalid" };
  return { fieldPath: formatIssuePath(issue.path), detail: issue.message };
}

/**
 * Text of a state file → a validated document, or the reason it cannot be used. Pure, so
 * the loader and `state verify` judge a file the same way.
 */
export function parseStateText(text: string, options: ParseOptions): ParseResult {
  const knownVersion = STATE_VERSION;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { ok: false, kind: "not-json", detail: (error as Error).message };
  }
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    return { ok: false, kind: "schema", fieldPath: "(document)", detail: "expected a JSON object" };
  }
  const record = raw as Record<string, unknown>;
  const version = record.version;
  if (typeof version !== "number" || !Number.isInteger(version) || version < 0) {
    return { ok: false, kind: "schema", fieldPath: "version", detail: "expected a non-negative integer" };
  }
  if (version > knownVersion) return { ok: false, kind: "newer-version", fileVersion: version, knownVersion };

  const migrated = applyMigrations(record, version, knownVersion, options.migrations);
  if (!migrated.ok) {
    return { ok: false, kind: "no-migration", fileVersion: version, missingFrom: migrated.missingFrom, knownVersion };
  }
  const doc = migrated.doc as Record<string, unknown>;
  const bulk: Record<string, Record<string, unknown>> = {};
  for (const [name, section] of Object.entries(BULK_SECTIONS)) {
    const entries = doc[name];
    if (typeof entries !== "object" || entries === null || Array.isArray(entries)) continue;
    const failure = checkBulkSection(name, entries as Record<string, unknown>, section);
    if (failure !== undefined) return { ok: false, kind: "schema", ...failure, fileVersion: version };
    bulk[name] = entries as Record<string, unknown>;
    doc[name] = {};
  }
  const parsed = StateDocumentSchema.safeParse(doc);
  if (!parsed.success) return { ok: false, kind: "schema", ...firstIssue(parsed.error), fileVersion: version };
  return { ok: true, doc: Object.assign(parsed.data, bulk), fileVersion: version, migratedFrom: migrated.applied };
}

/**
 * The first entry of a bulk section (see BULK_SECTIONS) that does not fit its schema or is filed
 * under another key. Entries that fit share their strings: the key each is filed under is also
 * its `key`, a repeated property's value is one string, and so is the text of an `often` pair.
 */
function checkBulkSection(
  name: string,
  entries: Record<string, unknown>,
  section: { schema: z.ZodType; idOf: (entry: never) => string; repeated: readonly string[]; often: Readonly<Record<string, string>> },
): { fieldPath: string; detail: string } | undefined {
  const shared = stringPool();
  for (const key in entries) {
    const entry = entries[key] as Record<string, unknown>;
    const checked = section.schema.safeParse(entry);
    if (!checked.success) {
      const issue = checked.error.issues[0];
      return { fieldPath: formatIssuePath([name, key, ...(issue?.path ?? [])]), detail: issue?.message ?? "invalid" };
    }
    const mismatch = keyMismatch(key, section.idOf(checked.data as never));
    if (mismatch !== undefined) return { fieldPath: formatIssuePath([name, key]), detail: mismatch };
    if (entry.key === key) entry.key = key;
    for (const property of section.repeated) entry[property] = shared(entry[property] as string);
    for (const [property, other] of Object.entries(section.often)) if (entry[property] === entry[other]) entry[property] = entry[other];
  }
  return undefined;
}
