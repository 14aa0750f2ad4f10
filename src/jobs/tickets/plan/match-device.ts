import type { NinjaDevice } from "../../shared/devices/device.js";
import { matchDevicesInOrg } from "../../shared/devices/match-devices.js";
import type { TicketAlert } from "./types.js";

/**
 * The device of the organization the alert's workload is, by the one device matcher fields
 * uses too: a serial one device holds, else a host name one device answers to, unless both
 * sides have serials and they differ. None or several give undefined: a ticket on the wrong
 * machine is worse than a ticket on the organization.
 */
export function matchDevice(workload: TicketAlert["workload"], orgId: number, devices: readonly NinjaDevice[]): NinjaDevice | undefined {
  if (workload === undefined) return undefined;
  const remote = { id: workload.id ?? "", name: workload.name ?? "", serial: workload.serial ?? null };
  return matchDevicesInOrg(orgId, devices, [remote], { remoteNoun: "Acronis workload" }).matched[0]?.ninja;
}
