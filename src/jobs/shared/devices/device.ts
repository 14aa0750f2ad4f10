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

const matcherCopies = perList((devices: readonly ClientNinjaDevice[]): NinjaDevice[] =>
  devices.map((d) => ({
    id: d.id,
    organizationId: d.organizationId,
    systemName: d.systemName ?? d.dnsName ?? "",
    dnsName: d.dnsName,
    serialNumber: d.serialNumber,
    biosSerialNumber: d.biosSerialNumber,
  })),
);
