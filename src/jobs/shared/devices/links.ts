import type { DeviceApart, DeviceLinkRecord, ReadonlyStateDocument } from "../../../state/index.js";
import { canonicalSerial, classifySerial } from "./classify-serial.js";
import type { NinjaDevice } from "./device.js";
import { perList } from "../per-list.js";
import { byOrganization } from "./by-organization.js";
import { matchDevicesInOrg, type ContestedDevice, type DeviceMiss, type RemoteDevice } from "./match-devices.js";

export type LinkService = DeviceLinkRecord["service"];
export type LinkMethod = DeviceLinkRecord["by"];

/** How a report names the other end of a link, and what holds it on that side. */
export const LINK_SIDES: Readonly<Record<LinkService, { noun: string; holder: string }>> = {
  acronis: { noun: "Acronis workload", holder: "customer" },
  intune: { noun: "Intune device", holder: "tenant" },
};

export function linkKey(service: LinkService, ninjaDeviceId: number): string {
  return `${service}:${ninjaDeviceId}`;
}

/** The key of a pair kept apart by hand: one device and one remote device of a service. */
export function apartKey(service: LinkService, ninjaDeviceId: number, remoteId: string): string {
  return `${service}:${ninjaDeviceId}:${remoteId}`;
}

/**
 * What changed about a recorded link: the device was renamed (link kept), moved to another
 * organization (its other end is still in the old organization's tenant), deleted (link
 * marked gone), or its two ends now report different real serials (link dropped, matched again).
 */
export interface LinkFinding {
  kind: "renamed" | "moved" | "gone" | "serial-changed";
  service: LinkService;
  ninjaDeviceId: number;
  /** The workload or Intune device at the other end. */
  remoteId: string;
  /** The organization whose report it belongs in. */
  org: { id: number; name: string };
  subject: string;
  message: string;
}

/**
 * A change to the recorded links that applying the plan records: a link (new or refreshed), one
 * dropped, a pair kept apart by hand, or a kept-apart pair allowed again.
 */
export type LinkChange = { kind: "record"; link: DeviceLinkRecord } | { kind: "drop"; key: string } | { kind: "keep-apart"; apart: DeviceApart } | { kind: "allow"; key: string };

export interface PairedDevice<R extends RemoteDevice> {
  remote: R;
  ninja: NinjaDevice;
  by: LinkMethod;
  /** Paired by a link recorded earlier, not matched this run. */
  recorded: boolean;
}

export interface ResolvedPairs<R extends RemoteDevice> {
  matched: PairedDevice<R>[];
  unmatched: DeviceMiss<R>[];
  contested: ContestedDevice<R>[];
  /** Devices of the organization paired with no remote device. */
  unclaimed: NinjaDevice[];
  findings: LinkFinding[];
  changes: LinkChange[];
}

