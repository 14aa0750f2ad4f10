import { isConfigured } from "../../clients/connect.js";
import type { ProfileConfig } from "../../config/profile-config.js";
import type { DeviceApart, DeviceLinkRecord, ReadonlyStateDocument } from "../../state/index.js";
import { matcherDevices, type NinjaDevice } from "../shared/devices/device.js";
import { readEntraIds } from "../shared/devices/entra-ids.js";
import type { LinkService } from "../shared/devices/links.js";
import { readDevicesSettings } from "../shared/devices/settings.js";
import { knownTenantSets } from "../shared/estates/acronis-batches.js";
import { loadAcronisDevices, loadCippDevices, type TargetDevice, type TargetEstate } from "../shared/estates/target-estate.js";
import { linksOf, type Link } from "../shared/mappings.js";
import type { JobSession } from "../shared/session.js";

export interface DevicePairingReads {
  orgLinks: Link[];
  devices: NinjaDevice[];
  orgNames: Map<number, string>;
  remotes: Record<LinkService, TargetDevice[]>;
  deviceLinks: DeviceLinkRecord[];
  deviceApart: DeviceApart[];
  /** The Entra id field of the devices in organizations linked to a tenant; absent when no field is set (`devices config --entra-id-field`). */
  entraIds?: Map<number, string>;
  /** Tenants whose devices could not be read. */
  unreadable: Array<TargetEstate["unreadable"][number] & { service: LinkService }>;
}

/**
 * What pairing devices reads: the organizations' links (of the configured services, or of
 * one organization), NinjaOne's devices, and the devices of those linked tenants, each
 * service at the same time; and, when the profile names an Entra id field, that field of each
 * device an Intune device could pair with, as fields sync pairs them.
 */
export async function readDevicePairing(session: JobSession, state: ReadonlyStateDocument, config: ProfileConfig, env: NodeJS.ProcessEnv, onlyOrg?: number): Promise<DevicePairingReads> {
  const pick = (service: "acronis" | "cipp") => (isConfigured(config, env, service) ? linksOf(state, service).filter((l) => onlyOrg === undefined || l.orgId === onlyOrg) : []);
  const acronis = pick("acronis");
  const cipp = pick("cipp");
  const none = { devices: [], unreadable: [] };
  const [estate, acronisDevices, intuneDevices] = await Promise.all([
    session.ninjaEstate({ devices: true }),
    acronis.length > 0 ? session.acronis().then((conn) => loadAcronisDevices(conn, acronis.map((l) => l.targetId), knownTenantSets(state))) : Promise.resolve(none),
    cipp.length > 0 ? session.cipp().then((conn) => loadCippDevices(conn, cipp.map((l) => l.targetId))) : Promise.resolve(none),
  ]);
  const { entraIdField } = readDevicesSettings(config);
  const cippOrgs = new Set(cipp.map((l) => l.orgId));
  const entraIds = entraIdField === undefined || cipp.length === 0 ? undefined : await readEntraIds(session, entraIdField, estate.devices.filter((d) => cippOrgs.has(d.organizationId)).map((d) => d.id));
  return {
    orgLinks: [...acronis, ...cipp],
    devices: matcherDevices(estate.devices),
    ...(entraIds === undefined ? {} : { entraIds }),
    orgNames: new Map(estate.orgs.map((o) => [o.id, o.name])),
    remotes: { acronis: acronisDevices.devices, intune: intuneDevices.devices },
    deviceLinks: Object.values(state.deviceLinks),
    deviceApart: Object.values(state.deviceApart),
    unreadable: [...acronisDevices.unreadable.map((u) => ({ ...u, service: "acronis" as const })), ...intuneDevices.unreadable.map((u) => ({ ...u, service: "intune" as const }))],
  };
}
