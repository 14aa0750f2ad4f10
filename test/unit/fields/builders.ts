import type { WorkloadProtection } from "../../../src/clients/acronis/statuses.js";
import type { CustomFieldDefinition } from "../../../src/clients/ninjaone/custom-fields.js";
import type { NinjaDevice } from "../../../src/clients/ninjaone/devices.js";
import { findSource } from "../../../src/jobs/fields/plan/index.js";
import type { ActiveMapping } from "../../../src/jobs/fields/plan/active-mappings.js";

export function ninjaDevice(id: number, organizationId: number, systemName: string, serialNumber: string | null = null): NinjaDevice {
  return { id, organizationId, nodeClass: "WINDOWS_WORKSTATION", displayName: null, systemName, dnsName: null, serialNumber, biosSerialNumber: null, manufacturer: null, model: null, virtualMachine: false, offline: false };
}

export function protection(name: string, status: string, extra: Partial<WorkloadProtection["status"]> = {}): WorkloadProtection {
  return {
    workloadId: `w-${name}`,
    name,
    tenantNumericId: "1",
    hostname: name,
    serialNumber: null,
    status: { agentVersion: "15.0.26355", status, planNames: "Servers daily", policies: [{ type: "policy.backup.machine", lastSuccessRunTime: "2026-01-05T02:00:48Z", nextRunTime: "2026-01-06T02:00:00Z" }], ...extra },
  };
}

export function field(name: string, type: string, scopes: string[] = ["NODE"], apiPermission = "READ_WRITE"): CustomFieldDefinition {
  return { name, label: name, description: null, type, scopes, fieldScope: "NODE_GLOBAL", apiPermission, technicianPermission: null, active: true, system: false, options: [] };
}

/** A mapping of a catalogue source to a field that fits it. */
export function mapping(sourceId: string, fieldName: string, type: string, scopes: string[] = ["NODE"]): ActiveMapping {
  const source = findSource(sourceId);
  if (source === undefined) throw new Error(`no source ${sourceId}`);
  return { source, field: field(fieldName, type, scopes) };
}
