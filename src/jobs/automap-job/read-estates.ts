import { connectAcronis, connectCipp, connectNinjaOne, type ConnectContext } from "../../clients/connect.js";
import { loadNinjaEstate, type NinjaEstate } from "../estate/ninja-estate.js";
import { loadAcronisEstate, loadCippEstate, type TargetEstate, type TargetService } from "../estate/target-estate.js";

export interface AutomapEstates {
  ninja: NinjaEstate;
  targets: TargetEstate[];
}

/**
 * Reads NinjaOne (organizations and every device) once, and each target service's tenants
 * and devices, all at the same time. Every connection is set up first, so a missing setting
 * or secret stops the run before any listing starts.
 */
export async function readAutomapEstates(ctx: ConnectContext, services: readonly TargetService[]): Promise<AutomapEstates> {
  const ninja = await connectNinjaOne(ctx);
  const loaders = await Promise.all(
    services.map(async (service): Promise<() => Promise<TargetEstate>> => {
      if (service === "acronis") {
        const conn = await connectAcronis(ctx);
        return () => loadAcronisEstate(conn, { devices: true });
      }
      const conn = await connectCipp(ctx);
      return () => loadCippEstate(conn, { devices: true });
    }),
  );
  const [ninjaEstate, targets] = await Promise.all([loadNinjaEstate(ninja.http, { devices: true, logger: ctx.out }), Promise.all(loaders.map((load) => load()))]);
  return { ninja: ninjaEstate, targets };
}
