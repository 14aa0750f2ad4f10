import { classifySerial } from "../../shared/devices/classify-serial.js";
import { hostnameKey } from "../../shared/devices/hostname-key.js";
import type { DuplicateSerial, NinjaDevice, SerialNote } from "./types.js";

/** NinjaOne devices looked up by serial and by hostname, each in constant time. */
export interface NinjaDeviceIndex {
  /** Usable serials held by exactly one device (either serial field). */
  bySerial: ReadonlyMap<string, NinjaDevice>;
  /** Usable serials held by more than one device. */
  duplicateSerials: ReadonlySet<string>;
  /** Hostname key → every device answering to it (systemName or dnsName). */
  byHostname: ReadonlyMap<string, readonly NinjaDevice[]>;
  /** Devices with at least one serial that identifies them alone. */
  withUniqueSerial: ReadonlySet<number>;
  junk: SerialNote[];
  virtual: SerialNote[];
  duplicates: DuplicateSerial[];
}

export function indexNinjaDevices(devices: readonly NinjaDevice[]): NinjaDeviceIndex {
  const holders = new Map<string, NinjaDevice[]>();
  const byHostname = new Map<string, NinjaDevice[]>();
  const junk: SerialNote[] = [];
  const virtual: SerialNote[] = [];

  for (const device of devices) {
    // serialNumber and biosSerialNumber are usually the same value: note and index it once.
    const seenValues = new Set<string>();
    const seenSerials = new Set<string>();
    for (const raw of [device.serialNumber, device.biosSerialNumber]) {
      const value = (raw ?? "").trim();
      if (seenValues.has(value)) continue;
      seenValues.add(value);
      const serial = classifySerial(value);
      if (serial.kind === "junk" || serial.kind === "virtual") {
        const note: SerialNote = { side: "ninjaone", deviceId: device.id, deviceName: device.systemName, value, reason: serial.reason };
        (serial.kind === "junk" ? junk : virtual).push(note);
      } else if (serial.kind === "usable" && !seenSerials.has(serial.serial)) {
        seenSerials.add(serial.serial);
        push(holders, serial.serial, device);
      }
    }
    const keys = new Set([hostnameKey(device.systemName), hostnameKey(device.dnsName)]);
    for (const key of keys) if (key !== undefined) push(byHostname, key, device);
  }

  const bySerial = new Map<string, NinjaDevice>();
  const duplicateSerials = new Set<string>();
  const duplicates: DuplicateSerial[] = [];
  const withUniqueSerial = new Set<number>();
  for (const [serial, devs] of holders) {
    const [only] = devs;
    if (devs.length === 1 && only !== undefined) {
      bySerial.set(serial, only);
      withUniqueSerial.add(only.id);
    } else {
      duplicateSerials.add(serial);
      duplicates.push({ serial, devices: devs.map((d) => ({ id: d.id, name: d.systemName, organizationId: d.organizationId })) });
    }
  }
  return { bySerial, duplicateSerials, byHostname, withUniqueSerial, junk, virtual, duplicates };
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}
