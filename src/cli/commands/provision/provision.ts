import { BridgeError, ConfigError, PartialError } from "../../../errors.js";
import type { ProvisionOutcome } from "../../../jobs/provision/apply.js";
import { provisionJob } from "../../../jobs/provision/index.js";
import { isWork, type ProvisionJobPlan } from "../../../jobs/provision/plan/plan-provision.js";
import { selectionFromFlags, type ProvisionJobSettings } from "../../../jobs/provision/settings.js";
import { readProvisionSettings } from "../../../jobs/shared/acronis-customers/settings.js";
import { plural } from "../../../plural.js";
import type { Context } from "../../context.js";
import type { Output } from "../../io.js";
import { runJobCommand } from "../../run-job-command.js";
import { provisionPlanTable, provisionResultTable } from "./tables.js";

export interface ProvisionOptions {
  /** Organizations to provision, by id or name. */
  org: string[];
  allUnmapped?: boolean;
}

/** Provisions the named organizations (or every unmapped one): the job, asking first, resuming what a run left half-done. */
export async function run(options: ProvisionOptions, ctx: Context): Promise<void> {
  const selection = selectionFromFlags({ orgs: options.org, allUnmapped: options.allUnmapped });
  const settings: ProvisionJobSettings = { profile: readProvisionSettings(await ctx.config(), ctx.profile), selection };
  await runJobCommand(ctx, provisionJob, settings, {
    command: "provision",
    reading: "reading NinjaOne organizations and Acronis customers…",
    printPlan,
    notices: (out, plan) => {
      if (!plan.missingAdminEmail) return;
      if (ctx.dryRun) {
        out.warn("no admin e-mail is set: run `ninja-bridge provision config --admin-email <address or pattern>` before provisioning");
        return;
      }
      // Before the confirmation: a run that cannot create the admin user creates nothing.
      throw new ConfigError(`no admin e-mail is set for new Acronis customers in profile "${ctx.profile}"`, {
        hint: "set one with `ninja-bridge provision config --admin-email admin+{slug}@example.com` (a pattern gives each customer its own)",
      });
    },
    confirm: (count) => ({
      question: `Provision ${plural(count, "organization")} in Acronis?`,
      refusal: `provision would provision ${plural(count, "organization")} in Acronis, and there is no terminal to confirm it`,
      hint: "add --yes to go ahead, or --dry-run to only see the plan",
    }),
    onAction: (out, event) => {
      if (event.result === "applied") out.info(`provisioned ${event.target}`);
      else if (event.result === "failed") out.warn(`not provisioned: ${event.target}: ${event.detail ?? "failed"}`);
    },
    finish: (out, plan, outcome, statePath) => finish(out, plan, outcome, { statePath, json: ctx.json, byName: selection.kind === "orgs" }),
  });
}

function printPlan(out: Output, plan: ProvisionJobPlan): void {
  if (plan.actions.length > 0) out.print(provisionPlanTable(plan.actions));
  if (plan.services.length > 0) out.print(`Services for new customers: ${plan.services.map((i) => i.name).join(", ")}`);
}

/** Exit 3 when some organizations failed or were refused by name and others landed, 1 when none landed. */
function finish(out: Output, plan: ProvisionJobPlan, outcome: ProvisionOutcome | null, how: { statePath: string; json: boolean; byName: boolean }): void {
  const work = plan.actions.filter(isWork).length;
  const refused = plan.actions.filter((a) => a.kind === "refuse").length;
  if (outcome === null) {
    out.info(`dry run: ${plural(work, "organization")} to provision, nothing changed`);
    return;
  }
  if (!how.json && outcome.results.length > 0) out.print(`\n${provisionResultTable(outcome.results)}`);
  if (work === 0) out.success(refused === 0 ? "nothing to provision" : "nothing provisioned");
  const { applied, failed } = outcome.counts;
  if (applied > 0) out.outcome(`provisioned ${plural(applied, "organization")}; each step is recorded in ${how.statePath}`);
  const refusedByName = how.byName ? refused : 0;
  const missed = failed + refusedByName;
  if (missed === 0) return;
  const message = [failed > 0 ? `${plural(failed, "organization")} failed` : "", refusedByName > 0 ? `${plural(refusedByName, "organization")} refused` : ""]
    .filter((part) => part !== "")
    .join("; ");
  const hint = failed > 0 ? "fix the cause shown above and run the same command again: it resumes at the failed step" : "map the existing customer with `ninja-bridge orgs map` instead";
  if (applied > 0) throw new PartialError(message, { hint });
  throw new BridgeError(message, { hint });
}
