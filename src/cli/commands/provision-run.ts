import { BridgeError, ConfigError, PartialError, UsageError } from "../../errors.js";
import { JobSession } from "../../jobs/shared/session.js";
import { isWork, type ProvisionSelection } from "../../jobs/provision/plan-provision.js";
import { applyProvisionJob, planProvisionJob, type ProvisionOutcome } from "../../jobs/provision/provision-job.js";
import { readProvisionSettings } from "../../jobs/provision/settings.js";
import { openState } from "../../state/index.js";
import type { Context } from "../context.js";
import { plural } from "../../plural.js";
import { confirmed } from "./provision-confirm.js";
import { provisionJson, provisionPlanTable, provisionResultTable } from "./provision-output.js";

export interface ProvisionCommandOptions {
  orgs: string[];
  allUnmapped: boolean;
}

/** read → plan under the lock (read-only for --dry-run) → show → confirm → run each organization's steps. */
export async function runProvision(ctx: Context, opts: ProvisionCommandOptions): Promise<void> {
  const selection = selectionOf(opts);
  const settings = readProvisionSettings(await ctx.config(), ctx.profile);
  const session = new JobSession(ctx);
  const state = await openState(await ctx.statePath(), { mode: ctx.dryRun ? "read" : "write", command: "provision", logger: ctx.out });
  try {
    ctx.out.info("reading NinjaOne organizations and Acronis customers…");
    const plan = await planProvisionJob(session, state.data, { selection, settings });
    const work = plan.actions.filter(isWork);
    const refused = plan.actions.filter((a) => a.kind === "refuse");
    if (!ctx.json && plan.actions.length > 0) ctx.out.print(provisionPlanTable(plan.actions));
    if (!ctx.json && plan.services.length > 0) ctx.out.print(`Services for new customers: ${plan.services.map((i) => i.name).join(", ")}`);
    if (ctx.dryRun) {
      if (ctx.json) ctx.out.printJson(provisionJson(true, plan.actions, plan.services, null));
      if (plan.missingAdminEmail) ctx.out.warn("no admin e-mail is set: run `ninja-bridge provision config --admin-email <address or pattern>` before provisioning");
      ctx.out.info(`dry run: ${plural(work.length, "organization")} to provision, nothing changed`);
      return;
    }
    if (plan.missingAdminEmail) {
      throw new ConfigError(`no admin e-mail is set for new Acronis customers in profile "${ctx.profile}"`, {
        hint: "set one with `ninja-bridge provision config --admin-email admin+{slug}@example.com` (a pattern gives each customer its own)",
      });
    }
    if (work.length > 0 && !(await confirmed(ctx, "provision", `provision ${plural(work.length, "organization")} in Acronis`))) {
      if (ctx.json) ctx.out.printJson(provisionJson(false, plan.actions, plan.services, null));
      ctx.out.warn("nothing changed");
      return;
    }
    const outcome = await applyProvisionJob(session, state, plan, { onProgress: (done, total) => ctx.out.info(`provisioned ${done}/${total}`) });
    if (ctx.json) ctx.out.printJson(provisionJson(false, plan.actions, plan.services, outcome.results));
    else if (outcome.results.length > 0) ctx.out.print(`\n${provisionResultTable(outcome.results)}`);
    if (work.length === 0) ctx.out.success(refused.length === 0 ? "nothing to provision" : "nothing provisioned");
    finish(ctx, outcome, selection.kind === "orgs" ? refused.length : 0, state.path);
  } finally {
    await state.close();
  }
}

function selectionOf(opts: ProvisionCommandOptions): ProvisionSelection {
  if (opts.allUnmapped && opts.orgs.length > 0) throw new UsageError("name organizations or use --all-unmapped, not both");
  if (opts.allUnmapped) return { kind: "all-unmapped" };
  if (opts.orgs.length === 0) {
    throw new UsageError("name the organizations to provision, or use --all-unmapped", { hint: "e.g. `ninja-bridge provision 42 \"Contoso\"` or `ninja-bridge provision --all-unmapped --dry-run`" });
  }
  return { kind: "orgs", refs: opts.orgs };
}

/** Exit 3 when some organizations failed or were refused and others landed, 1 when none landed. */
function finish(ctx: Context, outcome: ProvisionOutcome, refusedByName: number, statePath: string): void {
  const { applied, failed } = outcome.counts;
  if (applied > 0) ctx.out.success(`provisioned ${plural(applied, "organization")}; each step is recorded in ${statePath}`);
  const missed = failed + refusedByName;
  if (missed === 0) return;
  const message = [failed > 0 ? `${plural(failed, "organization")} failed` : "", refusedByName > 0 ? `${plural(refusedByName, "organization")} refused` : ""]
    .filter((part) => part !== "")
    .join("; ");
  const hint = failed > 0 ? "fix the cause shown above and run the same command again: it resumes at the failed step" : "map the existing customer with `ninja-bridge orgs map` instead";
  if (applied > 0) throw new PartialError(message, { hint });
  throw new BridgeError(message, { hint });
}
