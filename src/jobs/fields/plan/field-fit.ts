import type { FieldSource } from "./sources.js";
import type { FieldDefinitionFacts, FieldScope } from "./types.js";

export type FitProblem = "type" | "scope" | "permission" | "inactive";

export interface FitRefusal {
  problem: FitProblem;
  /** What is wrong, naming the field and the source. */
  reason: string;
  /** What the operator can do about it. */
  fix: string;
}

export type FieldFit = { ok: true } | { ok: false; refusals: FitRefusal[] };

/** The `definitionScope` entry a field needs to hold values of each scope. */
export const DEFINITION_SCOPE: Readonly<Record<FieldScope, string>> = { device: "NODE", organization: "ORGANIZATION" };

/**
 * `fields map` requires READ_WRITE, as the issue and CIPP do, although the reference says
 * WRITE_ONLY can be written too: a field the API cannot read back cannot be checked later.
 */
export const REQUIRED_API_PERMISSION = "READ_WRITE";

const SCOPE_WORD: Readonly<Record<FieldScope, string>> = { device: "device", organization: "organization" };

/**
 * Whether a NinjaOne custom field can take a source's values, and if not, every reason with
 * its fix, so one attempt tells the operator all that needs changing.
 */
export function checkFieldFit(source: FieldSource, definition: FieldDefinitionFacts): FieldFit {
  const refusals: FitRefusal[] = [];
  const field = `field "${definition.label}" (${definition.name})`;
  if (!definition.active) {
    refusals.push({
      problem: "inactive",
      reason: `${field} is inactive in NinjaOne`,
      fix: "Reactivate the field in NinjaOne's custom field settings, or map another field.",
    });
  }
  if (!source.acceptedTypes.includes(definition.type)) {
    refusals.push({
      problem: "type",
      reason: `${field} is of type ${definition.type}; ${source.label} needs ${source.acceptedTypes.join(" or ")}`,
      fix: `Map a ${source.acceptedTypes.join(" or ")} field, or create one in NinjaOne.`,
    });
  }
  const needed = DEFINITION_SCOPE[source.scope];
  if (!definition.scopes.includes(needed)) {
    const has = definition.scopes.length === 0 ? "no scope" : definition.scopes.join(", ");
    refusals.push({
      problem: "scope",
      reason: `${field} is defined for ${has}; ${source.label} is written to each ${SCOPE_WORD[source.scope]} and needs ${needed}`,
      fix: `Map a ${SCOPE_WORD[source.scope]} field, or add the ${needed} scope to this field in NinjaOne.`,
    });
  }
  if (definition.apiPermission !== REQUIRED_API_PERMISSION) {
    refusals.push({
      problem: "permission",
      reason: `${field} has API permission ${definition.apiPermission}; ninja-bridge needs ${REQUIRED_API_PERMISSION}`,
      fix: `Set the field's API permission to Read/Write (${REQUIRED_API_PERMISSION}) in NinjaOne.`,
    });
  }
  return refusals.length === 0 ? { ok: true } : { ok: false, refusals };
}

/** The fields a source can be mapped to, for `fields map --interactive`, in the order given. */
export function fieldsThatFit<T extends FieldDefinitionFacts>(source: FieldSource, definitions: readonly T[]): T[] {
  return definitions.filter((d) => checkFieldFit(source, d).ok);
}
