import { countDevicesByOrg } from "../../../jobs/shared/estates/ninja-estate.js";
import { JobSession } from "../../../jobs/shared/session.js";
import { buildOrgRows, unmappedRows } from "../../../jobs/orgs/plan/list-rows.js";
import { LIST_HEAD, listRow } from "../../../jobs/orgs/plan/plan-text.js";
import type { Context } from "../../context.js";
import { renderTable } from "../../table.js";
import { configuredServices, readLinksAndExclusions, readLiveTargets } from "../../../jobs/orgs/read.js";
import { SERVICE_NAME, TARGET_SERVICES } from "../../../services.js";

/** Reads NinjaOne (with devices, for the counts) and each configured service's tenants, then the recorded links. */
export interface OrgsListOptions {
  unmapped?: boolean;
}

export async function run(opts: OrgsListOptions, ctx: Context): Promise<void> {
  const services = configuredServices(await ctx.config(), ctx.env);
  const notConfigured = TARGET_SERVICES.filter((s) => !services.includes(s));
  const session = new JobSession(ctx);
  ctx.out.info("reading NinjaOne organizations and devices, and the tenants of each configured service…");
  const [ninja, liveTargets] = await Promise.all([session.ninjaEstate({ devices: true }), readLiveTargets(session, services)]);
  const { links, exclusions } = await readLinksAndExclusions(await ctx.statePath(), "orgs list", ctx.out);

  const all = buildOrgRows({
    orgs: ninja.orgs.map((o) => ({ id: o.id, name: o.name })),
    deviceCounts: countDevicesByOrg(ninja.devices),
    links,
    liveTargets,
    exclusions: new Map(exclusions.map((e) => [e.orgId, e.jobs])),
  });
  const rows = opts.unmapped ? unmappedRows(all, services) : all;

  if (ctx.json) {
    ctx.out.printJson({ orgs: rows, notConfigured });
    return;
  }
  for (const service of notConfigured) ctx.out.info(`${SERVICE_NAME[service]} is not configured in profile "${ctx.profile}": its tenants were not checked`);
  if (rows.length === 0) {
    ctx.out.success(opts.unmapped ? "every organization is mapped to each configured service" : "NinjaOne has no organizations");
    return;
  }
  ctx.out.print(renderTable(LIST_HEAD, rows.map(listRow)));
  const flagged = rows.filter((r) => r.flags.length > 0).length;
  if (flagged > 0) ctx.out.warn(`${flagged} organization${flagged === 1 ? " needs" : "s need"} attention (FLAGS column)`);
}
