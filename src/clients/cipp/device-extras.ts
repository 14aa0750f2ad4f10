import { z } from "zod";
import type { HttpClient } from "../../http/index.js";
import { collect, mapConcurrent } from "../async-lists.js";
import { listGraphPaged } from "./graph-pages.js";

/**
 * What CIPP's NinjaOne device summary shows beyond ListDevices: the device's Entra groups and
 * its compliance policies (CIPP-API Invoke-NinjaOneTenantSync.ps1, "Device Groups" and
 * "Device Compliance Policies" cards; ListDeviceDetails reads the same per device from
 * `devices(deviceId=…)/memberOf` and `managedDevices/{id}/deviceCompliancePolicyStates`).
 * Here each is one paged read per tenant, not one per device.
 */

const optionalText = z.string().nullish();

const entraDeviceSchema = z.object({
  deviceId: optionalText,
  memberOf: z.array(z.object({ "@odata.type": optionalText, displayName: optionalText }).passthrough()).nullish(),
});

const DEVICES_PAGE_SIZE = 999;

/**
 * Group names by Entra device id (lower case), from Graph `devices?$expand=memberOf`. Graph
 * expands at most 20 related objects per item (UNVERIFIED for memberOf; documented for
 * directory-object expansions), so a device in more groups shows the first 20.
 */
export async function listDeviceGroups(http: HttpClient, tenantId: string): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  const rows = listGraphPaged(http, tenantId, "devices", entraDeviceSchema, { top: DEVICES_PAGE_SIZE, select: ["id", "deviceId"], expand: "memberOf($select=id,displayName)" });
  for await (const row of rows) {
    if (!row.deviceId) continue;
    // memberOf also holds administrative units and roles; only groups are wanted.
    const groups = (row.memberOf ?? []).filter((m) => (m["@odata.type"] ?? "#microsoft.graph.group") === "#microsoft.graph.group").map((m) => m.displayName?.trim() ?? "").filter((n) => n !== "");
    out.set(row.deviceId.toLowerCase(), [...new Set(groups)].sort((a, b) => a.localeCompare(b)));
  }
  return out;
}

/** One compliance policy's verdict on one device. */
export interface PolicyState {
  policy: string;
  /** Graph's complianceStatus: compliant, noncompliant, inGracePeriod, error, conflict, notApplicable…; kept open. */
  status: string;
}

const policySchema = z.object({ id: z.string(), displayName: optionalText });
const deviceStatusSchema = z.object({ deviceDisplayName: optionalText, status: optionalText });

/** Policies read at the same time. */
const POLICY_CONCURRENCY = 2;

/**
 * Each device's compliance policies by device name (lower case): the tenant's policies, then
 * each policy's `deviceStatuses`, matched by device display name and with "unknown" left out,
 * as CIPP's extension does (it has no device id in that report).
 */
export async function listCompliancePolicyStates(http: HttpClient, tenantId: string): Promise<Map<string, PolicyState[]>> {
  const policies = await collect(listGraphPaged(http, tenantId, "deviceManagement/deviceCompliancePolicies", policySchema, { top: DEVICES_PAGE_SIZE, select: ["id", "displayName"] }));
  const out = new Map<string, PolicyState[]>();
  const reads = mapConcurrent(policies, POLICY_CONCURRENCY, async (p) => ({
    policy: p.displayName?.trim() || p.id,
    statuses: await collect(listGraphPaged(http, tenantId, `deviceManagement/deviceCompliancePolicies/${p.id}/deviceStatuses`, deviceStatusSchema, { top: DEVICES_PAGE_SIZE, select: ["deviceDisplayName", "status"] })),
  }));
  for await (const { policy, statuses } of reads) {
    for (const s of statuses) {
      const name = s.deviceDisplayName?.trim().toLowerCase();
      const status = s.status?.trim() ?? "";
      if (!name || status === "" || status.toLowerCase() === "unknown") continue;
      const list = out.get(name) ?? [];
      list.push({ policy, status });
      out.set(name, list);
    }
  }
  for (const list of out.values()) list.sort((a, b) => a.policy.localeCompare(b.policy));
  return out;
}
