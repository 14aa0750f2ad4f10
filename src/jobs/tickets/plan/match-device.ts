import { hostnameKey } from "../../shared/devices/hostname-key.js";
import type { TicketDevice } from "./types.js";

/**
 * The one device of the organization whose host name is the workload's name. None or several
 * give undefined: a ticket on the wrong machine is worse than a ticket on the organization.
 */
export function matchDevice(workloadName: string | undefined, orgId: number, devices: readonly TicketDevice[]): TicketDevice | undefined {
  const wanted = hostnameKey(workloadName);
  if (wanted === undefined) return undefined;
  const found = devices.filter(
    (d) => d.organizationId === orgId && (hostnameKey(d.systemName) === wanted || hostnameKey(d.dnsName) === wanted),
  );
  return found.length === 1 ? found[0] : undefined;
}
