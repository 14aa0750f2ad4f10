import { removeLinks } from "../../../jobs/orgs/apply.js";
import { anyOrgMatches, findOrg, linkedOrgs, type OrgRef } from "../../../jobs/orgs/plan/find-org.js";
import { linkText } from "../../../jobs/orgs/plan/plan-text.js";
import { targetLabel } from "../../../jobs/orgs/plan/service-names.js";
import { planUnmap } from "../../../jobs/orgs/plan/unmap-plan.js";
import { openState } from "../../../state/index.js";
import type { Context } from "../../context.js";
import { confirmChange, destructiveChange } from "../../io.js";
import { linksOfState, type LinksByService } from "../../../jobs/orgs/read.js";
import { plural } from "../../../plural.js";
import { TARGET_SERVICES, type TargetService } from "../../../services.js";

/**
 * The organization a person meant, among the mapped ones as the links recorded them. Unmap
 * only edits the local file, so it asks NinjaOne nothing: an organization deleted there can
 * still be unmapped, and one with no link (a second unmap) is a harmless no-op offline too.
 */
function resolveOrg(links: LinksByService, query: string): OrgRef | undefined {
  const mapped = linkedOrgs(links);
  return anyOrgMatches(mapped, query) ? findOrg(mapped, query) : undefined;
}

export interface OrgsUnmapOptions {
  org: string;
  acronis?: boolean;
  cipp?: boolean;
}

export async function run(flags: OrgsUnmapOptions, ctx: Context): Promise<void> {
  const query = flags.org;
  const asked = TARGET_SERVICES.filter((s) => flags[s]);
  const services: readonly TargetService[] = asked.length === 0 ? TARGET_SERVICES : asked;
  const state = await openState(await ctx.statePath(), { mode: ctx.dryRun ? "read" : "write", command: "orgs unmap", logger: ctx.out });
  try {
    const org = resolveOrg(linksOfState(state.data), query);
    if (org === undefined) {
      if (ctx.json) ctx.out.printJson({ dryRun: ctx.dryRun, org: null, query, removals: [], notMapped: services, removed: false });
      ctx.out.success(`nothing to unmap: no organization with a link matches "${query}"`);
      return;
    }
    const plan = planUnmap(linksOfState(state.data), org.id, services);
    const report = (removed: boolean) => ({ dryRun: ctx.dryRun, org, removals: plan.removals, notMapped: plan.notMapped, removed });
    if (!ctx.json) for (const link of plan.removals) ctx.out.print(`unmap ${linkText(link)}`);
    // Only a service asked for by name is worth a notice when it has no link.
    for (const service of asked.filter((s) => plan.notMapped.includes(s))) ctx.out.warn(`${org.name} (#${org.id}) has no ${targetLabel(service)} link`);

    if (plan.removals.length === 0 || ctx.dryRun) {
      if (ctx.json) ctx.out.printJson(report(false));
      if (plan.removals.length === 0) ctx.out.success(`nothing to unmap: ${org.name} (#${org.id}) has no link${asked.length === 1 ? " there" : "s"}`);
      else ctx.out.info("dry run: nothing removed");
      return;
    }
    if (plan.removals.length > 1) {
      const ok = await confirmChange(
        ctx.out,
        Boolean(ctx.globals.yes),
        destructiveChange(`this removes ${plan.removals.length} links of ${org.name} (#${org.id})`, "add --yes to remove them, name one service with --acronis or --cipp, or use --dry-run to see the plan"),
      );
      if (!ok) {
        if (ctx.json) ctx.out.printJson(report(false));
        ctx.out.warn("nothing removed");
        return;
      }
    }
    await removeLinks(state, plan.removals);
    if (ctx.json) ctx.out.printJson(report(true));
    ctx.out.outcome(`removed ${plural(plan.removals.length, "link")} of ${org.name} (#${org.id})`);
  } finally {
    await state.close();
  }
}
