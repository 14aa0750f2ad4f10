import type { FieldScope, FieldValue } from "../../../clients/ninjaone/custom-field-values.js";

export type { FieldScope, FieldValue };

/**
 * The facts of a NinjaOne custom field definition that mapping decisions read. The NinjaOne
 * client's `CustomFieldDefinition` has this shape; only these members are relied on.
 */
export interface FieldDefinitionFacts {
  /** The API name values are written under (never the label). */
  name: string;
  label: string;
  /** One of the AttributeType enum; kept open so an unknown type is refused, not crashed on. */
  type: string;
  /** `definitionScope`: NODE, END_USER, LOCATION, ORGANIZATION. */
  scopes: readonly string[];
  /** NONE, READ_ONLY, WRITE_ONLY or READ_WRITE. */
  apiPermission: string;
  active: boolean;
}
