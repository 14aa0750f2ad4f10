import { fieldValueFor, type FieldValue, type SourceValue } from "./index.js";
import type { ActiveMapping } from "./active-mappings.js";

export interface EncodedFields {
  fields: Record<string, FieldValue>;
  /** Sources whose value could not be encoded for its field, with why. */
  invalid: Array<{ sourceId: string; reason: string }>;
}

/**
 * The PATCH values of one entity: each mapped source's value encoded for its field's type.
 * Absent values are left out (NinjaOne does not clear a field on "" or null).
 */
export function encodeFields(values: Readonly<Record<string, SourceValue>>, mappings: readonly ActiveMapping[]): EncodedFields {
  const fields: Record<string, FieldValue> = {};
  const invalid: EncodedFields["invalid"] = [];
  for (const { source, field } of mappings) {
    if (!(source.id in values)) continue;
    const result = fieldValueFor(source, values[source.id], field.type);
    if (result.kind === "value") fields[field.name] = result.value;
    else if (result.kind === "invalid") invalid.push({ sourceId: source.id, reason: result.reason });
  }
  return { fields, invalid };
}
