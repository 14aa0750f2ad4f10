import type { HttpClient } from "../../http/index.js";
import { checkLimit, cursorItems, tenantFilter } from "./paging.js";
import { z } from "zod";
import { resourceSchema } from "./schemas.js";

/** One policy run record of a workload's status (acronis-api §5), both spellings folded into one. */
export interface AcronisPolicyRun {
  /** `policy.backup.machine`, `policy.security.antimalware_protection`, … */
  type: string;
  /** `last_success_run_time`, or the guide's `last_success_run`. */
  lastSuccessRunTime?: string | number | null;
  /** `next_run_time`; absent in the guide's example. */
  nextRunTime?: string | number | null;
}

/** What ninja-bridge reads from one workload: its agent attributes and `resource_statuses` item. */
export interface AcronisWorkloadStatus {
  agentVersion: string | null;
  /** `aggregate.status`: an open ExecutionStatus string. */
  status: string | null;
  /** `aggregate.names`: the applied plan name(s). */
  planNames: string | null;
  policies: readonly AcronisPolicyRun[];
}

/** One workload's protection as `resource_statuses` reports it (reference acronis-api §5). */
export interface WorkloadProtection {
  workloadId: string;
  name: string;
  /** The numeric id of the tenant the workload sits in: the customer's own or one of its units'. */
  tenantNumericId: string;
  /** The agent's `hostname` attribute, when attributes were returned. */
  hostname: string | null;
  /** A `serial_number` attribute, which Acronis rarely reports (reference §5). */
  serialNumber: string | null;
  status: AcronisWorkloadStatus;
}

export interface ListWorkloadStatusesOptions {
  /** Items per request; default 100. */
  limit?: number;
}

const time = z.union([z.string(), z.number()]).nullish();

/** A `ResourceStatus` item (reference §5), reduced to what the fields job reads. */
const resourceStatusSchema = z.object({
  context: resourceSchema,
  aggregate: z.object({ status: z.string().nullish(), names: z.string().nullish() }).nullish(),
  policies: z
    .array(z.object({ type: z.string(), last_success_run_time: time, last_success_run: time, next_run_time: time }))
    .nullish(),
});
type ResourceStatusBody = z.infer<typeof resourceStatusSchema>;

const PATH = "/api/resource_management/v4/resource_statuses";
/**
 * Acronis' RMM requirements name `resource_statuses?type=resource.machine` as the one source of
 * these values (reference §5, G: outbound/scenarios/rmm/monitoring); without a type the listing
 * also carries groups and other resources that are no device.
 */
const MACHINE = "resource.machine";
const DEFAULT_LIMIT = 100;

function attributeValue(body: ResourceStatusBody, namespace: string, key: string): unknown {
  return body.context.attributes?.find((a) => a.name === namespace)?.kvs?.find((kv) => kv.key === key)?.value;
}

function text(value: unknown): string | null {
  return typeof value === "string" && value.trim() !== "" ? value.trim() : null;
}

function toProtection(body: ResourceStatusBody): WorkloadProtection {
  const policies: AcronisPolicyRun[] = (body.policies ?? []).map((p) => ({
    type: p.type,
    // The OpenAPI spelling first, then the guide's (reference §5: accept both).
    lastSuccessRunTime: p.last_success_run_time ?? p.last_success_run ?? null,
    nextRunTime: p.next_run_time ?? null,
  }));
  return {
    workloadId: body.context.id,
    name: body.context.name,
    tenantNumericId: body.context.tenant_id,
    hostname: text(attributeValue(body, "agent", "hostname")),
    serialNumber: text(attributeValue(body, "default", "serial_number")) ?? text(attributeValue(body, "agent", "serial_number")),
    status: {
      agentVersion: text(attributeValue(body, "agent", "version")),
      status: body.aggregate?.status ?? null,
      planNames: body.aggregate?.names ?? null,
      policies,
    },
  };
}

/**
 * The machine statuses of a tenant (or of up to 100 tenants at once) with their resources'
 * attributes: protection status, plan names, backup and scan times and the agent version, in
 * one cursor-paged listing. Each names its numeric tenant, which tells several tenants apart.
 */
export async function* listWorkloadStatuses(http: HttpClient, tenantIds: string | readonly string[], options: ListWorkloadStatusesOptions = {}): AsyncGenerator<WorkloadProtection> {
  const limit = checkLimit(options.limit ?? DEFAULT_LIMIT);
  for await (const body of cursorItems(http, PATH, { tenant_id: tenantFilter(tenantIds), type: MACHINE, include_attributes: true }, limit, resourceStatusSchema)) yield toProtection(body);
}
