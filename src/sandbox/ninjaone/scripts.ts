import { z } from "zod";
import type { SandboxResponse } from "../contract.js";
import type { AgentInstallLog } from "../shared/agent-installs.js";
import { emptyResponse, jsonResponse, parseJsonBodyWith } from "../http-util.js";
import { userContextRequired } from "./errors.js";
import { badRequest, notFound, pathId, type ApiRoute, type RouteContext } from "./routing.js";

/**
 * NinjaOne's automation library and script runs (reference acronis-api §10, official spec
 * `getAutomationScripts` and `runScriptOnDevice`). A run is recorded in the sandbox's agent
 * install log, where the simulated Acronis picks up the agents the install scripts register.
 */

export interface AutomationScript {
  id: number;
  name: string;
  description: string;
  active: boolean;
  /** PowerShell, ShellScript, … as the spec's `language`. */
  language: string;
  operatingSystems: string[];
  architecture: string[];
  scriptVariables: Array<{ id: string; name: string; description: string; type: "TEXT"; source: "LITERAL"; defaultValue: string; required: boolean; valueList: string[] }>;
  /** Sandbox only: running it installs the Acronis agent with the organization's registration token. */
  installsAgent: boolean;
}

function script(id: number, name: string, language: string, operatingSystems: string[], installsAgent: boolean): AutomationScript {
  const variables = installsAgent
    ? [{ id: "tokenField", name: "Token field", description: "Organization custom field holding the registration token", type: "TEXT" as const, source: "LITERAL" as const, defaultValue: "acronisRegistrationToken", required: true, valueList: [] }]
    : [];
  return { id, name, description: "", active: true, language, operatingSystems, architecture: ["64"], scriptVariables: variables, installsAgent };
}

/**
 * The library the demo and generated estates share: the repository's two install scripts as
 * an MSP would upload them, and two scripts that share a name (uploaded twice), which a run
 * by name must refuse.
 */
export function seedScripts(): AutomationScript[] {
  return [
    script(11, "Install Acronis agent (Windows)", "PowerShell", ["WINDOWS"], true),
    script(12, "Install Acronis agent (Linux and macOS)", "ShellScript", ["LINUX", "MAC"], true),
    script(21, "Clear temp files", "PowerShell", ["WINDOWS"], false),
    script(22, "Clear temp files", "PowerShell", ["WINDOWS"], false),
  ];
}

/** The spec's script fields; `installsAgent` is the sandbox's own. */
function scriptView({ installsAgent: _, ...script }: AutomationScript): Record<string, unknown> {
  return script;
}

const RunBody = z.object({
  type: z.enum(["SCRIPT", "ACTION"]),
  id: z.number().int().positive().optional(),
  uid: z.string().optional(),
  parameters: z.string().optional(),
  runAs: z.string().optional(),
});

function listScripts(rc: RouteContext): SandboxResponse {
  return jsonResponse(200, rc.world.scripts.map(scriptView), { route: rc.route });
}

/**
 * Runs need a token with user context (reference ninjaone-api §2: confirmed for this call).
 * The spec documents no response body, so the sandbox answers 204 with none. An offline
 * device is accepted too (nothing says NinjaOne refuses it) and the script simply never runs.
 */
function runScript(rc: RouteContext): SandboxResponse {
  if (!rc.token.userContext) return { ...userContextRequired(), route: rc.route };
  const id = pathId(rc, "id");
  if (typeof id !== "number") return id;
  const device = rc.world.devices.get(id);
  if (device === undefined) return notFound(rc, "Device");
  const parsed = parseJsonBodyWith(rc.req, RunBody);
  if (!parsed.ok) return badRequest(rc, parsed.error);
  const body = parsed.value;
  if (body.type !== "SCRIPT") return badRequest(rc, "the sandbox runs scripts only (type SCRIPT)");
  if (body.id === undefined) return badRequest(rc, "id is required for type SCRIPT");
  const found = rc.world.scripts.find((s) => s.id === body.id && s.active);
  if (found === undefined) return notFound(rc, "Script");
  const values = rc.world.values("organization", device.organizationId);
  rc.ctx.agentInstalls.record({
    deviceId: device.id,
    organizationId: device.organizationId,
    scriptId: found.id,
    scriptName: found.name,
    parameters: body.parameters ?? null,
    delivered: !device.offline,
    installsAgent: found.installsAgent,
    systemName: device.systemName,
    serialNumber: device.serialNumber ?? device.biosSerialNumber ?? null,
    nodeClass: device.nodeClass,
    organizationValues: [...values.values()].filter((v): v is string => typeof v === "string"),
    at: rc.ctx.now(),
  });
  return emptyResponse(204, { route: rc.route });
}

export const scriptRoutes: ApiRoute[] = [
  { method: "GET", template: "/v2/automation/scripts", scope: "monitoring", handle: listScripts },
  { method: "POST", template: "/v2/device/{id}/script/run", scope: "management", handle: runScript },
];

/** `GET /control/ninjaone/script-runs`: every run NinjaOne accepted, without the organization's field values (they hold the token). */
export function scriptRunsView(log: AgentInstallLog): SandboxResponse {
  return jsonResponse(200, { items: log.all().map(({ organizationValues: _, ...run }) => run) });
}
