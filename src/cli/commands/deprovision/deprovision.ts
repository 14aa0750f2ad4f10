import { BridgeError, PartialError } from "../../../errors.js";
import { DeprovisionStopped, type DeprovisionOutcome } from "../../../jobs/deprovision/apply.js";
import { deprovisionJob } from "../../../jobs/deprovision/index.js";
import { isDeprovisionWork, type DeprovisionAction, type DeprovisionPlan } from "../../../jobs/deprovision/plan/plan-deprovision.js";
import { deprovisionRules, maxDisablesFromFlag, type DeprovisionJobSettings } from "../../../jobs/deprovision/settings.js";
import { readProvisionSettings } from "../../../jobs/shared/acronis-customers/settings.js";
import { plural } from "../../../plural.js";
import type { Context } from "../../context.js";
import type { Output } from "../../io.js";
import { runJobCommand } from "../../run-job-command.js";
import { deprovisionPlanTable, deprovisionResultTable } from "./tables.js";

export interface DeprovisionOptions {
  maxDeprovision?: string;
}

/** Disables, deletes and re-enables the customers of gone and returning organizations: the job, stopping on a safety rule, asking first. */
export async function run(options: DeprovisionOptions, ctx: Context): Promise<void> {
  const stored = readProvisionSettings(await ctx.config(), ctx.profile);
  // Deletes are gated by the confirmation (or --yes), so the plan may hold them.
  const settings: DeprovisionJobSettings = { ...deprovisionRules(stored, false), maxDisables: maxDisablesFromFlag(options.maxDeprovision, stored) };
  await runJobCommand(ctx, deprovisionJob, settings, {
    command: "deprovision",
    reading: "reading NinjaOne organizations and Acronis customers…",
    printPlan: (out, plan) => {
      if (plan.actions.length > 0) out.print(deprovisionPlanTable(plan.actions));
    },
    confirm: (_count, plan) => {
      const what = describeWork(plan.actions.filter(isDeprovisionWork));
      return {
        question: `${what.charAt(0).toUpperCase()}${what.slice(1)}?`,
        refusal: `deprovision would ${what}, and there is no terminal to confirm it`,
        hint: "add --yes to go ahead, or --dry-run to only see the plan",
      };
    },
    onAction: (out, event) => {
      if (event.result === "applied") out.info(`${event.action}: ${event.target}`);
      else if (event.result === "failed") out.warn(`${event.action} failed: ${event.target}: ${event.detail ?? "failed"}`);
    },
    finish: (out, plan, outcome, statePath) => finish(out, plan, outcome, { statePath, json: ctx.json }),
  });
}

/** A safety stop exits 1 with nothing changed (a dry run too); failed changes exit 3 when others landed, 1 when none did. */
function finish(out: Output, plan: DeprovisionPlan, outcome: DeprovisionOutcome | null, how: { statePath: string; json: boolean }): void {
  if (plan.stop !== undefined) throw new DeprovisionStopped(`deprovision stopped: ${plan.stop.reason}`, { hint: plan.stop.hint });
  const work = plan.actions.filter(isDeprovisionWork);
  if (work.length === 0) {
    out.success("nothing to deprovision: every mapped organization still exists in NinjaOne");
    return;
  }
  if (outcome === null) {
    out.info(`dry run: would ${describeWork(work)}; nothing changed`);
    return;
  }
  if (!how.json) out.print(`\n${deprovisionResultTable(outcome.results)}`);
  const { applied, failed } = outcome.counts;
  if (failed === 0) {
    out.outcome(`done; recorded in ${how.statePath}`);
    return;
  }
  const hint = "fix the cause shown above and run deprovision again: what landed is recorded and is not repeated";
  if (applied > 0) throw new PartialError(`${plural(failed, "customer")} could not be changed`, { hint });
  throw new BridgeError(`no customer could be changed (${failed} failed)`, { hint });
}

function describeWork(work: readonly DeprovisionAction[]): string {
  const count = (kind: DeprovisionAction["kind"], verb: string) => {
    const n = work.filter((a) => a.kind === kind).length;
    return n === 0 ? [] : [`${verb} ${plural(n, "customer")}`];
  };
  const parts = [...count("disable", "disable"), ...count("delete", "delete"), ...count("reenable", "re-enable")];
  return parts.length === 0 ? "record what is already disabled" : parts.join(", ");
}
