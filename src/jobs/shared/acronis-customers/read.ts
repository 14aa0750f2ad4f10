import type { TargetEstate } from "../estates/target-estate.js";
import type { JobSession } from "../session.js";

/** A NinjaOne organization as provisioning and deprovisioning see it. */
export interface PlanOrg {
  id: number;
  name: string;
}

export interface OrgsAndCustomers {
  orgs: PlanOrg[];
  /** Acronis' customers under the partner. */
  customers: TargetEstate["targets"];
}

/** NinjaOne's organizations and Acronis' customers, read at the same time (and shared with the run's other jobs through the session). */
export async function readOrgsAndCustomers(session: JobSession): Promise<OrgsAndCustomers> {
  const [ninja, acronis] = await Promise.all([session.ninjaEstate({ devices: false }), session.acronisEstate({ devices: false })]);
  return { orgs: ninja.orgs.map((o) => ({ id: o.id, name: o.name })), customers: acronis.targets };
}

/** An organization, and the customer it is about, as a person recognises them in events and notes. */
export function orgLabel(org: PlanOrg, tenant?: { name: string }): string {
  return `${org.name} (org ${org.id})${tenant === undefined ? "" : ` → ${tenant.name}`}`;
}
