import type { CustomFieldDefinition } from "../../../clients/ninjaone/custom-fields.js";
import { resolveField } from "../../shared/resolve-field.js";

/** A field the API can read: the Entra id is filled on the machine (a script), ninja-bridge only reads it. */
const READABLE = ["READ_ONLY", "READ_WRITE"];

/**
 * The NinjaOne field `devices config --entra-id-field` may name: it exists, is active, holds
 * text on devices (NODE scope) and the API may read it. Otherwise every reason, with the fix.
 */
export function checkEntraField(definitions: readonly CustomFieldDefinition[], nameOrLabel: string): { ok: true; field: CustomFieldDefinition } | { ok: false; reasons: string[] } {
  const found = resolveField(definitions, nameOrLabel);
  if (found.kind !== "found") return { ok: false, reasons: [found.reason] };
  const field = found.definition;
  const what = `field "${field.label}" (${field.name})`;
  const reasons: string[] = [];
  if (!field.active) reasons.push(`${what} is inactive in NinjaOne; reactivate it`);
  if (field.type !== "TEXT") reasons.push(`${what} is of type ${field.type}; the Entra device id needs a TEXT field`);
  if (!field.scopes.includes("NODE")) reasons.push(`${what} is not defined for devices (NODE scope); add that scope in NinjaOne`);
  if (!READABLE.includes(field.apiPermission)) reasons.push(`${what} has API permission ${field.apiPermission}; set it to Read Only or Read/Write`);
  return reasons.length === 0 ? { ok: true, field } : { ok: false, reasons };
}
