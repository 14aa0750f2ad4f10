import type { NinjaDevice } from "../../shared/devices/device.js";
import { hostnameKey } from "../../shared/devices/hostname-key.js";

export type DeviceLookup = { kind: "found"; device: NinjaDevice } | { kind: "missing" | "ambiguous"; reason: string };

/** The NinjaOne device a person meant: its id, else the one device whose name (system or DNS, case-insensitive) it is. */
export function findNinjaDevice(devices: readonly NinjaDevice[], query: string): DeviceLookup {
  const wanted = query.trim();
  if (/^\d+$/.test(wanted)) {
    const byId = devices.find((d) => d.id === Number(wanted));
    if (byId !== undefined) return { kind: "found", device: byId };
  }
  const key = hostnameKey(wanted);
  const named = key === undefined ? [] : devices.filter((d) => hostnameKey(d.systemName) === key || hostnameKey(d.dnsName) === key);
  const [only] = named;
  if (named.length === 1 && only !== undefined) return { kind: "found", device: only };
  if (named.length > 1) return { kind: "ambiguous", reason: `${named.length} NinjaOne devices are named "${wanted}" (ids ${named.map((d) => d.id).join(", ")}); give the device id` };
  return { kind: "missing", reason: `no NinjaOne device has the id or name "${wanted}"` };
}
