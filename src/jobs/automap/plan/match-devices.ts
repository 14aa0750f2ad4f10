import { classifySerial, unusableSerialReason, type SerialClass } from "../../shared/devices/classify-serial.js";
import { hostnameKey } from "../../shared/devices/hostname-key.js";
import type { NinjaDeviceIndex } from "./ninja-device-index.js";
import type { NinjaDevice, SerialNote, TargetDevice } from "./types.js";

export type DeviceMatch =
  | { kind: "matched"; device: TargetDevice; ninja: NinjaDevice; by: "serial"; serial: string }
  | { kind: "matched"; device: TargetDevice; ninja: NinjaDevice; by: "hostname" }
  | { kind: "unmatched"; device: TargetDevice; reason: string };

export interface TargetDeviceMatches {
  matches: DeviceMatch[];
  /** The tenants' own placeholder and virtual serials, for the serial report. */
  junk: SerialNote[];
  virtual: SerialNote[];
}

/**
 * Finds the NinjaOne device behind each tenant device: by a serial only one NinjaOne device
 * holds, else by a hostname only one NinjaOne device answers to. The hostname is trusted only
 * when one side has no serial to go by; two different usable serials mean two machines that
 * happen to share a name.
 */
export function matchTargetDevices(devices: readonly TargetDevice[], index: NinjaDeviceIndex): TargetDeviceMatches {
  const matches: DeviceMatch[] = [];
  const junk: SerialNote[] = [];
  const virtual: SerialNote[] = [];
  for (const device of devices) {
    const serial = classifySerial(device.serial);
    if (serial.kind === "junk" || serial.kind === "virtual") {
      const note: SerialNote = { side: "target", deviceId: device.id, deviceName: device.name, value: (device.serial ?? "").trim(), reason: serial.reason };
      (serial.kind === "junk" ? junk : virtual).push(note);
    }
    matches.push(matchOne(device, serial, index));
  }
  return { matches, junk, virtual };
}

function matchOne(device: TargetDevice, serial: SerialClass, index: NinjaDeviceIndex): DeviceMatch {
  if (serial.kind === "usable") {
    const ninja = index.bySerial.get(serial.serial);
    if (ninja !== undefined) return { kind: "matched", device, ninja, by: "serial", serial: serial.serial };
  }
  const key = hostnameKey(device.name);
  const hits = key === undefined ? [] : (index.byHostname.get(key) ?? []);
  const [ninja] = hits;
  if (hits.length === 1 && ninja !== undefined) {
    if (serial.kind !== "usable" || !index.withUniqueSerial.has(ninja.id)) return { kind: "matched", device, ninja, by: "hostname" };
    return { kind: "unmatched", device, reason: `hostname matches NinjaOne device "${ninja.systemName}", but their serial numbers differ` };
  }
  return { kind: "unmatched", device, reason: `${serialProblem(serial, index)}; ${hostnameProblem(key, hits.length)}` };
}

function serialProblem(serial: SerialClass, index: NinjaDeviceIndex): string {
  if (serial.kind !== "usable") return unusableSerialReason(serial);
  return index.duplicateSerials.has(serial.serial) ? `serial ${serial.serial} is on several NinjaOne devices` : `serial ${serial.serial} is on no NinjaOne device`;
}

function hostnameProblem(key: string | undefined, hits: number): string {
  if (key === undefined) return "no usable hostname";
  return hits === 0 ? `no NinjaOne device is named "${key}"` : `${hits} NinjaOne devices are named "${key}"`;
}
