import { UsageError } from "../../../errors.js";
import { anyOrgMatches, findOrg } from "../../../jobs/orgs/plan/find-org.js";
import { EXCLUDABLE_JOBS, parseJobList, recordExclusion, type ExcludableJob } from "../../../jobs/shared/exclusions.js";
import { JobSession } from "../../../jobs/shared/session.js";
import { openState } from "../../../state/index.js";
import type { Context } from "../../context.js";

export interface OrgsExcludeOptions {
  org: string;
  jobs?: string;
}

function describe(org: { id: number; name: string }, jobs: readonly ExcludableJob[]): string {
  return jobs.length === 0 ? `${org.name} (org ${org.id}) is excluded from no job` : `${org.name} (org ${org.id}) is excluded from ${jobs.join(", ")}`;
}

/** `orgs exclude <org> --jobs fields,tickets`: those jobs leave the organization alone (added to any it is already excluded from). */
export async function run(opts: OrgsExcludeOptions, ctx: Context): Promise<void> {
  if (opts.jobs === undefined) throw new UsageError("orgs exclude needs --jobs", { hint: `e.g. --jobs fields,tickets; jobs: ${EXCLUDABLE_JOBS.join(", ")}` });
  const asked = parseJobList(opts.jobs);
  ctx.out.info("reading NinjaOne organizations…");
  const estate = await new JobSession(ctx).ninjaEstate({ devices: false });
  const org = findOrg(estate.orgs.map((o) => ({ id: o.id, name: o.name })), opts.org);
  await change(ctx, "orgs exclude", org, (current) => [...current, ...asked]);
}

/** `orgs include <org> [--jobs …]`: undoes `orgs exclude`, for the jobs named or all of them. Offline: it reads only the state file. */
export async function include(opts: OrgsExcludeOptions, ctx: Context): Promise<void> {
  const asked = opts.jobs === undefined ? undefined : parseJobList(opts.jobs);
  const state = await openState(await ctx.statePath(), { mode: "read", command: "orgs include", logger: ctx.out });
  const excluded = Object.values(state.data.orgExclusions ?? {}).map((e) => ({ id: e.ninjaOrgId, name: e.ninjaOrgName }));
  await state.close();
  if (!anyOrgMatches(excluded, opts.org)) {
    if (ctx.json) ctx.out.printJson({ dryRun: ctx.dryRun, org: null, query: opts.org, jobs: [], changed: false });
    ctx.out.success(`nothing to include: no excluded organization matches "${opts.org}"`);
    return;
  }
  const org = findOrg(excluded, opts.org);
  await change(ctx, "orgs include", org, (current) => (asked === undefined ? [] : current.filter((j) => !asked.includes(j))));
}

async function change(ctx: Context, command: string, org: { id: number; name: string }, next: (current: readonly ExcludableJob[]) => ExcludableJob[]): Promise<void> {
  const state = await openState(await ctx.statePath(), { mode: ctx.dryRun ? "read" : "write", command, logger: ctx.out });
  try {
    const current = state.data.orgExclusions?.[String(org.id)]?.jobs ?? [];
    const jobs = EXCLUDABLE_JOBS.filter((j) => next(current).includes(j));
    const changed = jobs.length !== current.length || jobs.some((j) => !current.includes(j));
    if (changed && !ctx.dryRun) await state.update((d) => recordExclusion(d, org, jobs, new Date().toISOString()));
    if (ctx.json) ctx.out.printJson({ dryRun: ctx.dryRun, org, jobs, changed });
    if (!changed) ctx.out.success(`nothing to change: ${describe(org, jobs)}`);
    else if (ctx.dryRun) ctx.out.info(`dry run: ${describe(org, jobs)} once applied; nothing recorded`);
    else ctx.out.outcome(`recorded: ${describe(org, jobs)}`);
  } finally {
    await state.close();
  }
}
