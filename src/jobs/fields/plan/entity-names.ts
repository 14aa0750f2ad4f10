import type { NinjaDevice } from "../../../clients/ninjaone/devices.js";

/** How a person recognises each NinjaOne device: its name as NinjaOne shows it, else its id. */
export function deviceNamer(devices: readonly NinjaDevice[]): (id: number) => string {
  let namer = namers.get(devices);
  if (namer === undefined) {
    const names = new Map(devices.map((d) => [d.id, d.displayName?.trim() || d.systemName?.trim() || d.dnsName?.trim() || ""]));
    namer = (id) => names.get(id) || `device ${id}`;
    namers.set(devices, namer);
  }
  return namer;
}

/** Every batch of a run names devices from the same listing: one namer per listing. */
const namers = new WeakMap<readonly NinjaDevice[], (id: number) => string>();
