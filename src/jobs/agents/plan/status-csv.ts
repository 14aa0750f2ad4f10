import { csvLines, type CsvCell } from "../../../csv.js";
import type { OrgAgents } from "./status.js";

/** `agents status --csv`: one row per device and per workload with no device, RFC 4180 quoting. */
export function statusCsv(orgs: readonly OrgAgents[]): string {
  const head = ["organization_id", "organization", "acronis_customer", "device_id", "device", "role", "os", "category", "workload_id", "plans", "reason"];
  const rows: CsvCell[][] = [];
  for (const o of orgs) {
    for (const d of o.devices) rows.push([o.orgId, o.orgName, o.tenantName, d.deviceId, d.deviceName, d.role, d.os, d.category, d.workload?.id ?? null, d.workload?.planNames ?? null, d.reason]);
    for (const w of o.workloadsWithoutDevice) rows.push([o.orgId, o.orgName, o.tenantName, null, w.name, null, null, "workload-without-device", w.id, null, w.reason]);
    if (o.unread !== undefined) rows.push([o.orgId, o.orgName, o.tenantName, null, null, null, null, "unread", null, null, o.unread]);
  }
  return csvLines(head, rows);
}
