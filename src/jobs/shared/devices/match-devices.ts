import { classifySerial, unusableSerialReason, type SerialClass } from "./classify-serial.js";
import type { NinjaDevice } from "./device.js";
import { hostnameKey } from "./hostname-key.js";

/**
 * An Acronis workload (name = its agent hostname, else the resource name) or an Intune
 * managed device (name = deviceName), with its serial number when the platform reports one.
 */
export interface RemoteDevice {
  id: string;
  name: string;
  serial?: string | null;
}

export interface DeviceLink<R extends RemoteDevice> {
  remote: R;
  ninja: NinjaDevice;
  by: "serial" | "hostname";
}

export interface DeviceMiss<R extends RemoteDevice> {
  remote: R;
  reason: string;
}

/** Several remote devices pointing at one NinjaOne device: none of them is written. */
export interface ContestedDevice<R extends RemoteDevice> {
  ninja: NinjaDevice;
  remotes: R[];
  reason: string;
}

export interface OrgDeviceMatches<R extends RemoteDevice> {
  matched: DeviceLink<R>[];
  unmatched: DeviceMiss<R>[];
  contested: ContestedDevice<R>[];
  /** Devices of the organization no remote device matched (for Intune: "Not in Intune"). */
  unclaimed: NinjaDevice[];
}

export interface MatchOptions {
  /** How the report names a remote device: "Acronis workload", "Intune device". */
  remoteNoun?: string;
}

interface OrgIndex {
  bySerial: Map<string, NinjaDevice[]>;
  byHostname: Map<string, NinjaDevice[]>;
  serialsOf: Map<number, Set<string>>;
}

/**
 * Pairs remote devices with NinjaOne devices of one organization only (never across
 * organizations): by a serial one device holds, else by a hostname one device answers to
 * (case-insensitive, DNS suffix dropped), unless both sides have serials and they differ.
 * A NinjaOne device claimed by several remote devices (an agent reinstalled, a cloned VM)
 * is contested and none of them is written.
 */
export function matchDevicesInOrg<R extends RemoteDevice>(
  organizationId: number,
  ninjaDevices: readonly NinjaDevice[],
  remotes: readonly R[],
  options: MatchOptions = {},
): OrgDeviceMatches<R> {
  const noun = options.remoteNoun ?? "device";
  const orgDevices = ninjaDevices.filter((d) => d.organizationId === organizationId);
  const index = indexOrg(orgDevices);
  const candidates = new Map<number, DeviceLink<R>[]>();
  const unmatched: DeviceMiss<R>[] = [];
  for (const remote of remotes) {
    const found = matchOne(remote, index);
    if ("reason" in found) unmatched.push({ remote, reason: found.reason });
    else push(candidates, found.ninja.id, { remote, ...found });
  }
  const matched: DeviceLink<R>[] = [];
  const contested: ContestedDevice<R>[] = [];
  for (const links of candidates.values()) {
    const [only] = links;
    if (only === undefined) continue;
    if (links.length === 1) {
      matched.push(only);
      continue;
    }
    const names = links.map((l) => `"${l.remote.name}"`).join(", ");
    contested.push({
      ninja: only.ninja,
      remotes: links.map((l) => l.remote),
      reason: `${links.length} ${noun}s (${names}) match NinjaOne device "${only.ninja.systemName}"; none is written until only one remains`,
    });
  }
  const claimed = new Set([...candidates.keys()]);
  return { matched, unmatched, contested, unclaimed: orgDevices.filter((d) => !claimed.has(d.id)) };
}

function matchOne(remote: RemoteDevice, index: OrgIndex): Omit<DeviceLink<RemoteDevice>, "remote"> | { reason: string } {
  const serial = classifySerial(remote.serial);
  if (serial.kind === "usable") {
    const holders = index.bySerial.get(serial.serial) ?? [];
    const [holder] = holders;
    if (holders.length === 1 && holder !== undefined) return { ninja: holder, by: "serial" };
  }
  const key = hostnameKey(remote.name);
  const hits = key === undefined ? [] : (index.byHostname.get(key) ?? []);
  const [hit] = hits;
  if (hits.length === 1 && hit !== undefined) {
    const theirs = index.serialsOf.get(hit.id) ?? new Set<string>();
    if (serial.kind !== "usable" || theirs.size === 0 || theirs.has(serial.serial)) return { ninja: hit, by: "hostname" };
    return { reason: `named like NinjaOne device "${hit.systemName}", but their serial numbers differ` };
  }
  return { reason: `${serialProblem(serial, index)}; ${hostnameProblem(key, hits.length)}` };
}

function indexOrg(devices: readonly NinjaDevice[]): OrgIndex {
  const bySerial = new Map<string, NinjaDevice[]>();
  const byHostname = new Map<string, NinjaDevice[]>();
  const serialsOf = new Map<number, Set<string>>();
  for (const device of devices) {
    const serials = new Set<string>();
    for (const raw of [device.serialNumber, device.biosSerialNumber]) {
      const serial = classifySerial(raw);
      if (serial.kind === "usable") serials.add(serial.serial);
    }
    serialsOf.set(device.id, serials);
    for (const serial of serials) push(bySerial, serial, device);
    const keys = new Set([hostnameKey(device.systemName), hostnameKey(device.dnsName)]);
    for (const key of keys) if (key !== undefined) push(byHostname, key, device);
  }
  return { bySerial, byHostname, serialsOf };
}

function serialProblem(serial: SerialClass, index: OrgIndex): string {
  if (serial.kind !== "usable") return unusableSerialReason(serial);
  const holders = index.bySerial.get(serial.serial)?.length ?? 0;
  return holders > 1 ? `serial ${serial.serial} is on ${holders} devices of the organization` : `serial ${serial.serial} is on no device of the organization`;
}

function hostnameProblem(key: string | undefined, hits: number): string {
  if (key === undefined) return "no usable hostname";
  return hits === 0 ? `no device of the organization is named "${key}"` : `${hits} devices of the organization are named "${key}"`;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}
