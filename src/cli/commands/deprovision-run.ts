import { BridgeError, PartialError, UsageError } from "../../errors.js";
import { JobSession } from "../../jobs/shared/session.js";
import { applyDeprovisionJob, DeprovisionStopped, planDeprovisionJob } from "../../jobs/provision/deprovision-job.js";
import { isDeprovisionWork, type DeprovisionAction } from "../../jobs/provision/plan-deprovision.js";
import { readProvisionSettings } from "../../jobs/provision/settings.js";
import { openState } from "../../state/index.js";
import type { Context } from "../context.js";
import { plural } from "../../plural.js";
import { confirmed } from "./provision-confirm.js";
import { deprovisionJson, deprovisionPlanTable, deprovisionResultTable } from "./provision-output.js";

/** read → plan under the lock → stop on a safety rule → show → confirm → disable, delete, re-enable. */
export async function runDeprovision(ctx: Context, opts: { maxDeprovision?: string }): Promise<void> {
  const settings = readProvisionSettings(await ctx.config(), ctx.profile);
  const maxDisables = opts.maxDeprovision === undefined ? settings.deprovision.maxPerRun : positiveInt(opts.maxDeprovision);
  const session = new JobSession(ctx);
  const state = await openState(await ctx.statePath(), { mode: ctx.dryRun ? "read" : "write", command: "deprovision", logger: ctx.out });
  try {
    ctx.out.info("reading NinjaOne organizations and Acronis customers…");
    // Deletes are gated by the confirmation below (or --yes), so the plan may hold them.
    const rules = { deleteAfterDays: settings.deprovision.deleteAfterDays, maxDisables, allowDeletes: true };
    const plan = await planDeprovisionJob(session, state.data, { rules, now: new Date() });
    if (!ctx.json && plan.actions.length > 0) ctx.out.print(deprovisionPlanTable(plan.actions));
    if (plan.stop !== undefined) {
      if (ctx.json) ctx.out.printJson(deprovisionJson(ctx.dryRun, plan, null));
      throw new DeprovisionStopped(`deprovision stopped: ${plan.stop.reason}`, { hint: plan.stop.hint });
    }
    const work = plan.actions.filter(isDeprovisionWork);
    if (ctx.dryRun || work.length === 0) {
      if (ctx.json) ctx.out.printJson(deprovisionJson(ctx.dryRun, plan, null));
      if (work.length === 0) ctx.out.success("nothing to deprovision: every mapped organization still exists in NinjaOne");
      else ctx.out.info(`dry run: would ${describeWork(work)}; nothing changed`);
      return;
    }
    if (!(await confirmed(ctx, "deprovision", describeWork(work)))) {
      if (ctx.json) ctx.out.printJson(deprovisionJson(false, plan, null));
      ctx.out.warn("nothing changed");
      return;
    }
    const outcome = await applyDeprovisionJob(session, state, plan, { onProgress: (done, total) => ctx.out.info(`deprovisioned ${done}/${total}`) });
    if (ctx.json) ctx.out.printJson(deprovisionJson(false, plan, outcome.results));
    else ctx.out.print(`\n${deprovisionResultTable(outcome.results)}`);
    const { applied, failed } = outcome.counts;
    if (failed === 0) {
      ctx.out.success(`done; recorded in ${state.path}`);
      return;
    }
    const hint = "fix the cause shown above and run deprovision again: what landed is recorded and is not repeated";
    if (applied > 0) throw new PartialError(`${plural(failed, "customer")} could not be changed`, { hint });
    throw new BridgeError(`no customer could be changed (${failed} failed)`, { hint });
  } finally {
    await state.close();
  }
}

function positiveInt(raw: string): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new UsageError(`--max-deprovision must be a whole number of at least 1, not "${raw}"`);
  return value;
}

function describeWork(work: readonly DeprovisionAction[]): string {
  const count = (kind: DeprovisionAction["kind"], verb: string) => {
    const n = work.filter((a) => a.kind === kind).length;
    return n === 0 ? [] : [`${verb} ${plural(n, "customer")}`];
  };
  const parts = [...count("disable", "disable"), ...count("delete", "delete"), ...count("reenable", "re-enable")];
  return parts.length === 0 ? "record what is already disabled" : parts.join(", ");
}
