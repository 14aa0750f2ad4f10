import type { EstateParams, SeedDevice, SeedEstate, SeedOrg } from "../contract.js";
import { Prng } from "../prng.js";
import { JUNK_SERIALS, LEGAL_SUFFIX, NAME_FIRST, NAME_TRADE } from "./word-lists.js";

/** The "large" estate: 2,000 organizations × 25 devices = 50,000 devices, 5,000 alerts. */
export const LARGE_DEFAULTS: EstateParams = { seed: 1, orgs: 2000, devicesPerOrg: 25, alerts: 5000 };

/** Shares of the messy cases matching has to survive; small, as in a real estate. */
const SHARE = {
  /** Organization names that equal an earlier one after normalisation (case, punctuation, suffix). */
  nameCollision: 0.015,
  /** Physical machines whose firmware never had a serial set. */
  junkSerial: 0.025,
  /** Devices reporting no system serial (the BIOS serial is still there). */
  missingSerial: 0.01,
  /** Devices sharing a serial with another device (re-imaged and enrolled twice, or a cloned VM). */
  duplicateSerial: 0.003,
  /** Workstations still named as Windows setup left them (DESKTOP-XXXXXXX). */
  defaultHostname: 0.15,
  /** Id gaps left by deleted organizations and devices. */
  idGap: 0.05,
};

const NODE_CLASSES: ReadonlyArray<readonly [string, number]> = [
  ["WINDOWS_WORKSTATION", 62],
  ["WINDOWS_SERVER", 10],
  ["MAC", 8],
  ["VMWARE_VM_GUEST", 6],
  ["LINUX_SERVER", 3],
  ["NMS_SWITCH", 3],
  ["HYPERV_VMM_GUEST", 2],
  ["NMS_PRINTER", 2],
  ["LINUX_WORKSTATION", 1],
  ["VMWARE_VM_HOST", 1],
  ["NMS_FIREWALL", 1],
];
const NODE_CLASS_WEIGHT = NODE_CLASSES.reduce((sum, [, w]) => sum + w, 0);

const HOST_ROLE: Record<string, string> = {
  WINDOWS_WORKSTATION: "WS",
  WINDOWS_SERVER: "SRV",
  MAC: "MAC",
  VMWARE_VM_GUEST: "VM",
  LINUX_SERVER: "LNX",
  NMS_SWITCH: "SW",
  HYPERV_VMM_GUEST: "HV",
  NMS_PRINTER: "PRN",
  LINUX_WORKSTATION: "LWS",
  VMWARE_VM_HOST: "ESX",
  NMS_FIREWALL: "FW",
};

const LOCATION_QUALIFIERS: readonly string[] = ["North", "South", "East", "West", "Central", "Downtown", "Uptown", "Metro"];

/** Legal suffixes compared without case or punctuation ("Inc." = "inc", "S.A." = "sa"). */
const SUFFIX_KEYS = new Set(LEGAL_SUFFIX.map((s) => s.toLowerCase().replace(/[^a-z0-9]/g, "")));

/** A trailing legal suffix, with the comma some names put before it. */
const TRAILING_SUFFIX = new RegExp(`,?\\s+(${LEGAL_SUFFIX.map((s) => s.replace(/[.]/g, "\\.")).join("|")})$`, "i");

