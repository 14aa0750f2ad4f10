import { collect, mapConcurrent } from "../../clients/async-lists.js";
import { listWorkloadStatuses } from "../../clients/acronis/statuses.js";
import { listWorkloads } from "../../clients/acronis/workloads.js";
import { ApiError } from "../../errors.js";
import type { JobSession } from "../shared/session.js";
import type { AgentWorkload } from "./plan/status.js";

/**
 * One customer's workloads with their agent state (resources) and applied plans (resource
 * statuses), or why they could not be read: one customer's failure costs that customer only.
 */
async function readCustomer(session: JobSession, tenantId: string): Promise<AgentWorkload[] | { error: string }> {
  const { http } = await session.acronis();
  try {
    const [resources, statuses] = await Promise.all([collect(listWorkloads(http, tenantId)), collect(listWorkloadStatuses(http, tenantId))]);
    const plans = new Map(statuses.map((s) => [s.workloadId, s.status.planNames]));
    return resources
      .filter((r) => r.agentId !== null)
      .map((r) => ({ id: r.id, name: r.hostname ?? r.name, serial: r.serialNumber, online: r.online, updatedAt: r.updatedAt, planNames: plans.get(r.id) ?? null }));
  } catch (error) {
    if (error instanceof ApiError) return { error: error.message };
    throw error;
  }
}

/** The workloads of the given customers, four at a time. */
export async function readAgentWorkloads(session: JobSession, tenantIds: readonly string[]): Promise<Map<string, AgentWorkload[] | { error: string }>> {
  const out = new Map<string, AgentWorkload[] | { error: string }>();
  for await (const [id, read] of mapConcurrent(tenantIds, 4, async (id) => [id, await readCustomer(session, id)] as const)) out.set(id, read);
  return out;
}
