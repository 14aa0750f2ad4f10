import { PartialError } from "../../../errors.js";
import { agentsJob, type AgentsOutcome, type AgentsPlan } from "../../../jobs/agents/index.js";
import { agentsSettingsFromFlags, type AgentsFlags } from "../../../jobs/agents/settings.js";
import { plural } from "../../../plural.js";
import type { Context } from "../../context.js";
import type { Output } from "../../io.js";
import { runJobCommand } from "../../run-job-command.js";
import { renderTable } from "../../table.js";

export type AgentsTokenOptions = Pick<AgentsFlags, "org" | "renewDays">;

/** Mints and writes the tokens that are missing or due for renewal; prints organizations and expiries, never a token. */
export async function run(options: AgentsTokenOptions, ctx: Context): Promise<void> {
  const settings = agentsSettingsFromFlags(await ctx.config(), "token", options);
  await runJobCommand(ctx, agentsJob, settings, {
    command: "agents token",
    reading: "reading the mapped organizations and their recorded tokens…",
    printPlan,
    confirm: (count) => ({
      question: `Mint ${plural(count, "registration token")} and write them into NinjaOne?`,
      refusal: `agents token would mint ${plural(count, "registration token")}, and there is no terminal to confirm them`,
      hint: "add --yes to mint them, or --dry-run to only see the plan",
    }),
    onAction: (out, e) => {
      if (e.result === "applied") out.success(`token written: ${e.target} (${e.detail ?? ""})`);
      else out.warn(`no token: ${e.target}: ${e.detail ?? e.result}`);
    },
    finish,
  });
}

function printPlan(out: Output, plan: AgentsPlan): void {
  if (plan.mints.length === 0) return;
  out.print(renderTable(["ORGANIZATION", "ACRONIS CUSTOMER", "FIELD", "WHY"], plan.mints.map((m) => [`${m.orgName} (${m.orgId})`, m.tenantName, m.field, m.reason])));
}

function finish(out: Output, plan: AgentsPlan, outcome: AgentsOutcome | null): void {
  if (plan.mints.length === 0) out.success("every mapped organization holds a token that is not due for renewal");
  else if (outcome === null) out.info(`dry run: ${plural(plan.mints.length, "token")} would be minted; nothing changed`);
  else if (outcome.mints.failed.length === 0) out.outcome(`minted and wrote ${plural(outcome.mints.applied.length, "token")}`);
  else throw new PartialError(`${outcome.mints.failed.length} of ${plan.mints.length} tokens were not written`, { hint: "the next run tries them again" });
}
