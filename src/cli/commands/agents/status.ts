import { DriftError, PartialError, UsageError } from "../../../errors.js";
import { agentsJob, type AgentsPlan } from "../../../jobs/agents/index.js";
import { statusCsv } from "../../../jobs/agents/plan/status-csv.js";
import { agentsSettingsFromFlags, type AgentsFlags } from "../../../jobs/agents/settings.js";
import { plural } from "../../../plural.js";
import type { Context } from "../../context.js";
import type { Output } from "../../io.js";
import { runJobCommand } from "../../run-job-command.js";
import { renderTable } from "../../table.js";

export interface AgentsStatusOptions extends AgentsFlags {
  csv?: boolean;
  failOn?: string;
}

const SHOWN = 40;

/** Which devices of the mapped organizations have the Acronis agent; changes nothing. */
export async function run(options: AgentsStatusOptions, ctx: Context): Promise<void> {
  if (options.failOn !== undefined && options.failOn !== "unprotected") throw new UsageError(`--fail-on takes "unprotected", not "${options.failOn}"`);
  if (options.csv && ctx.json) throw new UsageError("--csv and --json cannot be combined");
  const settings = agentsSettingsFromFlags(await ctx.config(), "status", options);
  await runJobCommand(ctx, agentsJob, settings, {
    command: "agents status",
    reading: "reading NinjaOne devices and the mapped Acronis customers' workloads…",
    printPlan: (out, plan) => (options.csv ? out.print(statusCsv(plan.orgs ?? [])) : printStatus(out, plan)),
    finish: (out, plan) => finish(out, plan, options.failOn === "unprotected"),
  });
}

function printStatus(out: Output, plan: AgentsPlan): void {
  const orgs = plan.orgs ?? [];
  if (orgs.length === 0) {
    out.print("no NinjaOne organization is mapped to an Acronis customer (`ninja-bridge automap` or `orgs map` links them)");
    return;
  }
  const rows = orgs.flatMap((o) => o.devices.filter((d) => d.category !== "protected").map((d) => [o.orgName, d.deviceName, d.os, d.category, d.reason]));
  const lines = [
    renderTable(
      ["ORGANIZATION", "PROTECTED", "NO PLAN", "OFFLINE", "NO AGENT", "WORKLOAD, NO DEVICE"],
      orgs.map((o) => {
        const n = (c: string) => String(o.devices.filter((d) => d.category === c).length);
        return [`${o.orgName} → ${o.tenantName}`, ...(o.unread === undefined ? [n("protected"), n("agent-no-plan"), n("agent-offline"), n("no-agent"), String(o.workloadsWithoutDevice.length)] : ["not read", "", "", "", ""])];
      }),
    ),
  ];
  if (rows.length > 0) {
    lines.push("", renderTable(["ORGANIZATION", "DEVICE", "OS", "STATUS", "WHY"], rows.slice(0, SHOWN)));
    if (rows.length > SHOWN) lines.push(`  … and ${rows.length - SHOWN} more (--json or --csv lists them all)`);
  }
  out.print(lines.join("\n"));
}

function finish(out: Output, plan: AgentsPlan, failOnUnprotected: boolean): void {
  const s = plan.summary;
  if (s === null) return;
  out.info(`${s.protected} protected, ${s["agent-no-plan"]} with an agent but no plan, ${s["agent-offline"]} offline, ${s["no-agent"]} without an agent; ${plural(s["workload-without-device"], "workload")} with no NinjaOne device`);
  const unread = (plan.orgs ?? []).filter((o) => o.unread !== undefined);
  if (failOnUnprotected && s["no-agent"] > 0) throw new DriftError(`${plural(s["no-agent"], "device")} without the Acronis agent`, { hint: "`ninja-bridge agents deploy` installs it" });
  if (unread.length > 0) throw new PartialError(`the workloads of ${plural(unread.length, "Acronis customer")} could not be read`, { hint: "their devices are left out; the next run reads them again" });
}
