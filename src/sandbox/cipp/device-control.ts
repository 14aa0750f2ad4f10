import { z } from "zod";
import type { SandboxRequest, SandboxResponse } from "../contract.js";
import { emptyResponse, jsonResponse, matchPath, parseJsonBodyWith } from "../http-util.js";
import { isUuid } from "../shared/uuid.js";
import { COMPLIANCE_STATES, type CippTenant, type ManagedDevice } from "./model.js";
import type { CippStore } from "./store.js";

/**
 * Control routes for one Intune managed device (Graph ids are unique across tenants, so no
 * tenant is named): renamed, its serial reported differently, its Entra device id changed
 * (re-joined to Entra), its compliance changed, or retired and gone from Intune.
 */

const DeviceChange = z
  .strictObject({
    deviceName: z.string().trim().min(1, "must not be empty").max(255).optional(),
    serialNumber: z.string().optional(),
    azureADDeviceId: z.string().refine(isUuid, "must be a GUID").optional(),
    complianceState: z.enum(COMPLIANCE_STATES).optional(),
  })
  .refine((b) => Object.keys(b).length > 0, { message: "body must set at least one of deviceName, serialNumber, azureADDeviceId, complianceState" });

function find(store: CippStore, id: string): { tenant: CippTenant; device: ManagedDevice } | undefined {
  for (const tenant of store.tenants) {
    const device = tenant.devices.find((d) => d.id === id);
    if (device !== undefined) return { tenant, device };
  }
  return undefined;
}

export function cippDeviceControl(store: CippStore, req: SandboxRequest): SandboxResponse | undefined {
  if (req.method !== "POST" && req.method !== "DELETE") return undefined;
  const match = matchPath("/devices/{id}", req.path);
  if (match === undefined) return undefined;
  const found = find(store, match["id"] ?? "");
  if (found === undefined) return jsonResponse(404, { error: `no Intune device ${match["id"] ?? ""}` });
  const { tenant, device } = found;
  if (req.method === "DELETE") {
    tenant.devices.splice(tenant.devices.indexOf(device), 1);
    return emptyResponse(204);
  }
  const parsed = parseJsonBodyWith(req, DeviceChange);
  if (!parsed.ok) return jsonResponse(400, { error: parsed.error });
  const change = parsed.value;
  if (change.deviceName !== undefined) device.deviceName = change.deviceName;
  if (change.serialNumber !== undefined) device.serialNumber = change.serialNumber;
  // Graph renders GUIDs in lower case.
  if (change.azureADDeviceId !== undefined) device.azureADDeviceId = change.azureADDeviceId.toLowerCase();
  if (change.complianceState !== undefined) device.complianceState = change.complianceState;
  return jsonResponse(200, device);
}
