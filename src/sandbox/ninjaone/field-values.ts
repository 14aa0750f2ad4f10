import type { SandboxRequest, SandboxResponse } from "../contract.js";
import { emptyResponse, jsonResponse, parseJsonBody } from "../http-util.js";
import { appError } from "./errors.js";
import { canRead, canWrite, type DefinitionScope, type FieldDefinition } from "./field-definitions.js";
import type { NinjaOneOptions } from "./options.js";
import type { NinjaWorld, ValueScope } from "./world.js";

/**
 * Reading and writing custom-field values of devices and organizations (reference §5):
 * objects keyed by field *name*; a PATCH touches only the keys sent and answers 204.
 */

const STRING_TYPES = new Set(["TEXT", "TEXT_MULTILINE", "EMAIL", "PHONE", "URL", "IP_ADDRESS", "TEXT_ENCRYPTED"]);
const INT32_MAX = 2147483647;

/**
 * Whether `value` is an acceptable encoding for a field of this definition. DATE is epoch
 * milliseconds as an integer (a fractional value is rejected, reference §5). DATE_TIME and
 * TIME are UNVERIFIED; the strict reading is applied: DATE_TIME as integer epoch ms like
 * DATE, TIME as integer seconds since midnight.
 */
export function isValidFieldValue(def: FieldDefinition, value: unknown): boolean {
  if (STRING_TYPES.has(def.type)) return typeof value === "string";
  switch (def.type) {
    case "WYSIWYG":
      return typeof value === "object" && value !== null && !Array.isArray(value) && typeof (value as { html?: unknown }).html === "string";
    case "DATE":
    case "DATE_TIME":
      return Number.isSafeInteger(value) && (value as number) >= 0;
    case "TIME":
      return Number.isSafeInteger(value) && (value as number) >= 0 && (value as number) < 86400;
    case "CHECKBOX":
      return typeof value === "boolean";
    case "NUMERIC":
      return Number.isInteger(value) && Math.abs(value as number) <= INT32_MAX;
    case "DECIMAL":
      return typeof value === "number" && Number.isFinite(value);
    case "DROPDOWN":
      return typeof value === "string" && def.options.some((o) => o.active && o.id === value);
    case "MULTI_SELECT":
      return Array.isArray(value) && value.every((v) => typeof v === "string" && def.options.some((o) => o.active && o.id === v));
    default:
      // Attachments, node/client pickers, monetary, identifier and TOTP fields are not writable here.
      return false;
  }
}

function definitionScopeOf(scope: ValueScope): DefinitionScope {
  return scope === "device" ? "NODE" : "ORGANIZATION";
}

function definitionsFor(world: NinjaWorld, scope: ValueScope): Map<string, FieldDefinition> {
  const wanted = definitionScopeOf(scope);
  return new Map(world.fieldDefinitions.filter((d) => d.definitionScope.includes(wanted)).map((d) => [d.name, d]));
}

/**
 * The values of one entity. With `withInheritance`, a device shows its organization's value
 * for fields defined at both levels that the device has no value for.
 */
export function readFieldValues(
  world: NinjaWorld,
  scope: ValueScope,
  entityId: number,
  parent?: { organizationId: number },
): Record<string, unknown> {
  const defs = definitionsFor(world, scope);
  const out: Record<string, unknown> = {};
  if (parent !== undefined) {
    for (const [name, value] of world.values("organization", parent.organizationId)) {
      const def = defs.get(name);
      if (def !== undefined && canRead(def)) out[name] = value;
    }
  }
  for (const [name, value] of world.values(scope, entityId)) {
    const def = defs.get(name);
    if (def !== undefined && canRead(def)) out[name] = value;
  }
  return out;
}

/**
 * Validates every key before writing any, so a rejected PATCH changes nothing. Unknown names
 * (labels sent instead of names, or fields of another scope) and fields without API write
 * permission are refused; the reference marks both responses UNVERIFIED ("expect a 4xx with
 * resultCode/errorMessage, possibly a silent no-op"), so the stricter 4xx is answered.
 */
export function patchFieldValues(
  world: NinjaWorld,
  scope: ValueScope,
  entityId: number,
  req: SandboxRequest,
  now: number,
  route: string,
  options: Pick<NinjaOneOptions, "clearWithNull">,
  role?: number,
): SandboxResponse {
  const parsed = parseJsonBody(req);
  if (!parsed.ok) return { ...appError(400, parsed.error), route };
  const input = parsed.value;
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    return { ...appError(400, "Request body must be an object keyed by field name"), route };
  }
  const defs = definitionsFor(world, scope);
  const changes: [string, unknown][] = [];
  const clears: string[] = [];
  for (const [name, value] of Object.entries(input)) {
    const def = defs.get(name);
    if (def === undefined) return { ...appError(400, `INVALID_ATTRIBUTE: no custom field named '${name}'`), route };
    if (!canWrite(def)) return { ...appError(403, `ATTRIBUTE_API_PERMISSION_DENIED: '${name}' is not writable through the API`), route };
    // A role field exists only on devices of its roles; what NinjaOne answers otherwise is undocumented: the least kind reading refuses the whole PATCH.
    if (def.scope === "NODE_ROLE" && role !== undefined && !(def.roles ?? []).includes(role)) return { ...appError(400, `INVALID_ATTRIBUTE: the device's role has no field '${name}'`), route };
    // Reference §5: sending "" or null did not clear a text field and returned no error; the clearWithNull knob lets null clear.
    if (value === null && options.clearWithNull) clears.push(name);
    if (value === null || value === "") continue;
    if (!isValidFieldValue(def, value)) return { ...appError(400, "INVALID_ATTRIBUTE_VALUE"), route };
    changes.push([name, value]);
  }
  const values = world.values(scope, entityId);
  for (const [name, value] of changes) {
    values.set(name, value);
    world.fieldWrites.push({ scope, entityId, field: name, value, at: now });
  }
  for (const name of clears) {
    values.delete(name);
    world.fieldWrites.push({ scope, entityId, field: name, value: null, at: now });
  }
  return emptyResponse(204, { route });
}

export function fieldValuesResponse(values: Record<string, unknown>, route: string): SandboxResponse {
  return jsonResponse(200, values, { route });
}
