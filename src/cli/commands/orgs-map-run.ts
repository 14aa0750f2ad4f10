import { isConfigured } from "../../clients/connect.js";
import { UsageError } from "../../errors.js";
import { selectServices } from "../../jobs/automap/plan/select-services.js";
import type { Target } from "../../jobs/shared/estates/target-estate.js";
import { JobSession } from "../../jobs/shared/session.js";
import { linksOf, recordLink, removeLink } from "../../jobs/shared/mappings.js";
import { findOrg, type OrgRef } from "../../jobs/orgs/find-org.js";
import { findTarget } from "../../jobs/orgs/find-target.js";
import { planMap, type MapPlan } from "../../jobs/orgs/map-plan.js";
import { mapPlanLines } from "../../jobs/orgs/plan-text.js";
import { targetLabel } from "../../jobs/orgs/service-names.js";
import { openState, type StateHandle } from "../../state/index.js";
import type { Context } from "../context.js";
import type { MapFlags } from "./orgs.js";
import { SERVICE_NAME, type TargetService } from "../../services.js";

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

interface ParsedFlags {
  service: TargetService;
  /** Undefined when the tenant is to be picked interactively. */
  targetQuery: string | undefined;
}

function parseFlags(orgQuery: string | undefined, flags: MapFlags): ParsedFlags {
  const given = (["acronis", "cipp"] as const).filter((s) => flags[s] !== undefined);
  const [service] = given;
  if (service === undefined || given.length > 1) {
    throw new UsageError("give exactly one of --acronis or --cipp", { hint: "map each service with its own command, e.g. 'ninja-bridge orgs map Contoso --acronis Contoso'" });
  }
  const value = flags[service];
  const targetQuery = typeof value === "string" ? value : undefined;
  if (!flags.interactive && (orgQuery === undefined || targetQuery === undefined)) {
    throw new UsageError(`orgs map needs an organization and a tenant: 'ninja-bridge orgs map <org> --${service} <tenant>'`, {
      hint: "or add --interactive to pick them from lists on a terminal",
    });
  }
  return { service, targetQuery };
}

/** read (no lock) → find both sides → plan under the write lock (read-only for --dry-run) → record. */
export async function runOrgsMap(ctx: Context, orgQuery: string | undefined, flags: MapFlags): Promise<void> {
  const { service, targetQuery } = parseFlags(orgQuery, flags);
  if (flags.interactive && !ctx.out.canPrompt) {
    throw new UsageError("--interactive needs a terminal", { hint: `give both sides instead: 'ninja-bridge orgs map <org> --${service} <tenant>'` });
  }
  const config = await ctx.config();
  selectServices(service, { acronis: isConfigured(config, ctx.env, "acronis"), cipp: isConfigured(config, ctx.env, "cipp") }, ctx.profile);

  const session = new JobSession(ctx);
  ctx.out.info(`reading NinjaOne organizations and ${SERVICE_NAME[service]} tenants…`);
  const [ninja, estate] = await Promise.all([
    session.ninjaEstate({ devices: false }),
    service === "acronis" ? session.acronisEstate({ devices: false }) : session.cippEstate({ devices: false }),
  ]);
  const orgs = ninja.orgs.map((o) => ({ id: o.id, name: o.name }));
  const force = Boolean(flags.force);

  const state = await openState(await ctx.statePath(), { mode: ctx.dryRun ? "read" : "write", command: "orgs map", logger: ctx.out });
  try {
    let results: MapResult[];
    if (flags.interactive) {
      const { mapInteractively } = await import("./orgs-map-interactive.js");
      results = await mapInteractively(ctx, state, { service, orgs, targets: estate.targets, orgQuery, targetQuery, force }, mapOne);
    } else {
      const org = findOrg(orgs, orgQuery ?? "");
      const target = findTarget(estate.targets, service, targetQuery ?? "");
      results = [await mapOne(ctx, state, { service, org, target, force })];
    }
    if (ctx.json) ctx.out.printJson({ dryRun: ctx.dryRun, results });
  } finally {
    await state.close();
  }
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
  const { link, unlinks } = plan;
  await state.update((draft) => {
    if (unlinks !== undefined) removeLink(draft, unlinks.service, unlinks.orgId);
    recordLink(draft, link);
  });
  ctx.out.success(`mapped ${link.orgName} (#${link.orgId}) → ${SERVICE_NAME[link.service]} ${link.targetName}`);
  return { plan, recorded: true };
}
