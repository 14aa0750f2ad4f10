import { isConfigured } from "../../../clients/connect.js";
import { DriftError } from "../../../errors.js";
import { selectServices } from "../../../jobs/automap/plan/select-services.js";
import { JobSession } from "../../../jobs/shared/session.js";
import { checkMappings } from "../../../jobs/orgs/plan/check-mappings.js";
import { diffLinks } from "../../../jobs/orgs/plan/mapping-diff.js";
import { diffExclusions, exclusionChangeText, linksOfFile } from "../../../jobs/orgs/plan/mapping-file.js";
import { FINDING_HEAD, findingRow } from "../../../jobs/orgs/plan/plan-text.js";
import type { Context } from "../../context.js";
import { renderTable } from "../../table.js";
import { readLinksAndDevices, readLiveTargets, readMappingFileAt } from "../../../jobs/orgs/read.js";
import { matcherDevices } from "../../../jobs/shared/devices/device.js";
import { reviewLinks } from "../../../jobs/shared/devices/links.js";
import { plural } from "../../../plural.js";
import { TARGET_SERVICES } from "../../../services.js";

/**
 * For CI: every recorded link checked against both live sides and, with --file, against the
 * file kept in git; every recorded device link against NinjaOne's devices (renamed, moved, deleted). Exit 0 clean, 4 with a table of findings; a service with links that
 * cannot be read is an error, never a silent pass.
 */
export interface OrgsMapCheckOptions {
  file?: string;
}

export async function run(opts: OrgsMapCheckOptions, ctx: Context): Promise<void> {
  const wanted = opts.file === undefined ? undefined : await readMappingFileAt(opts.file);
  const { links, deviceLinks, exclusions } = await readLinksAndDevices(await ctx.statePath(), "orgs map check", ctx.out);
  const services = TARGET_SERVICES.filter((s) => links[s].length > 0);
  const config = await ctx.config();
  const configured = { acronis: isConfigured(config, ctx.env, "acronis"), cipp: isConfigured(config, ctx.env, "cipp") };
  for (const service of services) selectServices(service, configured, ctx.profile);

  const session = new JobSession(ctx);
  ctx.out.info("reading NinjaOne organizations and the mapped services' tenants…");
  // Device links are checked against NinjaOne's devices only: renamed, moved or deleted there.
  const withDevices = deviceLinks.some((l) => l.goneAt === undefined);
  const [estate, liveTargets] =
    services.length === 0 && !withDevices
      ? [{ orgs: [], devices: [] }, {}]
      : await Promise.all([session.ninjaEstate({ devices: withDevices }), readLiveTargets(session, services)]);
  const orgs = estate.orgs.map((o) => ({ id: o.id, name: o.name }));
  const deviceFindings = withDevices ? reviewLinks(deviceLinks, matcherDevices(estate.devices), new Map(orgs.map((o) => [o.id, o.name]))) : [];
  const findings = checkMappings({
    deviceFindings,
    links,
    orgs,
    liveTargets,
    ...(wanted === undefined ? {} : { fileChanges: diffLinks(links, linksOfFile(wanted, "import", new Date())) }),
  });

  const exclusionChanges = wanted === undefined ? [] : diffExclusions(new Map(exclusions.map((e) => [e.orgId, e.jobs])), wanted.exclusions ?? [], new Map(exclusions.map((e) => [e.orgId, e.orgName])));

  if (ctx.json) ctx.out.printJson({ clean: findings.length === 0 && exclusionChanges.length === 0, findings, exclusionChanges });
  else {
    if (findings.length > 0) ctx.out.print(renderTable(FINDING_HEAD, findings.map(findingRow)));
    // The file's exclusions against the state's: the file would change them on import.
    for (const change of exclusionChanges) ctx.out.print(`exclusions differ from the file: ${exclusionChangeText(change)}`);
  }
  const count = links.acronis.length + links.cipp.length;
  if (exclusionChanges.length > 0 && findings.length === 0) {
    throw new DriftError(`${plural(exclusionChanges.length, "organization")} excluded differently in ${opts.file ?? "the file"} than in the state`, {
      hint: "import the file ('orgs map import') or export the state afresh ('orgs map export')",
    });
  }
  if (findings.length === 0) {
    ctx.out.success(`${plural(count, "mapping")} checked: no drift${opts.file === undefined ? "" : `, and ${opts.file} equals the state`}`);
    return;
  }
  throw new DriftError(`${plural(findings.length, "finding")} in ${plural(count, "mapping")}${exclusionChanges.length === 0 ? "" : `, and ${plural(exclusionChanges.length, "organization")} excluded differently than in the file`}`, {
    hint: "unmap links whose side is gone ('ninja-bridge orgs unmap'), map renamed ones again to record the new names, or export the file afresh",
  });
}
