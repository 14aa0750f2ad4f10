import type { CustomFieldDefinition } from "../../../clients/ninjaone/custom-fields.js";
import { resolveField } from "../../shared/resolve-field.js";

/** Secure (TEXT_ENCRYPTED) keeps the token out of technicians' sight; plain TEXT works too. */
export const TOKEN_FIELD_TYPES: readonly string[] = ["TEXT_ENCRYPTED", "TEXT"];
/** ninja-bridge only writes the token, so write-only is enough (a secure field is often write-only). */
const WRITABLE: readonly string[] = ["WRITE_ONLY", "READ_WRITE"];
const SCRIPT_READABLE: readonly string[] = ["READ_ONLY", "READ_WRITE"];

export type TokenFieldCheck = { ok: true; field: CustomFieldDefinition } | { ok: false; reason: string; fix: string };

/**
 * Whether a NinjaOne field can hold the registration token, checked as `fields map` checks
 * fields (the same name/label lookup and scope rule): an active organization field of a
 * secure or text type that the API can write. Every refusal is named at once.
 */
export function checkTokenField(definitions: readonly CustomFieldDefinition[], nameOrLabel: string): TokenFieldCheck {
  const found = resolveField(definitions, nameOrLabel);
  if (found.kind !== "found") return { ok: false, reason: found.reason, fix: "give the API name of an organization field (`ninja-bridge fields list` lists them)" };
  const d = found.definition;
  const problems: string[] = [];
  const fixes: string[] = [];
  if (!d.active) {
    problems.push("it is inactive");
    fixes.push("reactivate it");
  }
  if (!TOKEN_FIELD_TYPES.includes(d.type)) {
    problems.push(`it is of type ${d.type}, not ${TOKEN_FIELD_TYPES.join(" or ")}`);
    fixes.push("use a Secure (or Text) field");
  }
  const scope = "ORGANIZATION";
  if (!d.scopes.includes(scope)) {
    problems.push(`it is not defined for organizations (${d.scopes.join(", ") || "no scope"})`);
    fixes.push(`add the ${scope} scope`);
  }
  if (!WRITABLE.includes(d.apiPermission)) {
    problems.push(`its API permission is ${d.apiPermission}`);
    fixes.push("set its API permission to Write only or Read/Write");
  }
  // The install scripts read the token on the device; a field NinjaOne says scripts cannot read is of no use.
  if (d.scriptPermission !== undefined && !SCRIPT_READABLE.includes(d.scriptPermission)) {
    problems.push(`its script permission is ${d.scriptPermission}, so the install script cannot read it`);
    fixes.push("set its script permission to Read only or Read/Write");
  }
  if (problems.length === 0) return { ok: true, field: d };
  return { ok: false, reason: `field "${d.label}" (${d.name}) cannot hold the token: ${problems.join("; ")}`, fix: `In NinjaOne: ${fixes.join(", ")}; or choose another field.` };
}
