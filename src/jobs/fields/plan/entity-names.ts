import type { NinjaDevice } from "../../../clients/ninjaone/devices.js";
import { perList } from "../../shared/per-list.js";

/** How a person recognises each NinjaOne device: its name as NinjaOne shows it, else its id. One namer per listing (see perList). */
export const deviceNamer = perList((devices: readonly NinjaDevice[]): ((id: number) => string) => {
  const names = new Map(devices.map((d) => [d.id, d.displayName?.trim() || d.systemName?.trim() || d.dnsName?.trim() || ""]));
  return (id) => names.get(id) || `device ${id}`;
});
