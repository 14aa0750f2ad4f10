import type { NinjaEstate } from "../../shared/estates/ninja-estate.js";
import type { TargetEstate } from "../../shared/estates/target-estate.js";
import { planAutomap, type AutomapOptions, type AutomapPlan, type LinkAction } from "./index.js";
import type { ReadonlyStateDocument } from "../../../state/index.js";
import { matcherDevices } from "../../shared/devices/device.js";
import { automapInput } from "./matcher-input.js";
import { emptiedOrgsReason, type EmptiedOrg } from "../../shared/estates/emptied-orgs.js";
import type { FailedService } from "../read.js";
import { SERVICE_NAME, type TargetService } from "../../../services.js";

/** A proposed link as the state file records it. */
export interface PendingLink {
  service: TargetService;
  orgId: number;
  orgName: string;
  targetId: string;
  /** The Acronis tenant's name, or the M365 tenant's default domain (what mappings record for CIPP). */
  targetName: string;
}

export interface UnreadableTarget {
  targetId: string;
  targetName: string;
  reason: string;
}

export interface ServicePlan {
  service: TargetService;
  plan: AutomapPlan;
  /** Tenants whose devices could not be read: only their names took part. */
  unreadable: UnreadableTarget[];
  pending: PendingLink[];
}

export interface AutomapJobInput {
  ninja: NinjaEstate;
  estates: readonly TargetEstate[];
  state: ReadonlyStateDocument;
  options: Partial<AutomapOptions>;
  /** Why no device evidence can be trusted this run (see `devicesHeldReason`). */
  devicesHeld?: string;
}

/** One plan per target service, from estates read once and the mappings the state file holds. */
export function planAutomapJob(input: AutomapJobInput): ServicePlan[] {
  const ninja = { orgs: input.ninja.orgs, devices: matcherDevices(input.ninja.devices) };
  return input.estates.map((estate) => {
    const plan = planAutomap(automapInput(ninja, estate, input.state, input.options, input.devicesHeld));
    const targetById = new Map(estate.targets.map((t) => [t.id, t]));
    const nameOf = (id: string) => targetById.get(id)?.name ?? id;
    const recordedName = (id: string) => {
      const target = targetById.get(id);
      return (estate.service === "cipp" ? target?.domain : target?.name) ?? id;
    };
    const pending = plan.actions
      .filter((a): a is LinkAction => a.kind === "link")
      .map((a) => ({ service: estate.service, orgId: a.org.id, orgName: a.org.name, targetId: a.target.id, targetName: recordedName(a.target.id) }));
    const unreadable = estate.unreadable.map((u) => ({ targetId: u.targetId, targetName: nameOf(u.targetId), reason: u.reason }));
    return { service: estate.service, plan, unreadable, pending };
  });
}

/** Why NinjaOne's side of the device evidence cannot be trusted this run: unread, or empty where it was not. */
export function devicesHeldReason(devicesUnread: string | undefined, emptied: readonly EmptiedOrg[]): string | undefined {
  if (devicesUnread !== undefined) return devicesUnread;
  return emptied.length === 0 ? undefined : emptiedOrgsReason(emptied);
}

/**
 * What this run could not read, one line each: a service's tenants, a tenant's devices,
 * NinjaOne's devices. Each is tried again by the next run, and makes the run partly done.
 */
export function unreadParts(plans: readonly ServicePlan[], failed: readonly FailedService[], devicesHeld: string | undefined): string[] {
  return [
    ...failed.map((f) => `${SERVICE_NAME[f.service]}'s tenants could not be listed (${f.reason}); nothing was matched there`),
    ...plans.flatMap((sp) => sp.unreadable.map((u) => `${SERVICE_NAME[sp.service]} could not read the devices of "${u.targetName}" (${u.reason}); only its name was matched`)),
    ...(devicesHeld === undefined ? [] : [`${devicesHeld}; no link by devices was recorded`]),
  ];
}
