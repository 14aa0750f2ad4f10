import { collect } from "../../clients/async-lists.js";
import { listWorkloadStatuses } from "../../clients/acronis/statuses.js";
import { listWorkloads } from "../../clients/acronis/workloads.js";
import type { HttpClient } from "../../http/index.js";
import type { TenantSets } from "../shared/estates/acronis-batches.js";
import { LARGE_PAGE, readPerCustomer } from "../shared/estates/acronis-reads.js";
import type { JobSession } from "../shared/session.js";
import type { AgentWorkload } from "./plan/status.js";

/** The workloads of some tenants with their agent state (resources) and applied plans (resource statuses), each with its numeric tenant. */
async function* agentWorkloads(http: HttpClient, tenantIds: readonly string[]): AsyncGenerator<AgentWorkload & { tenantNumericId: string }> {
  const [resources, statuses] = await Promise.all([collect(listWorkloads(http, tenantIds, { limit: LARGE_PAGE })), collect(listWorkloadStatuses(http, tenantIds, { limit: LARGE_PAGE }))]);
  const plans = new Map(statuses.map((s) => [s.workloadId, s.status.planNames]));
  for (const r of resources) {
    if (r.agentId === null) continue;
    yield { id: r.id, name: r.hostname ?? r.name, serial: r.serialNumber, online: r.online, updatedAt: r.updatedAt, planNames: plans.get(r.id) ?? null, tenantNumericId: r.tenantNumericId };
  }
}

/**
 * The workloads of the given customers, many a listing where their numeric tenant ids are
 * known (see acronis-batches.ts), or why they could not be read: one customer's failure costs
 * that customer only. With the sets learned where they changed, for apply to record.
 */
export async function readAgentWorkloads(
  session: JobSession,
  tenantIds: readonly string[],
  known: TenantSets,
): Promise<{ workloads: Map<string, AgentWorkload[] | { error: string }>; learned: Record<string, string[]> }> {
  const { http } = await session.acronis();
  const read = await readPerCustomer(tenantIds, known, (ids) => agentWorkloads(http, ids), (w) => w.tenantNumericId);
  const workloads = new Map<string, AgentWorkload[] | { error: string }>();
  for (const [id, result] of read.results) workloads.set(id, "error" in result ? { error: result.error.message } : result.items.map(({ tenantNumericId: _, ...w }) => w));
  return { workloads, learned: read.learned };
}
