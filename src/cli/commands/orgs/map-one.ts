import { UsageError } from "../../../errors.js";
import { recordMapping } from "../../../jobs/orgs/apply.js";
import type { OrgRef } from "../../../jobs/orgs/plan/find-org.js";
import { planMap, type MapPlan } from "../../../jobs/orgs/plan/map-plan.js";
import { mapPlanLines } from "../../../jobs/orgs/plan/plan-text.js";
import { targetLabel } from "../../../jobs/orgs/plan/service-names.js";
import type { Target } from "../../../jobs/shared/estates/target-estate.js";
import { linksOf } from "../../../jobs/shared/mappings.js";
import { SERVICE_NAME, type TargetService } from "../../../services.js";
import type { StateHandle } from "../../../state/index.js";
import type { Context } from "../../context.js";

export interface MapResult {
  plan: MapPlan;
  recorded: boolean;
}

export interface MapRequest {
  service: TargetService;
  org: OrgRef;
  target: Target;
  force: boolean;
}

/** Plans one link against the links recorded now, shows the plan, and records it in one write. */
export async function mapOne(ctx: Context, state: StateHandle, request: MapRequest): Promise<MapResult> {
  const plan = planMap({ ...request, links: linksOf(state.data, request.service), source: "manual", now: new Date() });
  if (plan.kind === "refused") {
    const held = plan.heldBy;
    throw new UsageError(`${targetLabel(request.service)} "${plan.link.targetName}" is already mapped to ${held.orgName} (#${held.orgId})`, {
      hint: `add --force to move it to ${plan.link.orgName} (#${plan.link.orgId}), or unmap it first with 'ninja-bridge orgs unmap ${held.orgId} --${request.service}'`,
    });
  }
  if (!ctx.json) ctx.out.print(mapPlanLines(plan).join("\n"));
  if (!request.target.enabled) ctx.out.warn(`the Acronis tenant "${request.target.name}" is disabled`);
  if (plan.kind === "unchanged") {
    ctx.out.success("nothing to change: the organization already has this link");
    return { plan, recorded: false };
  }
  if (ctx.dryRun) {
    ctx.out.info("dry run: nothing recorded");
    return { plan, recorded: false };
  }
  await recordMapping(state, plan);
  const { link } = plan;
  ctx.out.outcome(`mapped ${link.orgName} (#${link.orgId}) → ${SERVICE_NAME[link.service]} ${link.targetName}`);
  return { plan, recorded: true };
}
