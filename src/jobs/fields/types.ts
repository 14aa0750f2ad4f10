/** Where a custom field value lives in NinjaOne: on a device or on an organization. */
export type FieldScope = "device" | "organization";

/**
 * A value as NinjaOne's PATCH body carries it (reference ninjaone-api §5): text as a string,
 * DATE and DATE_TIME as integer epoch milliseconds, WYSIWYG as `{ html }`.
 */
export type FieldValue = string | number | { html: string };

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
