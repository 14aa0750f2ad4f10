import type { CustomFieldDefinition } from "../../../clients/ninjaone/custom-fields.js";
import { DEFINITION_SCOPE, findSource, type FieldScope } from "./index.js";
import type { FieldsSettings } from "../settings.js";

/** One NinjaOne custom field as `fields list` shows it. */
export interface FieldListRow {
  name: string;
  label: string;
  type: string;
  /** device, organization, or both, from `definitionScope`; location and end-user scopes as NinjaOne names them. */
  scopes: string[];
  /** "global" or "role" (or "class"), from NinjaOne's deprecated `scope`; null when it is not sent. */
  kind: string | null;
  apiPermission: string;
  active: boolean;
  /** Source ids mapped to this field. */
  mappedFrom: string[];
}

const SCOPE_WORDS: Readonly<Record<string, string>> = { NODE: "device", ORGANIZATION: "organization", LOCATION: "location", END_USER: "end user" };
const FIELD_KIND: Readonly<Record<string, string>> = { NODE_GLOBAL: "global", NODE_ROLE: "role", NODE_CLASS: "class" };

/** Fields sorted by label, those of `scope` only when given, with the sources mapped to each. */
export function fieldListRows(definitions: readonly CustomFieldDefinition[], settings: FieldsSettings, scope?: FieldScope): FieldListRow[] {
  const wanted = scope === undefined ? undefined : DEFINITION_SCOPE[scope];
  return definitions
    .filter((d) => wanted === undefined || d.scopes.includes(wanted))
    .map((d) => ({
      name: d.name,
      label: d.label,
      type: d.type,
      scopes: d.scopes.map((s) => SCOPE_WORDS[s] ?? s.toLowerCase()),
      kind: d.fieldScope === null ? null : (FIELD_KIND[d.fieldScope] ?? d.fieldScope.toLowerCase()),
      apiPermission: d.apiPermission,
      active: d.active,
      mappedFrom: Object.entries(settings.mappings)
        .filter(([, name]) => name === d.name)
        .map(([id]) => id)
        .sort(),
    }))
    .sort((a, b) => a.label.localeCompare(b.label, "en") || a.name.localeCompare(b.name, "en"));
}

/** Mapped sources whose field is not among the definitions (deleted, or outside the listed scope). */
export function mappingsWithoutField(definitions: readonly CustomFieldDefinition[], settings: FieldsSettings): Array<{ sourceId: string; fieldName: string; label: string }> {
  const names = new Set(definitions.map((d) => d.name));
  return Object.entries(settings.mappings)
    .filter(([, name]) => !names.has(name))
    .map(([sourceId, fieldName]) => ({ sourceId, fieldName, label: findSource(sourceId)?.label ?? sourceId }));
}
