import type { Target } from "../../shared/estates/target-estate.js";
import { findByIdOrName } from "./find-by-id-or-name.js";
import { targetLabel } from "./service-names.js";
import type { TargetService } from "../../../services.js";

/** An Acronis customer tenant by id or exact name; an M365 tenant also by its default domain. */
export function findTarget(targets: readonly Target[], service: TargetService, query: string): Target {
  return findByIdOrName(targets, query, {
    what: targetLabel(service),
    idOf: (t) => t.id,
    namesOf: (t) => (t.domain === undefined ? [t.name] : [t.name, t.domain]),
    describe: (t) => `"${t.name}" (${t.domain ?? t.id})`,
    notFoundHint:
      service === "acronis"
        ? "give the customer tenant's id or exact name as Acronis shows it, or pick it with 'ninja-bridge orgs map --interactive --acronis'"
        : "give the tenant's id, display name or default domain as CIPP shows it, or pick it with 'ninja-bridge orgs map --interactive --cipp'",
  });
}

/** What a link records as the target's name: the tenant's name, or the M365 default domain. */
export function targetNameOf(target: Target): string {
  return target.domain ?? target.name;
}
