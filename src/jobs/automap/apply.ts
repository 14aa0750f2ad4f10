import type { ReadonlyStateDocument, StateHandle } from "../../state/index.js";
import { linkOfOrg, linkOfTarget, recordLink } from "../shared/mappings.js";
import type { PendingLink } from "./plan/plan-job.js";

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
 * Records every link in one write. Links are ninja-bridge's own decisions, not changes made
 * to a service, so a run killed before the write loses nothing that the next run does not
 * propose again; one write instead of one per link keeps a first run over thousands of
 * organizations from rewriting the state file thousands of times. A failed write records
 * nothing and passes its error on.
 */
export async function applyLinks(
  state: StateHandle,
  links: readonly PendingLink[],
  options: { now: () => Date; onLinked?: (link: PendingLink) => void },
): Promise<ApplyOutcome> {
  const mappedAt = options.now().toISOString();
  let outcome: ApplyOutcome = { linked: [], skipped: [] };
  await state.update((draft) => {
    outcome = { linked: [], skipped: [] };
    for (const link of links) {
      const stale = staleLinkReason(draft, link);
      if (stale !== undefined) outcome.skipped.push({ link, reason: stale });
      else {
        recordLink(draft, { ...link, source: "automap", mappedAt });
        outcome.linked.push(link);
      }
    }
  });
  for (const link of outcome.linked) options.onLinked?.(link);
  return outcome;
}
