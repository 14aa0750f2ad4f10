import { PartialError } from "../../errors.js";
import type { StateHandle } from "../../state/index.js";
import { recordLink, removeLink, type Link } from "../shared/mappings.js";
import type { MapPlan } from "./plan/map-plan.js";
import { applySteps, type MappingChange } from "./plan/mapping-diff.js";

/** Records a planned link, unlinking the organization that held the tenant (--force), in one write. */
export async function recordMapping(state: StateHandle, plan: Extract<MapPlan, { kind: "link" }>): Promise<void> {
  const { link, unlinks } = plan;
  await state.update((draft) => {
    if (unlinks !== undefined) removeLink(draft, unlinks.service, unlinks.orgId);
    recordLink(draft, link);
  });
}

/** Removes an organization's links in one write. */
export async function removeLinks(state: StateHandle, removals: readonly Link[]): Promise<void> {
  await state.update((draft) => {
    for (const link of removals) removeLink(draft, link.service, link.orgId);
  });
}

/** One write per step, so a killed import keeps every step before it and a re-run finishes the rest. */
export async function applyImport(state: StateHandle, changes: readonly MappingChange[]): Promise<void> {
  const steps = applySteps(changes);
  let done = 0;
  for (const step of steps) {
    try {
      await state.update((draft) => {
        if (step.kind === "unlink") removeLink(draft, step.link.service, step.link.orgId);
        else recordLink(draft, step.link);
      });
    } catch (error) {
      if (done === 0) throw error;
      throw new PartialError(`applied ${done} of ${steps.length} import steps, then could not ${step.kind} organization ${step.link.orgId}`, {
        cause: error,
        hint: "what was applied is kept; fix the cause and run the same import again to finish it",
      });
    }
    done += 1;
  }
}
