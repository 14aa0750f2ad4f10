import { PartialError } from "../../errors.js";
import type { ReadonlyStateDocument, StateHandle } from "../../state/index.js";
import { linkOfOrg, linkOfTarget, recordLink } from "../mappings/mappings.js";
import type { PendingLink } from "./plan-job.js";

export interface ApplyOutcome {
  linked: PendingLink[];
  /** Links the state file no longer allows (it changed since the plan), with why. */
  skipped: Array<{ link: PendingLink; reason: string }>;
}

/**
 * Why a planned link can no longer be recorded, or undefined when it can. Plans are made
 * under the lock, so this only fires for a plan applied to a state it was not made from.
 */
export function staleLinkReason(doc: ReadonlyStateDocument, link: PendingLink): string | undefined {
  const ofOrg = linkOfOrg(doc, link.service, link.orgId);
  if (ofOrg !== undefined) {
    return ofOrg.targetId === link.targetId ? "already recorded" : `organization ${link.orgId} is now mapped to ${ofOrg.targetName} (${ofOrg.targetId})`;
  }
  const ofTarget = linkOfTarget(doc, link.service, link.targetId);
  return ofTarget === undefined ? undefined : `${link.targetName} (${link.targetId}) is now mapped to organization ${ofTarget.orgId}`;
}

/**
 * Records each link with its own write, so a crash or a kill keeps every link made before it.
 * A write that fails stops the run: what was recorded stays, and the error says how much.
 */
export async function applyLinks(
  state: StateHandle,
  links: readonly PendingLink[],
  options: { now: () => Date; onLinked?: (link: PendingLink) => void },
): Promise<ApplyOutcome> {
  const outcome: ApplyOutcome = { linked: [], skipped: [] };
  for (const link of links) {
    const stale = staleLinkReason(state.data, link);
    if (stale !== undefined) {
      outcome.skipped.push({ link, reason: stale });
      continue;
    }
    try {
      await state.update((draft) => recordLink(draft, { ...link, source: "automap", mappedAt: options.now().toISOString() }));
    } catch (error) {
      if (outcome.linked.length === 0) throw error;
      throw new PartialError(`recorded ${outcome.linked.length} of ${links.length} links, then could not record ${link.orgName} → ${link.targetName}`, {
        cause: error,
        hint: "the recorded links are kept; fix the cause and run automap again to propose the rest",
      });
    }
    outcome.linked.push(link);
    options.onLinked?.(link);
  }
  return outcome;
}
