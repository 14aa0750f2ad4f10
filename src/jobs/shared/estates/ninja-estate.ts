import { collect } from "../../../clients/async-lists.js";
import { listDevices, type NinjaDevice } from "../../../clients/ninjaone/devices.js";
import { listOrganizations, type NinjaOrganization } from "../../../clients/ninjaone/organizations.js";
import type { HttpClient } from "../../../http/index.js";
import type { Logger } from "../../../log.js";

export interface NinjaEstate {
  orgs: NinjaOrganization[];
  /** Empty unless devices were asked for. */
  devices: NinjaDevice[];
}

/**
 * Reads NinjaOne's organizations, and with `devices` every device (one devices-detailed
 * listing, never a request per organization or device), both listings at once.
 */
export async function loadNinjaEstate(http: HttpClient, options: { devices: boolean; logger?: Logger }): Promise<NinjaEstate> {
  const [orgs, devices] = await Promise.all([
    collect(listOrganizations(http)),
    options.devices ? collect(listDevices(http, options.logger ? { logger: options.logger } : {})) : Promise.resolve([]),
  ]);
  return { orgs, devices };
}

/** Device counts per organization id. */
export function countDevicesByOrg(devices: readonly NinjaDevice[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (const d of devices) counts.set(d.organizationId, (counts.get(d.organizationId) ?? 0) + 1);
  return counts;
}
