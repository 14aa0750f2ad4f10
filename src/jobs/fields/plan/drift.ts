import { checkFieldFit, type FitProblem } from "./field-fit.js";
import { findSource } from "./sources.js";
import type { FieldDefinitionFacts } from "./types.js";

/** A source mapped to a field, as the state or settings record it. */
export interface FieldMapping {
  sourceId: string;
  fieldName: string;
}

export type DriftProblem = "deleted" | "unknown-source" | FitProblem;

export interface DriftFinding {
  sourceId: string;
  fieldName: string;
  problem: DriftProblem;
  reason: string;
  fix: string;
}

/**
 * What `fields map check` reports: mapped fields that were deleted, retyped, rescoped,
 * deactivated or lost API write permission since they were mapped. Empty means no drift.
 */
export function checkMappedFields(mappings: readonly FieldMapping[], definitions: readonly FieldDefinitionFacts[]): DriftFinding[] {
  const byName = new Map(definitions.map((d) => [d.name, d]));
  const findings: DriftFinding[] = [];
  for (const { sourceId, fieldName } of mappings) {
    const source = findSource(sourceId);
    if (source === undefined) {
      findings.push({
        sourceId,
        fieldName,
        problem: "unknown-source",
        reason: `the mapping names source "${sourceId}", which this version of ninja-bridge does not know`,
        fix: `Remove it with \`fields unmap ${sourceId}\`.`,
      });
      continue;
    }
    const definition = byName.get(fieldName);
    if (definition === undefined) {
      findings.push({
        sourceId,
        fieldName,
        problem: "deleted",
        reason: `field ${fieldName}, mapped to ${source.label}, no longer exists in NinjaOne`,
        fix: `Map ${sourceId} to another field, or run \`fields unmap ${sourceId}\`.`,
      });
      continue;
    }
    const fit = checkFieldFit(source, definition);
    if (!fit.ok) for (const r of fit.refusals) findings.push({ sourceId, fieldName, problem: r.problem, reason: r.reason, fix: r.fix });
  }
  return findings;
}
