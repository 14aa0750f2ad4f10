import { checkMappedFields, findSource, type DriftFinding, type FieldDefinitionFacts, type FieldSource } from "./index.js";
import type { FieldsSettings } from "../settings.js";
import { mappingList } from "../settings.js";
import type { TargetService } from "../../../services.js";

/** A mapping that can be written now: its source, and the field as NinjaOne defines it today. */
export interface ActiveMapping {
  source: FieldSource;
  field: FieldDefinitionFacts;
}

export interface MappingCheck {
  active: ActiveMapping[];
  /** Mapped fields that cannot take values now (deleted, retyped, lost API write permission). */
  blocked: DriftFinding[];
}

/**
 * The mappings of the chosen services, split into those that can be written and those
 * that cannot. A blocked field is left out of every PATCH: NinjaOne refuses a whole PATCH
 * for one bad key, which would lose the good fields of that device too.
 */
export function checkMappings(settings: FieldsSettings, definitions: readonly FieldDefinitionFacts[], services: readonly TargetService[]): MappingCheck {
  const wanted = mappingList(settings).filter((m) => {
    const source = findSource(m.sourceId);
    return source === undefined || services.includes(source.service);
  });
  const blocked = checkMappedFields(wanted, definitions);
  const blockedIds = new Set(blocked.map((b) => b.sourceId));
  const byName = new Map(definitions.map((d) => [d.name, d]));
  const active: ActiveMapping[] = [];
  for (const m of wanted) {
    const source = findSource(m.sourceId);
    const field = byName.get(m.fieldName);
    if (source !== undefined && field !== undefined && !blockedIds.has(m.sourceId)) active.push({ source, field });
  }
  return { active, blocked };
}
