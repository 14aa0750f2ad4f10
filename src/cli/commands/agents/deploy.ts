import { PartialError } from "../../../errors.js";
import { agentsJob, type AgentsOutcome, type AgentsPlan } from "../../../jobs/agents/index.js";
import { agentsSettingsFromFlags, type AgentsFlags } from "../../../jobs/agents/settings.js";
import { plural } from "../../../plural.js";
import type { Context } from "../../context.js";
import type { Output } from "../../io.js";
import { runJobCommand } from "../../run-job-command.js";
import { renderTable } from "../../table.js";

export type AgentsDeployOptions = AgentsFlags;

/** Sends the install script to devices without an agent: plan, confirm, run, each run recorded. */
export async function run(options: AgentsDeployOptions, ctx: Context): Promise<void> {
  const settings = agentsSettingsFromFlags(await ctx.config(), "deploy", options);
  await runJobCommand(ctx, agentsJob, settings, {
    command: "agents deploy",
    reading: "reading NinjaOne devices and scripts, and the mapped Acronis customers' workloads…",
    printPlan,
    confirm: (count) => ({
      question: `Run the install script on ${plural(count, "device")}?`,
      refusal: `agents deploy would run the install script on ${plural(count, "device")}, and there is no terminal to confirm it`,
      hint: "add --yes to run it, or --dry-run to only see the plan",
    }),
    onAction: (out, e) => {
      if (e.result === "applied") out.success(`sent: ${e.target}`);
      else out.warn(`not sent: ${e.target}: ${e.detail ?? e.result}`);
    },
    finish,
  });
}

function printPlan(out: Output, plan: AgentsPlan): void {
  const deploy = plan.deploy;
  if (deploy === null) return;
  const lines: string[] = [];
  if (deploy.runs.length > 0) lines.push(renderTable(["ORGANIZATION", "DEVICE", "SCRIPT"], deploy.runs.map((r) => [r.orgName, `${r.deviceName} (${r.deviceId})`, `${r.scriptName} (${r.scriptId})`])));
  if (deploy.skipped.length > 0) lines.push(renderTable(["ORGANIZATION", "SKIPPED", "WHY"], deploy.skipped.map((s) => [s.orgName, `${s.deviceName} (${s.deviceId})`, s.reason])));
  if (deploy.deferred > 0) lines.push(`${plural(deploy.deferred, "more device")} wait for the next run (--max)`);
  if (lines.length > 0) out.print(lines.join("\n\n"));
}

function finish(out: Output, plan: AgentsPlan, outcome: AgentsOutcome | null): void {
  const runs = plan.deploy?.runs.length ?? 0;
  if (runs === 0) out.success("no device to send the install script to");
  else if (outcome === null) out.info(`dry run: the install script would run on ${plural(runs, "device")}; nothing sent`);
  else if (outcome.runs.failed.length === 0) out.outcome(`sent the install script to ${plural(outcome.runs.applied.length, "device")}; \`ninja-bridge agents status\` shows the agents as they register`);
  else throw new PartialError(`${outcome.runs.failed.length} of ${runs} script runs failed`, { hint: "the next run tries them again" });
}
