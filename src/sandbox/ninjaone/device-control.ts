import { z } from "zod";
import type { SandboxRequest, SandboxResponse } from "../contract.js";
import { emptyResponse, jsonResponse, matchPath, parseJsonBodyWith, parsePositiveInt } from "../http-util.js";
import { isValidFieldValue } from "./field-values.js";
import { deviceDetailedView } from "./views.js";
import type { DeviceRecord, NinjaWorld } from "./world.js";

/**
 * Control routes for one device, as a person or the machine itself changes it: renamed (its
 * host name), moved to another organization, its serial reported differently (a swapped
 * mainboard), deleted in the UI, or a custom field filled by a script or a technician.
 */

const Name = z.string().trim().min(1, "must not be empty").max(255);

const DeviceChange = z
  .strictObject({
    systemName: Name.optional(),
    displayName: Name.optional(),
    // null: the device reports no DNS name / no serial any more.
    dnsName: Name.nullable().optional(),
    organizationId: z.number().int().positive().optional(),
    locationId: z.number().int().positive().optional(),
    serialNumber: z.string().nullable().optional(),
    biosSerialNumber: z.string().nullable().optional(),
    /** The device stops (or starts) reporting: scripts sent to an offline device never run. */
    offline: z.boolean().optional(),
  })
  .refine((b) => Object.keys(b).length > 0, {
    message: "body must set at least one of systemName, displayName, dnsName, organizationId, locationId, serialNumber, biosSerialNumber, offline",
  });
type DeviceChange = z.infer<typeof DeviceChange>;

const FieldValues = z.record(z.string(), z.unknown());

function error(status: number, message: string): SandboxResponse {
  return jsonResponse(status, { error: message });
}

/** The organization and location the device ends up in, or why it cannot go there. */
function placement(world: NinjaWorld, device: DeviceRecord, change: DeviceChange): { organizationId: number; locationId: number } | string {
  const organizationId = change.organizationId ?? device.organizationId;
  const org = world.liveOrg(organizationId);
  if (org === undefined) return `organizationId: no organization ${organizationId}`;
  if (change.locationId !== undefined) {
    if (!org.locations.some((l) => l.id === change.locationId)) return `locationId: organization ${organizationId} has no location ${change.locationId}`;
    return { organizationId, locationId: change.locationId };
  }
  if (organizationId === device.organizationId) return { organizationId, locationId: device.locationId };
  // Moving a device needs a location of the new organization (PATCH /v2/device/{id} sends both).
  const first = org.locations[0];
  if (first === undefined) return `locationId: organization ${organizationId} has no location to move the device to`;
  return { organizationId, locationId: first.id };
}

function changeDevice(world: NinjaWorld, device: DeviceRecord, req: SandboxRequest, nowSec: number): SandboxResponse {
  const parsed = parseJsonBodyWith(req, DeviceChange);
  if (!parsed.ok) return error(400, parsed.error);
  const change = parsed.value;
  const where = placement(world, device, change);
  if (typeof where === "string") return error(400, where);
  if (change.systemName !== undefined) {
    device.systemName = change.systemName;
    // Windows derives the NetBIOS name from the host name: 15 characters, upper case.
    device.netbiosName = change.systemName.slice(0, 15).toUpperCase();
  }
  if (change.displayName !== undefined) device.displayName = change.displayName;
  if (change.dnsName === null) delete device.dnsName;
  else if (change.dnsName !== undefined) device.dnsName = change.dnsName;
  if (change.serialNumber === null) delete device.serialNumber;
  else if (change.serialNumber !== undefined) device.serialNumber = change.serialNumber;
  if (change.biosSerialNumber === null) delete device.biosSerialNumber;
  else if (change.biosSerialNumber !== undefined) device.biosSerialNumber = change.biosSerialNumber;
  if (change.offline !== undefined) device.offline = change.offline;
  if (where.organizationId !== device.organizationId || where.locationId !== device.locationId) world.moveDevice(device, where.organizationId, where.locationId);
  device.lastUpdate = nowSec;
  return jsonResponse(200, deviceDetailedView(device));
}

/**
 * Values set as a script or technician would: whatever the field's API permission, checked
 * against its type as an API write is. null removes a value. Not listed as API writes.
 */
function setFieldValues(world: NinjaWorld, device: DeviceRecord, req: SandboxRequest): SandboxResponse {
  const parsed = parseJsonBodyWith(req, FieldValues);
  if (!parsed.ok) return error(400, `body must be an object keyed by field name: ${parsed.error}`);
  const entries = Object.entries(parsed.value);
  if (entries.length === 0) return error(400, "body must name at least one field");
  for (const [name, value] of entries) {
    const def = world.fieldDefinitions.find((d) => d.name === name && d.definitionScope.includes("NODE"));
    if (def === undefined) return error(400, `${name}: no device custom field of that name`);
    if (value !== null && !isValidFieldValue(def, value)) return error(400, `${name}: not a valid ${def.type} value`);
  }
  const values = world.values("device", device.id);
  for (const [name, value] of entries) {
    if (value === null) values.delete(name);
    else values.set(name, value);
  }
  return jsonResponse(200, Object.fromEntries(values));
}

export function handleDeviceControl(req: SandboxRequest, path: string, world: NinjaWorld, nowSec: number): SandboxResponse | undefined {
  const method = req.method.toUpperCase();
  const one = matchPath("/devices/{id}", path);
  const fields = matchPath("/devices/{id}/custom-fields", path);
  const raw = one?.id ?? fields?.id;
  if (raw === undefined) return undefined;
  const wanted = one !== undefined ? method === "POST" || method === "DELETE" : method === "POST";
  if (!wanted) return undefined;
  const id = parsePositiveInt(raw);
  const device = id === undefined ? undefined : world.devices.get(id);
  if (id === undefined || device === undefined) return error(404, `no device ${raw}`);
  if (fields !== undefined) return setFieldValues(world, device, req);
  if (method === "DELETE") {
    world.deleteDevice(id);
    return emptyResponse(204);
  }
  return changeDevice(world, device, req, nowSec);
}
