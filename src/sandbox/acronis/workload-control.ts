import { z } from "zod";
import type { SandboxRequest, SandboxResponse } from "../contract.js";
import { emptyResponse, jsonResponse, matchPath, parseJsonBodyWith } from "../http-util.js";
import type { Tenant, Workload } from "./model.js";
import type { AcronisState } from "./service-state.js";
import { resourceView } from "./views.js";

/**
 * Control routes for one workload, as the machine or an administrator changes it: the host
 * renamed (resource name and agent hostname follow), the workload moved to another customer
 * (or unit), its serial reported differently, or the workload deleted in the console.
 */

const WorkloadChange = z
  .strictObject({
    hostname: z.string().trim().min(1, "must not be empty").max(255).optional(),
    /** The customer or unit tenant: its UUID or numeric id. */
    tenantId: z.string().trim().min(1, "must not be empty").optional(),
    /** Shown only with the `workloadSerials` option; null removes it. */
    serialNumber: z.string().nullable().optional(),
  })
  .refine((b) => Object.keys(b).length > 0, { message: "body must set at least one of hostname, tenantId, serialNumber" });

function error(status: number, message: string): SandboxResponse {
  return jsonResponse(status, { error: message });
}

function tenantFor(state: AcronisState, id: string): Tenant | undefined {
  const tenant = /^[0-9]+$/.test(id) ? state.store.tenantByNumericId.get(Number(id)) : state.store.liveTenant(id);
  return tenant === undefined || tenant.deletedMs !== null ? undefined : tenant;
}

function changeWorkload(state: AcronisState, workload: Workload, req: SandboxRequest): SandboxResponse {
  const parsed = parseJsonBodyWith(req, WorkloadChange);
  if (!parsed.ok) return error(400, parsed.error);
  const change = parsed.value;
  let target: Tenant | undefined;
  if (change.tenantId !== undefined) {
    target = tenantFor(state, change.tenantId);
    if (target === undefined) return error(400, `tenantId: no live tenant ${change.tenantId}`);
    if (target.kind !== "customer" && target.kind !== "unit") return error(400, `tenantId: ${change.tenantId} is a ${target.kind}, workloads live in customers and units`);
  }
  if (change.hostname !== undefined) workload.name = change.hostname;
  if (change.serialNumber === null) delete workload.serialNumber;
  else if (change.serialNumber !== undefined) workload.serialNumber = change.serialNumber;
  if (target !== undefined && target.numericId !== workload.tenantNumericId) state.store.moveWorkload(workload, target);
  workload.updatedMs = state.ctx.now();
  return jsonResponse(200, resourceView(state.store, workload, true, true));
}

export function workloadControl(state: AcronisState, req: SandboxRequest): SandboxResponse | undefined {
  const { method } = req;
  if (method !== "POST" && method !== "DELETE") return undefined;
  const match = matchPath("/workloads/{id}", req.path);
  if (match === undefined) return undefined;
  const workload = state.store.workloadById.get(match["id"] ?? "");
  if (workload === undefined || workload.deletedMs !== null) return error(404, `no workload ${match["id"] ?? ""}`);
  if (method === "POST") return changeWorkload(state, workload, req);
  workload.deletedMs = state.ctx.now();
  workload.updatedMs = workload.deletedMs;
  return emptyResponse(204);
}
