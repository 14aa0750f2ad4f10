/** What a lookup reads of a NinjaOne custom field definition. */
interface NamedField {
  /** The API name values are written under. */
  name: string;
  label: string;
}

export type FieldLookup<T> =
  | { kind: "found"; definition: T }
  | { kind: "missing"; reason: string }
  | { kind: "ambiguous"; reason: string; candidates: T[] };

/**
 * The definition an operator meant by `<field>`: the exact API name first (that is what
 * values are keyed by), else a label, case-insensitively, only when one field carries it.
 */
export function resolveField<T extends NamedField>(definitions: readonly T[], nameOrLabel: string): FieldLookup<T> {
  const wanted = nameOrLabel.trim();
  const byName = definitions.find((d) => d.name === wanted);
  if (byName !== undefined) return { kind: "found", definition: byName };
  const key = wanted.toLowerCase();
  const byLabel = definitions.filter((d) => d.label.trim().toLowerCase() === key || d.name.toLowerCase() === key);
  const [only] = byLabel;
  if (byLabel.length === 1 && only !== undefined) return { kind: "found", definition: only };
  if (byLabel.length > 1) {
    return {
      kind: "ambiguous",
      reason: `${byLabel.length} fields are called "${wanted}": ${byLabel.map((d) => d.name).join(", ")}; give the field's API name`,
      candidates: byLabel,
    };
  }
  return { kind: "missing", reason: `no NinjaOne custom field is named or labelled "${wanted}"` };
}
