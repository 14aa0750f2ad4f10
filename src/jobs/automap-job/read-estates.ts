import type { NinjaEstate } from "../estate/ninja-estate.js";
import type { TargetEstate, TargetService } from "../estate/target-estate.js";
import type { JobSession } from "../job-session.js";

export interface AutomapEstates {
  ninja: NinjaEstate;
  targets: TargetEstate[];
}

/**
 * Reads NinjaOne (organizations and every device) once, and each target service's tenants
 * and devices, all at the same time. Every connection is set up first, so a missing setting
 * or secret stops the run before any listing starts.
 */
export async function readAutomapEstates(session: JobSession, services: readonly TargetService[]): Promise<AutomapEstates> {
  await session.ninjaone();
  for (const service of services) await (service === "acronis" ? session.acronis() : session.cipp());
  const [ninja, targets] = await Promise.all([
    session.ninjaEstate({ devices: true }),
    Promise.all(services.map((service) => (service === "acronis" ? session.acronisEstate({ devices: true }) : session.cippEstate({ devices: true })))),
  ]);
  return { ninja, targets };
}
