import { z } from "zod";
import type { HttpClient } from "../../http/index.js";
import { type Logger, silentLogger } from "../../log.js";
import { stringPool } from "../../string-pool.js";
import { DEFAULT_PAGE_SIZE, checkPageSize, keysetItems, pageSizeMemory } from "./paging.js";
import { type DetailedDeviceBody, detailedDeviceSchema } from "./schemas.js";

/** A NinjaOne device from `/v2/devices-detailed`, flattened to what the jobs read. */
export interface NinjaDevice {
  id: number;
  organizationId: number;
  nodeClass: string;
  /** The device role, which decides the role custom fields it has; null when NinjaOne does not say. */
  nodeRoleId?: number | null;
  displayName: string | null;
  /** Absent on some network and unmanaged devices. */
  systemName: string | null;
  dnsName: string | null;
  /** `system.serialNumber`; agent and MDM devices only. */
  serialNumber: string | null;
  /** `system.biosSerialNumber`; agent devices only. */
  biosSerialNumber: string | null;
  manufacturer: string | null;
  model: string | null;
  virtualMachine: boolean | null;
  offline: boolean | null;
  /** `os.name`, e.g. "Windows 11 Pro"; agent devices only. */
  osName?: string | null;
}

export interface ListDevicesOptions {
  /** Only this organization's devices (`df=org=<id>`). */
  organizationId?: number;
  /** Devices per request; default 1000. */
  pageSize?: number;
  logger?: Logger;
}

const PATH = "/v2/devices-detailed";
const pageSchema = z.array(detailedDeviceSchema);

/**
 * A compact device: a job holds 50,000 of them for a whole run. The few values that repeat
 * across a fleet (class, OS, make, model) are shared through `shared` instead of each device
 * keeping its own copy of the text the response was parsed from.
 */
function toDevice(body: DetailedDeviceBody, shared: ReturnType<typeof stringPool>): NinjaDevice {
  const system = body.system ?? undefined;
  return {
    id: body.id,
    organizationId: body.organizationId,
    nodeClass: shared(body.nodeClass),
    nodeRoleId: body.nodeRoleId ?? null,
    // The same text is often in two of these (a display name that is the system name, a BIOS
    // serial that is the serial): kept once, as each is otherwise its own parsed copy.
    displayName: body.displayName === body.systemName ? (body.systemName ?? null) : (body.displayName ?? null),
    systemName: body.systemName ?? null,
    dnsName: body.dnsName ?? null,
    serialNumber: system?.serialNumber ?? null,
    biosSerialNumber: system?.biosSerialNumber === system?.serialNumber ? (system?.serialNumber ?? null) : (system?.biosSerialNumber ?? null),
    manufacturer: shared(system?.manufacturer ?? null),
    model: shared(system?.model ?? null),
    virtualMachine: system?.virtualMachine ?? null,
    offline: body.offline ?? null,
    osName: shared(body.os?.name ?? null),
  };
}

/**
 * Every device with its serial numbers, for the whole estate or one organization, paged with
 * `after` (reference §4). `/v2/organization/{id}/devices` has no `system` block, so a single
 * organization is read from devices-detailed with a device filter; one report says that filter
 * is sometimes ignored, so each device's organization is checked here as well.
 */
export async function* listDevices(http: HttpClient, options: ListDevicesOptions = {}): AsyncGenerator<NinjaDevice> {
  const pageSize = checkPageSize(options.pageSize ?? DEFAULT_PAGE_SIZE);
  const { organizationId } = options;
  const df = organizationId === undefined ? undefined : `org=${organizationId}`;
  const items = keysetItems({
    path: PATH,
    pageSize,
    memory: pageSizeMemory(http, PATH),
    idOf: (device: DetailedDeviceBody) => device.id,
    fetchPage: (after) => http.request({ method: "GET", path: PATH, query: { df, pageSize, after }, schema: pageSchema }),
  });
  let foreign = 0;
  const shared = stringPool();
  for await (const device of items) {
    if (organizationId !== undefined && device.organizationId !== organizationId) {
      foreign += 1;
      continue;
    }
    yield toDevice(device, shared);
  }
  if (foreign > 0) {
    const what = foreign === 1 ? "1 device" : `${foreign} devices`;
    (options.logger ?? silentLogger).warn(`NinjaOne ignored the device filter ${df}: left out ${what} of other organizations`);
  }
}

/** A device role from `GET /v2/roles` (getNodeRoles_1): a bare array of `{id, name, nodeClass, …}`. */
export interface DeviceRole {
  id: number;
  name: string;
}

const rolesSchema = z.array(z.object({ id: z.number().int(), name: z.string() }));

/** The device roles; role custom fields belong to some of them (the API does not say which). */
export async function listDeviceRoles(http: HttpClient): Promise<DeviceRole[]> {
  return (await http.request({ method: "GET", path: "/v2/roles", schema: rolesSchema })).map((r) => ({ id: r.id, name: r.name }));
}