export interface ResolveInput<R extends RemoteDevice> {
  service: LinkService;
  /** The organization whose tenant lists `remotes`. */
  org: { id: number; name: string };
  /** Every organization's name, to say where a device moved. */
  orgNames: ReadonlyMap<number, string>;
  /** NinjaOne's devices of every organization: a linked device may have moved. */
  devices: readonly NinjaDevice[];
  remotes: readonly R[];
  /** The recorded links (any service, any organization). */
  links: readonly DeviceLinkRecord[];
  /** Pairs a person kept apart (`devices unlink --keep-apart`): never matched. */
  apart?: readonly DeviceApart[];
  /** NinjaOne device id → its Entra device id (the configured device field), for Intune. */
  entraIds?: ReadonlyMap<number, string>;
  /** The Entra device id an Intune device reports. */
  remoteEntraId?: (remote: R) => string | null | undefined;
  now: Date;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An Entra device id in the form compared on; undefined when the value is not a GUID. */
export function entraGuid(value: string | null | undefined): string | undefined {
  const trimmed = (value ?? "").trim();
  return GUID.test(trimmed) ? trimmed.toLowerCase() : undefined;
}

/**
 * Pairs one organization's remote devices with NinjaOne devices: a recorded link first, when
 * both its ends still exist and (unless it was made by hand) do not report different real
 * serials; then, for what is left unlinked only, the Entra device id (Intune), then the shared
 * matcher (serial, then host name). New pairs, refreshed names and gone ends come back as
 * changes to record; renames, moves, deletions and swapped hardware as findings.
 */
export function resolveDevicePairs<R extends RemoteDevice>(input: ResolveInput<R>): ResolvedPairs<R> {
  const { service, org, now } = input;
  const { noun, holder } = LINK_SIDES[service];
  const at = now.toISOString();
  const byId = devicesById(input.devices);
  const byOrg = byOrganization(input.devices);
  const links = linksIndex(input.links, service);
  const remoteIds = new Set(input.remotes.map((r) => r.id));

  const matched: PairedDevice<R>[] = [];
  const findings: LinkFinding[] = [];
  const changes: LinkChange[] = [];
  /** Devices paired here; with those of links that hold (here or in another organization's tenant), never matched again. */
  const pairedHere = new Set<number>();
  /** Devices whose link was released here (gone, or serials differ). */
  const released = new Set<number>();
  const taken = (id: number) => pairedHere.has(id) || (links.deviceIds.has(id) && !released.has(id));
  const finding = (kind: LinkFinding["kind"], link: DeviceLinkRecord, message: string, name = link.ninjaName) =>
    findings.push({ kind, service, ninjaDeviceId: link.ninjaDeviceId, remoteId: link.remoteId, org, subject: `device "${name}"`, message });

  for (const remote of input.remotes) {
    const link = links.byRemote.get(remote.id);
    if (link === undefined) continue;
    const ninja = byId.get(link.ninjaDeviceId);
    if (ninja === undefined) {
      finding("gone", link, `device deleted: link to ${noun} "${remote.name}" marked gone`);
      changes.push({ kind: "record", link: { ...link, goneAt: at, goneSide: "ninja" } });
      released.add(link.ninjaDeviceId);
      continue;
    }
    const differ = serialsDiffer(ninja, remote);
    if (differ !== undefined && link.by !== "manual") {
      finding("serial-changed", link, `serial ${differ.ninja} in NinjaOne, ${differ.remote} on ${noun} "${remote.name}": the hardware was swapped, so the link was dropped and the device matched again`, ninja.systemName);
      changes.push({ kind: "drop", key: link.key });
      released.add(link.ninjaDeviceId);
      continue;
    }
    pairedHere.add(ninja.id);
    matched.push({ remote, ninja, by: link.by, recorded: true });
    if (ninja.systemName !== link.ninjaName) finding("renamed", link, `renamed ${link.ninjaName} → ${ninja.systemName}, link kept`, ninja.systemName);
    if (ninja.organizationId !== org.id) {
      const to = input.orgNames.get(ninja.organizationId) ?? `organization ${ninja.organizationId}`;
      finding("moved", link, `moved from ${org.name} to ${to}: its ${noun} is still in ${org.name}'s ${holder}`, ninja.systemName);
    }
    if (ninja.systemName !== link.ninjaName || remote.name !== link.remoteName || link.ninjaOrgId !== org.id) {
      changes.push({ kind: "record", link: { ...link, ninjaName: ninja.systemName, remoteName: remote.name, ninjaOrgId: org.id } });
    }
  }
  // A link of this organization whose remote end its tenant no longer lists, while its device is
  // still here: the remote device was deleted. (A device that moved away is reported as moved.)
  for (const link of links.byOrg.get(org.id) ?? []) {
    if (remoteIds.has(link.remoteId) || released.has(link.ninjaDeviceId)) continue;
    if (byId.get(link.ninjaDeviceId)?.organizationId !== org.id) continue;
    finding("gone", link, `${noun} "${link.remoteName}" deleted: link marked gone`);
    changes.push({ kind: "record", link: { ...link, goneAt: at, goneSide: "remote" } });
    released.add(link.ninjaDeviceId);
  }

  const pairedRemotes = new Set(matched.map((m) => m.remote.id));
  let free = input.remotes.filter((r) => !pairedRemotes.has(r.id));
  const candidates = (byOrg.get(org.id) ?? []).filter((d) => !taken(d.id));
  const apart = apartIndex(input.apart ?? []);
  const keptApart = (remote: R, ninja: NinjaDevice) => apart.has(apartKey(service, ninja.id, remote.id));
  const unmatched: DeviceMiss<R>[] = [];
  const record = (remote: R, ninja: NinjaDevice, by: LinkMethod) => {
    matched.push({ remote, ninja, by, recorded: false });
    pairedHere.add(ninja.id);
    changes.push({ kind: "record", link: newLink(service, org.id, ninja, remote, by, at) });
  };

  if (input.entraIds !== undefined && input.remoteEntraId !== undefined) {
    const byEntra = new Map<string, NinjaDevice[]>();
    for (const d of candidates) {
      const id = entraGuid(input.entraIds.get(d.id));
      if (id !== undefined) byEntra.set(id, [...(byEntra.get(id) ?? []), d]);
    }
    const entraOf = input.remoteEntraId;
    free = free.filter((remote) => {
      const id = entraGuid(entraOf(remote));
      const holders = id === undefined ? [] : (byEntra.get(id) ?? []);
      const [only] = holders;
      if (holders.length !== 1 || only === undefined || taken(only.id) || keptApart(remote, only)) return true;
      record(remote, only, "entra-id");
      return false;
    });
  }

  const matches = matchDevicesInOrg(org.id, candidates.filter((d) => !taken(d.id)), free, { remoteNoun: noun });
  for (const m of matches.matched) {
    if (keptApart(m.remote, m.ninja)) unmatched.push({ remote: m.remote, reason: `kept apart from ${m.ninja.systemName} by hand (\`devices link\` pairs them)` });
    else record(m.remote, m.ninja, m.by);
  }
  const unclaimed = (byOrg.get(org.id) ?? []).filter((d) => !taken(d.id));
  return { matched, unmatched: [...matches.unmatched, ...unmatched], contested: matches.contested, unclaimed, findings, changes };
}

/*
 * A job pairs organization after organization against the same lists of devices and links:
 * their indexes are built once per list (kept while the list lives), so pairing 2,000
 * organizations reads 50,000 devices once, not once each.
 */

const devicesById = perList((devices: readonly NinjaDevice[]) => new Map(devices.map((d) => [d.id, d])));

/** One service's live (not gone) links. */
interface LinksIndex {
  /** The first live link of each remote device. */
  byRemote: Map<string, DeviceLinkRecord>;
  /** By the organization recorded on them. */
  byOrg: Map<number, DeviceLinkRecord[]>;
  /** Devices with a live link: one per device and service, since the device id is in its key. */
  deviceIds: Set<number>;
}

/** Each service's index is built the first time that service asks. */
const linksIndexes = perList((_links: readonly DeviceLinkRecord[]) => new Map<LinkService, LinksIndex>());

function linksIndex(links: readonly DeviceLinkRecord[], service: LinkService): LinksIndex {
  const perService = linksIndexes(links);
  let index = perService.get(service);
  if (index === undefined) {
    index = { byRemote: new Map(), byOrg: new Map(), deviceIds: new Set() };
    for (const link of links) {
      if (link.service !== service || link.goneAt !== undefined) continue;
      if (!index.byRemote.has(link.remoteId)) index.byRemote.set(link.remoteId, link);
      const inOrg = index.byOrg.get(link.ninjaOrgId);
      if (inOrg === undefined) index.byOrg.set(link.ninjaOrgId, [link]);
      else inOrg.push(link);
      index.deviceIds.add(link.ninjaDeviceId);
    }
    perService.set(service, index);
  }
  return index;
}

const apartIndex = perList((apart: readonly DeviceApart[]) => new Set(apart.map((a) => a.key)));

export function newLink(service: LinkService, orgId: number, ninja: NinjaDevice, remote: RemoteDevice, by: LinkMethod, at: string): DeviceLinkRecord {
  const serial = usableSerial(remote.serial) ?? usableSerial(ninja.serialNumber) ?? usableSerial(ninja.biosSerialNumber);
  return {
    key: linkKey(service, ninja.id),
    service,
    ninjaDeviceId: ninja.id,
    ninjaOrgId: orgId,
    remoteId: remote.id,
    by,
    linkedAt: at,
    ninjaName: ninja.systemName,
    // One string when both ends give the same name; and `serial` named even when undefined (JSON
    // leaves it out), as a property added later sits in an array of its own: 40,000 links.
    remoteName: remote.name === ninja.systemName ? ninja.systemName : remote.name,
    serial,
  };
}

function usableSerial(raw: string | null | undefined): string | undefined {
  const serial = classifySerial(raw);
  return serial.kind === "usable" ? serial.serial : undefined;
}

/** Both ends report real serials and none of the device's is the remote's: not the same machine any more. */
function serialsDiffer(ninja: NinjaDevice, remote: RemoteDevice): { ninja: string; remote: string } | undefined {
  const theirs = usableSerial(remote.serial);
  const ours = [ninja.serialNumber, ninja.biosSerialNumber].map(usableSerial).filter((s): s is string => s !== undefined);
  if (theirs === undefined || ours.length === 0 || ours.includes(canonicalSerial(theirs))) return undefined;
  return { ninja: ours[0] ?? "", remote: theirs };
}

/**
 * Findings from the recorded links and NinjaOne's devices alone (no tenant read), as
 * `orgs map check` reports them: renamed since the link was recorded, moved out of the
 * organization whose tenant holds the other end, deleted.
 */
export function reviewLinks(links: readonly DeviceLinkRecord[], devices: readonly NinjaDevice[], orgNames: ReadonlyMap<number, string>): LinkFinding[] {
  const byId = new Map(devices.map((d) => [d.id, d]));
  const findings: LinkFinding[] = [];
  for (const link of links) {
    if (link.goneAt !== undefined) continue;
    const { noun, holder } = LINK_SIDES[link.service];
    const orgName = orgNames.get(link.ninjaOrgId) ?? `organization ${link.ninjaOrgId}`;
    const org = { id: link.ninjaOrgId, name: orgName };
    const ninja = byId.get(link.ninjaDeviceId);
    const push = (kind: LinkFinding["kind"], message: string, name: string) =>
      findings.push({ kind, service: link.service, ninjaDeviceId: link.ninjaDeviceId, remoteId: link.remoteId, org, subject: `device "${name}"`, message });
    if (ninja === undefined) {
      push("gone", `device deleted: its link to ${noun} "${link.remoteName}" is marked gone by the next fields sync`, link.ninjaName);
      continue;
    }
    if (ninja.systemName !== link.ninjaName) push("renamed", `renamed ${link.ninjaName} → ${ninja.systemName}, link kept`, ninja.systemName);
    if (ninja.organizationId !== link.ninjaOrgId) {
      const to = orgNames.get(ninja.organizationId) ?? `organization ${ninja.organizationId}`;
      push("moved", `moved from ${orgName} to ${to}: its ${noun} is still in ${orgName}'s ${holder}`, ninja.systemName);
    }
  }
  return findings;
}

/** Gone links older than `days`, and the cached field values of their deleted devices: what `--forget-after` drops. */
export function forgettable(state: ReadonlyStateDocument, now: Date, days: number): { links: string[]; fieldWrites: string[] } {
  const before = now.getTime() - days * 86_400_000;
  const old = Object.values(state.deviceLinks).filter((l) => l.goneAt !== undefined && Date.parse(l.goneAt) <= before);
  const deleted = new Set(old.filter((l) => l.goneSide === "ninja").map((l) => l.ninjaDeviceId));
  const fieldWrites = Object.values(state.fieldWrites).filter((w) => w.scope === "device" && deleted.has(w.entityId)).map((w) => w.key);
  return { links: old.map((l) => l.key), fieldWrites };
}

/**
 * The copy of a link the state keeps, every property named at once (absent ones as undefined,
 * which JSON leaves out). A spread copy of links whose `serial` is sometimes there and sometimes
 * not gets a hidden class of its own once the state freezes it: 12 MB over 39,000 links (issue 21).
 */
function storedLink(l: DeviceLinkRecord): DeviceLinkRecord {
  return {
    key: l.key,
    service: l.service,
    ninjaDeviceId: l.ninjaDeviceId,
    ninjaOrgId: l.ninjaOrgId,
    remoteId: l.remoteId,
    by: l.by,
    linkedAt: l.linkedAt,
    ninjaName: l.ninjaName,
    remoteName: l.remoteName,
    serial: l.serial,
    goneAt: l.goneAt,
    goneSide: l.goneSide,
  } satisfies Record<keyof DeviceLinkRecord, unknown>;
}

/** Records a plan's link changes in a state draft. */
export function applyLinkChanges(draft: { deviceLinks: Record<string, DeviceLinkRecord>; deviceApart: Record<string, DeviceApart> }, changes: readonly LinkChange[]): void {
  for (const change of changes) {
    if (change.kind === "drop") delete draft.deviceLinks[change.key];
    else if (change.kind === "record") draft.deviceLinks[change.link.key] = storedLink(change.link);
    else if (change.kind === "keep-apart") draft.deviceApart[change.apart.key] = { ...change.apart };
    else delete draft.deviceApart[change.key];
  }
}
