import type { NinjaDevice } from "../../../clients/ninjaone/devices.js";

/** How a person recognises each NinjaOne device: its name as NinjaOne shows it, else its id. */
export function deviceNamer(devices: readonly NinjaDevice[]): (id: number) => string {
  const names = new Map(devices.map((d) => [d.id, d.displayName?.trim() || d.systemName?.trim() || d.dnsName?.trim() || ""]));
  return (id) => names.get(id) || `device ${id}`;
}
