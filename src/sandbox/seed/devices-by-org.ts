import type { SeedDevice, SeedEstate } from "../contract.js";

/** The estate's devices grouped by organization id, in estate order. */
export function devicesByOrg(estate: SeedEstate): Map<number, SeedDevice[]> {
  const byOrg = new Map<number, SeedDevice[]>();
  for (const d of estate.devices) {
    const list = byOrg.get(d.organizationId);
    if (list === undefined) byOrg.set(d.organizationId, [d]);
    else list.push(d);
  }
  return byOrg;
}
