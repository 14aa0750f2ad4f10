import type { DeviceApart, DeviceLinkRecord } from "../../../state/index.js";
import type { NinjaDevice } from "../../shared/devices/device.js";
import { apartKey, linkKey, newLink, type LinkChange, type LinkService } from "../../shared/devices/links.js";
import type { RemoteDevice } from "../../shared/devices/match-devices.js";

export interface ManualLinkPlan {
  changes: LinkChange[];
  /** The link the device had on this service before, when it pointed elsewhere. */
  replaced?: DeviceLinkRecord;
  /** Other devices' links to the same remote device, dropped: one remote device pairs with one NinjaOne device. */
  released: DeviceLinkRecord[];
  /** Already linked by hand exactly so. */
  unchanged: boolean;
}

/**
 * A link made by hand, which later runs keep over whatever matching would pair (and over
 * differing serials). It ends a keep-apart marker on the same pair.
 */
export function planManualLink(links: readonly DeviceLinkRecord[], service: LinkService, orgId: number, ninja: NinjaDevice, remote: RemoteDevice, at: Date, apart: readonly DeviceApart[] = []): ManualLinkPlan {
  const key = linkKey(service, ninja.id);
  const current = links.find((l) => l.key === key);
  const marker = apart.find((a) => a.key === apartKey(service, ninja.id, remote.id));
  const allow: LinkChange[] = marker === undefined ? [] : [{ kind: "allow", key: marker.key }];
  if (current !== undefined && current.goneAt === undefined && current.by === "manual" && current.remoteId === remote.id) return { changes: allow, released: [], unchanged: marker === undefined };
  const released = links.filter((l) => l.service === service && l.remoteId === remote.id && l.key !== key && l.goneAt === undefined);
  const replaced = current !== undefined && current.goneAt === undefined && current.remoteId !== remote.id ? current : undefined;
  return {
    changes: [...allow, ...released.map((l): LinkChange => ({ kind: "drop", key: l.key })), { kind: "record", link: newLink(service, orgId, ninja, remote, "manual", at.toISOString()) }],
    ...(replaced === undefined ? {} : { replaced }),
    released,
    unchanged: false,
  };
}

/**
 * The recorded links of the device a person meant (its id, or the name recorded with a link,
 * case-insensitive), of the services asked for. Offline: a device deleted in NinjaOne can
 * still be unlinked. Undefined when no recorded link names it.
 */
export function planUnlink(links: readonly DeviceLinkRecord[], query: string, services: readonly LinkService[]): { ninjaDeviceId: number; removals: DeviceLinkRecord[] } | { reason: string } {
  const wanted = query.trim();
  const byId = /^\d+$/.test(wanted) ? links.filter((l) => l.ninjaDeviceId === Number(wanted)) : [];
  const held = byId.length > 0 ? byId : links.filter((l) => l.ninjaName.toLowerCase() === wanted.toLowerCase());
  const ids = [...new Set(held.map((l) => l.ninjaDeviceId))];
  const [id] = ids;
  if (id === undefined) return { reason: `no recorded device link names "${wanted}"` };
  if (ids.length > 1) return { reason: `links of ${ids.length} devices are recorded under "${wanted}" (ids ${ids.join(", ")}); give the device id` };
  return { ninjaDeviceId: id, removals: held.filter((l) => services.includes(l.service)) };
}

/** What `devices unlink` records: each link dropped and, with `--keep-apart`, its pair kept apart from then on. */
export function unlinkChanges(removals: readonly DeviceLinkRecord[], keepApart: boolean, at: Date): LinkChange[] {
  return removals.flatMap((l): LinkChange[] => [
    { kind: "drop", key: l.key },
    ...(keepApart
      ? [{ kind: "keep-apart" as const, apart: { key: apartKey(l.service, l.ninjaDeviceId, l.remoteId), service: l.service, ninjaDeviceId: l.ninjaDeviceId, remoteId: l.remoteId, ninjaName: l.ninjaName, remoteName: l.remoteName, at: at.toISOString() } }]
      : []),
  ]);
}
