import { ApiError } from "../../errors.js";
import type { NinjaEstate } from "../shared/estates/ninja-estate.js";
import { loadAcronisDevices, loadCippDevices, type TargetEstate } from "../shared/estates/target-estate.js";
import { linksOf } from "../shared/mappings.js";
import type { ReadonlyStateDocument } from "../../state/index.js";
import type { AutomapSettings } from "./settings.js";
import type { JobSession } from "../shared/session.js";
import type { TargetService } from "../../services.js";

/** A target service whose tenants could not be listed this run: it is left out, the others go on. */
export interface FailedService {
  service: TargetService;
  reason: string;
}

export interface NinjaRead {
  estate: NinjaEstate;
  /** Why NinjaOne's devices could not be read; the organizations were, so names still match. */
  devicesUnread?: string;
}

export interface AutomapEstates {
  ninja: NinjaRead;
  targets: TargetEstate[];
  failed: FailedService[];
}

/**
 * NinjaOne's organizations with every device, or, when the device listing fails, the
 * organizations alone: name links need no device. Failing organizations fail the job.
 */
export async function readNinjaForMatching(session: JobSession): Promise<NinjaRead> {
  try {
    return { estate: await session.ninjaEstate({ devices: true }) };
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    return { estate: await session.ninjaEstate({ devices: false }), devicesUnread: `NinjaOne's device list could not be read (${error.message})` };
  }
}

/** One service's estate, or why its tenants could not be listed. */
export async function estateOrFailure(service: TargetService, read: () => Promise<TargetEstate>): Promise<TargetEstate | FailedService> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof ApiError) return { service, reason: error.message };
    throw error;
  }
}

export function splitEstates(results: readonly (TargetEstate | FailedService)[]): { targets: TargetEstate[]; failed: FailedService[] } {
  const targets: TargetEstate[] = [];
  const failed: FailedService[] = [];
  for (const r of results) {
    if ("reason" in r) failed.push(r);
    else targets.push(r);
  }
  return { targets, failed };
}

/**
 * Reads NinjaOne (organizations and every device) once, and each target service's tenants
 * and devices, all at the same time. A service whose tenants cannot be listed is left out and
 * reported; one tenant's devices cost only that tenant. With `reportUnmatched` every tenant's
 * devices are read and every connection is set up first, so a missing setting or secret stops
 * the run before any listing starts; without it only the devices of tenants no organization is
 * mapped to are read (a mapped tenant is never a candidate, and on a steady estate almost every
 * tenant is mapped).
 */
export async function readAutomapEstates(session: JobSession, settings: Pick<AutomapSettings, "services" | "reportUnmatched">, state: ReadonlyStateDocument): Promise<AutomapEstates> {
  const { services, reportUnmatched } = settings;
  if (reportUnmatched) {
    await session.ninjaone();
    for (const service of services) await (service === "acronis" ? session.acronis() : session.cipp());
  }
  const read = (service: TargetService) =>
    reportUnmatched ? (service === "acronis" ? session.acronisEstate({ devices: true }) : session.cippEstate({ devices: true })) : estateForMatching(session, service, state);
  const [ninja, results] = await Promise.all([readNinjaForMatching(session), Promise.all(services.map((service) => estateOrFailure(service, () => read(service))))]);
  return { ninja, ...splitEstates(results) };
}

async function estateForMatching(session: JobSession, service: TargetService, state: ReadonlyStateDocument): Promise<TargetEstate> {
  const estate = service === "acronis" ? await session.acronisEstate({ devices: false }) : await session.cippEstate({ devices: false });
  const mapped = new Set(linksOf(state, service).map((l) => l.targetId));
  const free = estate.targets.filter((t) => !mapped.has(t.id)).map((t) => t.id);
  const read = service === "acronis" ? await loadAcronisDevices(await session.acronis(), free) : await loadCippDevices(await session.cipp(), free);
  return { ...estate, devices: read.devices, unreadable: read.unreadable };
}
