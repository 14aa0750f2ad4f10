import type { Link } from "../../shared/mappings.js";
import { TARGET_SERVICES, type TargetService } from "../../../services.js";

export type MappingChange =
  | { kind: "add"; service: TargetService; orgId: number; after: Link }
  | { kind: "change"; service: TargetService; orgId: number; before: Link; after: Link; reason: string }
  | { kind: "remove"; service: TargetService; orgId: number; before: Link };

type Links = Readonly<Record<TargetService, readonly Link[]>>;

function changeReason(before: Link, after: Link): string | undefined {
  if (before.targetId !== after.targetId) return `target ${before.targetId} → ${after.targetId}`;
  const renamed: string[] = [];
  if (before.orgName !== after.orgName) renamed.push(`organization name "${before.orgName}" → "${after.orgName}"`);
  if (before.targetName !== after.targetName) renamed.push(`target name "${before.targetName}" → "${after.targetName}"`);
  return renamed.length === 0 ? undefined : renamed.join(", ");
}

/**
 * What turns the `current` links into the `wanted` ones, per service and organization:
 * adds, changes (another target, or other names) and removals, in service then org id order.
 */
export function diffLinks(current: Links, wanted: Links): MappingChange[] {
  const changes: MappingChange[] = [];
  for (const service of TARGET_SERVICES) {
    const before = new Map(current[service].map((l) => [l.orgId, l]));
    const after = new Map(wanted[service].map((l) => [l.orgId, l]));
    const orgIds = [...new Set([...before.keys(), ...after.keys()])].sort((a, b) => a - b);
    for (const orgId of orgIds) {
      const was = before.get(orgId);
      const will = after.get(orgId);
      if (was === undefined && will !== undefined) changes.push({ kind: "add", service, orgId, after: will });
      else if (was !== undefined && will === undefined) changes.push({ kind: "remove", service, orgId, before: was });
      else if (was !== undefined && will !== undefined) {
        const reason = changeReason(was, will);
        if (reason !== undefined) changes.push({ kind: "change", service, orgId, before: was, after: will, reason });
      }
    }
  }
  return changes;
}

/**
 * The order to apply changes in so no step maps a target that another organization still holds
 * (two organizations swapping tenants): first every link that goes away or moves is removed,
 * then every new or moved link is recorded.
 */
export function applySteps(changes: readonly MappingChange[]): Array<{ kind: "unlink"; link: Link } | { kind: "link"; link: Link }> {
  const unlinks = changes.flatMap((c) => (c.kind === "remove" || (c.kind === "change" && c.before.targetId !== c.after.targetId) ? [{ kind: "unlink" as const, link: c.before }] : []));
  const links = changes.flatMap((c) => (c.kind === "add" || c.kind === "change" ? [{ kind: "link" as const, link: c.after }] : []));
  return [...unlinks, ...links];
}

/** Changes that take away or move an existing link: the destructive part of an import. */
export function countDestructive(changes: readonly MappingChange[]): number {
  return changes.filter((c) => c.kind === "remove" || (c.kind === "change" && c.before.targetId !== c.after.targetId)).length;
}
