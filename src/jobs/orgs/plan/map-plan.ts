import type { Target } from "../../shared/estates/target-estate.js";
import type { Link, MappingSource } from "../../shared/mappings.js";
import type { OrgRef } from "./find-org.js";
import { targetNameOf } from "./find-target.js";
import type { TargetService } from "../../../services.js";

export interface MapInput {
  service: TargetService;
  org: OrgRef;
  target: Target;
  /** The service's recorded links. */
  links: readonly Link[];
  force: boolean;
  source: MappingSource;
  now: Date;
}

export type MapPlan =
  /** Nothing to do: the organization already has exactly this link, under the same names. */
  | { kind: "unchanged"; link: Link }
  | {
      kind: "link";
      link: Link;
      /** The organization's own link this one replaces. */
      replaces?: Link;
      /** Another organization's link to the same target, removed because of --force. */
      unlinks?: Link;
    }
  /** The target belongs to another organization and --force was not given. */
  | { kind: "refused"; link: Link; heldBy: Link };

/** What mapping one organization to one target would do, given the links recorded so far. */
export function planMap(input: MapInput): MapPlan {
  const link: Link = {
    service: input.service,
    orgId: input.org.id,
    orgName: input.org.name,
    targetId: input.target.id,
    targetName: targetNameOf(input.target),
    source: input.source,
    mappedAt: input.now.toISOString(),
  };
  const own = input.links.find((l) => l.orgId === link.orgId);
  const holder = input.links.find((l) => l.targetId === link.targetId && l.orgId !== link.orgId);
  if (holder !== undefined && !input.force) return { kind: "refused", link, heldBy: holder };
  // The same link with names that drifted is recorded again, so the names are current.
  if (own !== undefined && own.targetId === link.targetId && own.orgName === link.orgName && own.targetName === link.targetName) {
    return { kind: "unchanged", link: own };
  }
  return {
    kind: "link",
    link,
    ...(own !== undefined && own.targetId !== link.targetId ? { replaces: own } : {}),
    ...(holder !== undefined ? { unlinks: holder } : {}),
  };
}
