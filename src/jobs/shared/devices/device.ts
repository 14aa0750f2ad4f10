import type { NinjaDevice as ClientNinjaDevice } from "../../../clients/ninjaone/devices.js";
import { perList } from "../per-list.js";

/** A NinjaOne device as devices-detailed reports it, flattened to what matching reads. */
export interface NinjaDevice {
  id: number;
  organizationId: number;
  systemName: string;
  dnsName?: string | null;
  /** `system.serialNumber` */
  serialNumber?: string | null;
  /** `system.biosSerialNumber` */
  biosSerialNumber?: string | null;
}

/**
 * The matcher's view of NinjaOne devices. A device without a systemName (network gear, some
 * unmanaged devices) goes by its DNS name, which the matcher indexes anyway; with neither it
 * has no name to match on, and an empty one matches nothing.
 */
export function matcherDevices(devices: readonly ClientNinjaDevice[]): NinjaDevice[] {
  // Each batch of a run asks again for the same listing: converted once (see perList).
  return matcherCopies(devices);
}

// A device with a systemName is its own view; only the others are copied (50,000 copies were
// about 3.5 MB a run, issue 21).
const matcherCopies = perList((devices: readonly ClientNinjaDevice[]): NinjaDevice[] =>
  devices.map((d) =>
    hasSystemName(d)
      ? d
      : { id: d.id, organizationId: d.organizationId, systemName: d.dnsName ?? "", dnsName: d.dnsName, serialNumber: d.serialNumber, biosSerialNumber: d.biosSerialNumber },
  ),
);

function hasSystemName(device: ClientNinjaDevice): device is ClientNinjaDevice & { systemName: string } {
  return device.systemName !== null;
}
