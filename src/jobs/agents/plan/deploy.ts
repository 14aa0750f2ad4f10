import type { AutomationScript } from "../../../clients/ninjaone/scripts.js";
import type { AgentDeploy } from "../../../state/index.js";
import { SCRIPT_OS } from "./device-kind.js";
import type { OrgAgents } from "./status.js";

export interface RunAction {
  kind: "run-script";
  orgId: number;
  orgName: string;
  deviceId: number;
  deviceName: string;
  scriptId: number;
  scriptName: string;
  reason: string;
}

export interface DeploySkip {
  deviceId: number;
  deviceName: string;
  orgName: string;
  reason: string;
}

export interface DeployPlan {
  runs: RunAction[];
  skipped: DeploySkip[];
  /** Devices left for the next run by --max. */
  deferred: number;
}

/** The scripts an operator named (by id or exact name), or why one name cannot be used. */
export function resolveScripts(wanted: readonly string[], library: readonly AutomationScript[]): { scripts: AutomationScript[] } | { error: string } {
  const scripts: AutomationScript[] = [];
  for (const w of wanted) {
    const key = w.trim();
    const byId = /^\d+$/.test(key) ? library.filter((s) => s.id === Number(key)) : [];
    const found = byId.length > 0 ? byId : library.filter((s) => s.name.trim().toLowerCase() === key.toLowerCase());
    if (found.length === 0) return { error: `no NinjaOne automation script is named "${key}" or has that id` };
    if (found.length > 1) return { error: `${found.length} NinjaOne scripts are named "${key}" (ids ${found.map((s) => s.id).join(", ")}); give the script's id` };
    const [only] = found as [AutomationScript];
    if (!only.active) return { error: `NinjaOne script "${only.name}" (${only.id}) is inactive` };
    scripts.push(only);
  }
  return { scripts };
}

export interface DeployInput {
  orgs: readonly OrgAgents[];
  scripts: readonly AutomationScript[];
  recorded: Readonly<Record<string, Readonly<AgentDeploy>>>;
  retryAfterHours: number;
  max: number;
  now: Date;
}

/**
 * The install script for each device without an agent: the first given script made for its
 * OS. Offline devices, devices sent a script within --retry-after hours, and devices no script
 * fits are skipped with why; past --max the rest wait for the next run.
 */
export function planDeploy(input: DeployInput): DeployPlan {
  const plan: DeployPlan = { runs: [], skipped: [], deferred: 0 };
  for (const org of input.orgs) {
    for (const d of org.devices) {
      if (d.category !== "no-agent") continue;
      const skip = (reason: string) => plan.skipped.push({ deviceId: d.deviceId, deviceName: d.deviceName, orgName: org.orgName, reason });
      if (d.deviceOffline) {
        skip("the device is offline in NinjaOne: a script sent now would never run");
        continue;
      }
      const last = input.recorded[String(d.deviceId)];
      if (last !== undefined && input.now.getTime() - Date.parse(last.ranAt) < input.retryAfterHours * 3_600_000) {
        skip(`the install script was sent at ${last.ranAt}, less than ${input.retryAfterHours} hours ago`);
        continue;
      }
      const os = SCRIPT_OS[d.os];
      const script = input.scripts.find((s) => s.operatingSystems.length === 0 || (os !== undefined && s.operatingSystems.includes(os)));
      if (script === undefined) {
        skip(`no given script runs on ${d.os}`);
        continue;
      }
      if (plan.runs.length >= input.max) {
        plan.deferred += 1;
        continue;
      }
      plan.runs.push({ kind: "run-script", orgId: org.orgId, orgName: org.orgName, deviceId: d.deviceId, deviceName: d.deviceName, scriptId: script.id, scriptName: script.name, reason: "no Acronis agent" });
    }
  }
  return plan;
}