/** Lower-case, punctuation and legal suffixes removed: what a person would call "the same name". */
export function normaliseOrgName(name: string): string {
  const words = name
    .replace(TRAILING_SUFFIX, "")
    .toLowerCase()
    .replace(/&/g, " and ")
    .split(/[^a-z0-9']+/)
    .map((w) => w.replace(/'/g, ""))
    .filter((w) => w !== "");
  while (words.length > 1 && SUFFIX_KEYS.has(words[words.length - 1] as string)) words.pop();
  return words.join(" ");
}

function pickNodeClass(prng: Prng): string {
  let roll = prng.next() * NODE_CLASS_WEIGHT;
  for (const [nodeClass, weight] of NODE_CLASSES) {
    roll -= weight;
    if (roll < 0) return nodeClass;
  }
  return "WINDOWS_WORKSTATION";
}

/** The same company written differently: case, punctuation, or with/without a legal suffix. */
function collisionVariant(prng: Prng, name: string): string {
  const bare = name.replace(TRAILING_SUFFIX, "");
  switch (prng.int(0, 3)) {
    case 0:
      return name.toUpperCase();
    case 1:
      return bare === name ? `${name}, ${prng.pick(LEGAL_SUFFIX)}` : bare;
    case 2:
      return bare.toLowerCase();
    default:
      return `${bare.toUpperCase()} ${prng.pick(LEGAL_SUFFIX)}`;
  }
}

function freshOrgName(prng: Prng, taken: Set<string>): string {
  for (let attempt = 0; ; attempt++) {
    let name = `${prng.pick(NAME_FIRST)} ${prng.pick(NAME_TRADE)}`;
    if (attempt >= 8) name += ` ${prng.pick(LOCATION_QUALIFIERS)}`;
    if (attempt >= 16) name += ` ${attempt}`;
    if (taken.has(normaliseOrgName(name))) continue;
    return prng.chance(0.55) ? `${name} ${prng.pick(LEGAL_SUFFIX)}` : name;
  }
}

function generateOrgs(prng: Prng, count: number): SeedOrg[] {
  const orgs: SeedOrg[] = [];
  const taken = new Set<string>();
  const exact = new Set<string>();
  let id = 0;
  for (let i = 0; i < count; i++) {
    id += prng.chance(SHARE.idGap) ? prng.int(2, 4) : 1;
    const variant = orgs.length > 10 && prng.chance(SHARE.nameCollision) ? collisionVariant(prng, prng.pick(orgs).name) : undefined;
    // Collisions are the same company written differently, never the very same string.
    const name = variant !== undefined && !exact.has(variant) ? variant : freshOrgName(prng, taken);
    taken.add(normaliseOrgName(name));
    exact.add(name);
    orgs.push({ id, name });
  }
  return orgs;
}

/** Initials of the name's words (2–4 letters), as MSPs prefix hostnames: "Blue Ridge Dental" → BRD. */
function hostPrefix(name: string): string {
  const initials = name
    .replace(TRAILING_SUFFIX, "")
    .split(/[^A-Za-z]+/)
    .filter((w) => w !== "")
    .map((w) => (w[0] as string).toUpperCase())
    .join("");
  return initials.length >= 2 ? initials.slice(0, 4) : name.replace(/[^A-Za-z]/g, "").slice(0, 3).toUpperCase().padEnd(2, "X");
}

/** The organization's AD-style domain from its first two name words: "Blue Ridge Dental" → blueridge.local. */
function dnsDomain(name: string): string {
  const words = normaliseOrgName(name).replace(/[^a-z0-9 ]/g, "").split(" ").filter((w) => w !== "");
  return `${words.slice(0, 2).join("") || "corp"}.local`;
}

function hex(prng: Prng, bytes: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < bytes; i++) out.push(prng.int(0, 255).toString(16).padStart(2, "0"));
  return out;
}

function digits(prng: Prng, length: number): string {
  let out = "";
  for (let i = 0; i < length; i++) out += String(prng.int(0, 9));
  return out;
}

/** A serial in the shape the machine's vendor uses (Dell service tag, HP, Lenovo, Apple, VMware, Hyper-V). */
function vendorSerial(prng: Prng, nodeClass: string): string {
  switch (nodeClass) {
    case "MAC":
      return prng.chance(0.5) ? `C02${prng.serial(9)}` : prng.serial(10);
    case "VMWARE_VM_GUEST": {
      const b = hex(prng, 16);
      return `VMware-${b.slice(0, 8).join(" ")}-${b.slice(8).join(" ")}`;
    }
    case "HYPERV_VMM_GUEST":
      return `${digits(prng, 4)}-${digits(prng, 4)}-${digits(prng, 4)}-${digits(prng, 4)}-${digits(prng, 4)}-${digits(prng, 4)}-${digits(prng, 2)}`;
  }
  switch (prng.int(0, 2)) {
    case 0:
      return prng.serial(7);
    case 1:
      return `${prng.pick(["5CG", "CZC", "MXL", "2UA"])}${prng.serial(7)}`;
    default:
      return `${prng.pick(["PF", "MJ", "R9", "PC"])}${prng.serial(6)}`;
  }
}

function isPhysical(nodeClass: string): boolean {
  return !nodeClass.startsWith("NMS_") && !nodeClass.endsWith("_GUEST");
}

/**
 * A NinjaOne-side estate built only from `params`: the same params always give the same
 * organizations and devices, down to every name and serial.
 */
export function generateEstate(params: EstateParams): SeedEstate {
  const prng = new Prng(params.seed);
  const orgs = generateOrgs(prng, params.orgs);
  const devices: SeedDevice[] = [];
  const usedSerials = new Set<string>();
  const realSerials: SeedDevice[] = [];
  let id = 0;

  for (const org of orgs) {
    const prefix = hostPrefix(org.name);
    const domain = dnsDomain(org.name);
    const roleCount: Record<string, number> = {};
    const orgStart = realSerials.length;

    for (let n = 0; n < params.devicesPerOrg; n++) {
      id += prng.chance(SHARE.idGap) ? prng.int(2, 6) : 1;
      const nodeClass = pickNodeClass(prng);
      const role = HOST_ROLE[nodeClass] ?? "DEV";
      const seq = (roleCount[role] = (roleCount[role] ?? 0) + 1);
      const systemName =
        nodeClass === "WINDOWS_WORKSTATION" && prng.chance(SHARE.defaultHostname)
          ? `DESKTOP-${prng.serial(7)}`
          : `${prefix}-${role}${String(seq).padStart(2, "0")}`;
      const device: SeedDevice = { id, organizationId: org.id, systemName, nodeClass };
      if (!nodeClass.startsWith("NMS_")) device.dnsName = `${systemName.toLowerCase()}.${domain}`;

      if (!nodeClass.startsWith("NMS_")) {
        let serial: string;
        if (isPhysical(nodeClass) && prng.chance(SHARE.junkSerial)) {
          serial = prng.pick(JUNK_SERIALS);
        } else if (realSerials.length > 0 && prng.chance(SHARE.duplicateSerial)) {
          // Mostly a machine re-enrolled in the same organization, sometimes moved to another.
          const sameOrg = realSerials.length > orgStart && prng.chance(0.7);
          serial = (sameOrg ? prng.pick(realSerials.slice(orgStart)) : prng.pick(realSerials)).serialNumber as string;
        } else {
          do serial = vendorSerial(prng, nodeClass);
          while (usedSerials.has(serial));
          usedSerials.add(serial);
          realSerials.push(device);
        }
        device.biosSerialNumber = serial;
        if (!prng.chance(SHARE.missingSerial)) device.serialNumber = serial;
        else if (realSerials[realSerials.length - 1] === device) realSerials.pop();
      }
      devices.push(device);
    }
  }
  return { orgs, devices };
}
