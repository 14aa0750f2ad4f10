import type { NinjaOrganization } from "../../../clients/ninjaone/organizations.js";
import type { ReadonlyStateDocument } from "../../../state/index.js";
import type { AutomapInput, AutomapOptions, NinjaDevice, TargetDevice, TargetTenant } from "./index.js";
import type { TargetEstate } from "../../shared/estates/target-estate.js";
import { linksOf } from "../../shared/mappings.js";

export function matcherOrgs(orgs: readonly NinjaOrganization[]): { id: number; name: string }[] {
  return orgs.map((o) => ({ id: o.id, name: o.name }));
}

/** Tenants are matched by their display name (the M365 tenant's, not its domain). */
export function matcherTargets(estate: TargetEstate): TargetTenant[] {
  return estate.targets.map((t) => ({ id: t.id, name: t.name }));
}

export function matcherTargetDevices(estate: TargetEstate): TargetDevice[] {
  return estate.devices.map((d) => ({ id: d.id, targetId: d.targetId, name: d.name, serial: d.serial }));
}

/** Everything the matcher needs for one service, with what the state file already maps excluded. */
export function automapInput(
  ninja: { orgs: readonly NinjaOrganization[]; devices: readonly NinjaDevice[] },
  estate: TargetEstate,
  state: ReadonlyStateDocument,
  options: Partial<AutomapOptions>,
  devicesHeld?: string,
): AutomapInput {
  const links = linksOf(state, estate.service);
  return {
    target: estate.service,
    orgs: matcherOrgs(ninja.orgs),
    devices: ninja.devices,
    targets: matcherTargets(estate),
    targetDevices: matcherTargetDevices(estate),
    mappedOrgIds: links.map((l) => l.orgId),
    mappedTargetIds: links.map((l) => l.targetId),
    unreadableTargets: estate.unreadable.map((u) => ({ id: u.targetId, reason: u.reason })),
    ...(devicesHeld === undefined ? {} : { devicesHeld }),
    options,
  };
}
