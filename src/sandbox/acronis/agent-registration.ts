import { randomBytes } from "node:crypto";
import { jsonResponse } from "../http-util.js";
import { Prng } from "../prng.js";
import { AGENT_APPEARS_AFTER_MS, type ScriptRun } from "../shared/agent-installs.js";
import { isUuid } from "../shared/uuid.js";
import { failAccount } from "./error-bodies.js";
import type { Tenant } from "./model.js";
import { accountJsonObject } from "./request-parsing.js";
import { AcronisSeeder } from "./seed-builder.js";
import type { AcronisState, Route } from "./service-state.js";

/**
 * Agent registration tokens (reference acronis-api §10) and the agents they register.
 *
 * What the reference leaves UNVERIFIED is read the least kind way: the scope must name the
 * tenant of the path (Acronis' own sample leaves the tenant part empty, against the user's
 * personal tenant), the answer holds `token` alone (the Python sample reads `token`; no expiry
 * is echoed, so a client keeps the one it asked for), a lifetime above 30 days is refused,
 * and a tenant outside the API client's partner is refused with 403.
 */

export interface RegistrationToken {
  tenantId: string;
  expiresMs: number;
}

export const MAX_TOKEN_LIFETIME_SEC = 30 * 24 * 3600;
const AGENT_ROLE = "backup_agent_admin";

/** Within the API client's own partner: a client manages its partner's subtree only. */
function manages(state: AcronisState, tenant: Tenant): boolean {
  let t: Tenant | undefined = tenant;
  while (t !== undefined) {
    if (t.id === state.client.tenantId) return true;
    t = t.parentId === null ? undefined : state.store.tenantById.get(t.parentId);
  }
  return false;
}

function createToken(state: AcronisState, req: Parameters<Route["run"]>[1], params: Record<string, string>, route: string) {
  const id = params["id"] ?? "";
  if (!isUuid(id)) failAccount(400, 400, `invalid tenant id: ${id}`, route);
  const tenant = state.store.liveTenant(id);
  if (tenant === undefined) failAccount(404, 1005, "Tenant not found", route);
  if (!manages(state, tenant)) failAccount(403, 403, "Access to the tenant is denied", route);
  if (tenant.kind !== "customer" && tenant.kind !== "unit") failAccount(400, 400, `agents register in customers and units, not in a ${tenant.kind}`, route);
  const body = accountJsonObject(req, route);
  const expiresIn = body["expires_in"];
  if (typeof expiresIn !== "number" || !Number.isInteger(expiresIn) || expiresIn < 1 || expiresIn > MAX_TOKEN_LIFETIME_SEC) {
    failAccount(400, 400, `expires_in must be a whole number of seconds from 1 to ${MAX_TOKEN_LIFETIME_SEC}`, route);
  }
  const scopes = body["scopes"];
  const wanted = `urn:acronis.com:tenant-id:${tenant.id}:${AGENT_ROLE}`;
  if (!Array.isArray(scopes) || scopes.length !== 1 || scopes[0] !== wanted) failAccount(400, 400, `scopes must be ["${wanted}"]`, route);
  // Shaped as the console shows them: four groups of four.
  const token = (randomBytes(8).toString("hex").toUpperCase().match(/.{4}/g) ?? []).join("-");
  state.registrationTokens.set(token, { tenantId: tenant.id, expiresMs: state.ctx.now() + expiresIn * 1000 });
  return jsonResponse(200, { token }, { route });
}

export const REGISTRATION_ROUTES: Route[] = [{ method: "POST", template: "/api/2/tenants/{id}/registration_tokens", api: "account", run: createToken }];

/** The tenant a token registers into, if it was live when the script ran. */
function tokenTenant(state: AcronisState, run: ScriptRun): Tenant | undefined {
  for (const value of run.organizationValues) {
    const token = state.registrationTokens.get(value.trim());
    if (token !== undefined && token.expiresMs > run.at) return state.store.liveTenant(token.tenantId);
  }
  return undefined;
}

/**
 * Registers the agents of script runs whose time has come: a delivered run of an install
 * script with a live token registers AGENT_APPEARS_AFTER_MS later, as a workload with no plan;
 * any other run (offline device, no or expired token, another script) never registers.
 */
export function settleAgentInstalls(state: AcronisState): void {
  const runs = state.ctx.agentInstalls.all();
  const now = state.ctx.now();
  for (const run of runs) {
    if (state.settledRuns.has(run.id) || run.at + AGENT_APPEARS_AFTER_MS > now) continue;
    state.settledRuns.add(run.id);
    const tenant = run.delivered && run.installsAgent ? tokenTenant(state, run) : undefined;
    if (tenant === undefined) continue;
    const seeder = new AcronisSeeder(state.store, new Prng(run.id), now);
    const workload = seeder.workload(tenant, { hostname: run.systemName, nodeClass: run.nodeClass, state: "no_plan", online: true, ...(run.serialNumber === null ? {} : { serialNumber: run.serialNumber }) });
    workload.ninjaDeviceId = run.deviceId;
    workload.createdMs = run.at + AGENT_APPEARS_AFTER_MS;
    workload.registrationMs = workload.createdMs;
    workload.updatedMs = workload.createdMs;
  }
}
