import { UsageError } from "../../../errors.js";
import { checkFieldFit, FIELD_SOURCES, findSource, resolveField, type FieldDefinitionFacts, type FieldSource, type FitRefusal } from "./index.js";
import type { FieldsSettings } from "../settings.js";

export type MapFieldOutcome<T extends FieldDefinitionFacts> =
  | {
      kind: "mapped";
      source: FieldSource;
      field: T;
      settings: FieldsSettings;
      /** The field this source was mapped to before, when it changed. */
      replaced?: string;
      /** The same mapping was already stored. */
      unchanged: boolean;
      /** Other sources already writing this field: both would overwrite each other. */
      sharedWith: string[];
    }
  | { kind: "refused"; source: FieldSource; field: T; refusals: FitRefusal[] };

/** A source by id, or a usage error that lists the ids there are. */
export function sourceOrThrow(id: string): FieldSource {
  const source = findSource(id);
  if (source !== undefined) return source;
  throw new UsageError(`unknown source "${id}"`, { hint: `sources are: ${FIELD_SOURCES.map((s) => s.id).join(", ")}` });
}

/**
 * Maps a source to a NinjaOne field when the field fits (type, scope, API permission,
 * active); otherwise refuses with every reason and its fix. Nothing is stored here.
 */
export function mapField<T extends FieldDefinitionFacts>(
  settings: FieldsSettings,
  source: FieldSource,
  fieldArg: string,
  definitions: readonly T[],
  options: { licensedUsersOnly?: boolean; unusedLicenceExclusions?: string[] } = {},
): MapFieldOutcome<T> {
  const lookup = resolveField(definitions, fieldArg);
  if (lookup.kind !== "found") {
    throw new UsageError(lookup.reason, { hint: "run `ninja-bridge fields list` to see the fields and their API names" });
  }
  const field = lookup.definition;
  const fit = checkFieldFit(source, field);
  if (!fit.ok) return { kind: "refused", source, field, refusals: fit.refusals };
  const before = settings.mappings[source.id];
  const licensedUsersOnly = options.licensedUsersOnly ?? settings.licensedUsersOnly;
  const exclusions = options.unusedLicenceExclusions ?? settings.unusedLicenceExclusions;
  const next: FieldsSettings = { ...settings, mappings: { ...settings.mappings, [source.id]: field.name }, licensedUsersOnly, ...(exclusions === undefined ? {} : { unusedLicenceExclusions: exclusions }) };
  const sharedWith = otherSourcesOn(settings, source, field.name);
  return {
    kind: "mapped",
    source,
    field,
    settings: next,
    ...(before !== undefined && before !== field.name ? { replaced: before } : {}),
    unchanged: before === field.name && licensedUsersOnly === settings.licensedUsersOnly && JSON.stringify(exclusions) === JSON.stringify(settings.unusedLicenceExclusions),
    sharedWith,
  };
}

/** Sources other than `source` mapped to the field named `fieldName`. */
function otherSourcesOn(settings: FieldsSettings, source: FieldSource, fieldName: string): string[] {
  return Object.entries(settings.mappings)
    .filter(([id, name]) => id !== source.id && name === fieldName)
    .map(([id]) => id);
}

export interface FieldChoice<T> {
  definition: T;
  /** Other sources already mapped to this field: mapping it here too makes each sync overwrite the other. */
  usedBy: string[];
}

/**
 * The fields a person may pick for `source`, free ones first: a field another source already
 * writes comes last and says who uses it, so the first choice offered is never a clash.
 * The order among free fields (and among used ones) stays as given.
 */
export function orderFieldChoices<T extends FieldDefinitionFacts>(settings: FieldsSettings, source: FieldSource, fitting: readonly T[]): FieldChoice<T>[] {
  const choices = fitting.map((definition) => ({
    definition,
    usedBy: otherSourcesOn(settings, source, definition.name),
  }));
  return [...choices.filter((c) => c.usedBy.length === 0), ...choices.filter((c) => c.usedBy.length > 0)];
}

/** The settings without the source's mapping, and the field it was mapped to (undefined when none). */
export function unmapField(settings: FieldsSettings, sourceId: string): { settings: FieldsSettings; removed?: string } {
  const id = sourceId.trim().toLowerCase();
  const removed = settings.mappings[id];
  if (removed === undefined) return { settings };
  const { [id]: _gone, ...rest } = settings.mappings;
  return { settings: { ...settings, mappings: rest }, removed };
}
