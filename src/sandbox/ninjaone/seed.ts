import type { SeedDevice, ServiceContext } from "../contract.js";
import { Prng } from "../prng.js";
import { seedFieldDefinitions } from "./field-definitions.js";
import { seedUsers } from "./users.js";
import { NinjaWorld, type DeviceRecord, type OrgRecord } from "./world.js";

/**
 * Builds the simulated tenant from the shared seed estate. Everything the estate does not say
 * (uids, hardware, addresses, times) comes from a PRNG seeded per device, so the same estate
 * always looks the same and 50,000 devices build in well under a second.
 */

const CREATED_BASE = 1672531200; // 2023-01-01T00:00:00Z, epoch seconds

const HARDWARE: Record<string, readonly (readonly [string, string])[]> = {
  WINDOWS_WORKSTATION: [["Dell Inc.", "OptiPlex 7090"], ["HP", "EliteBook 840 G8"], ["LENOVO", "20XW0026US"]],
  WINDOWS_SERVER: [["Dell Inc.", "PowerEdge R740"], ["HPE", "ProLiant DL380 Gen10"]],
  MAC: [["Apple Inc.", "MacBookPro18,1"], ["Apple Inc.", "Macmini9,1"]],
  LINUX_SERVER: [["Supermicro", "SYS-5019C-M"], ["Dell Inc.", "PowerEdge R650"]],
  VMWARE_VM_GUEST: [["VMware, Inc.", "VMware Virtual Platform"]],
};

const OS: Record<string, readonly (readonly [string, string])[]> = {
  WINDOWS_WORKSTATION: [["Windows 11 Pro", "22631"], ["Windows 10 Pro", "19045"]],
  WINDOWS_SERVER: [["Windows Server 2022 Standard", "20348"], ["Windows Server 2019 Standard", "17763"]],
  MAC: [["macOS Sonoma", "23F79"]],
  LINUX_SERVER: [["Ubuntu 22.04.4 LTS", "5.15.0-105"], ["Debian GNU/Linux 12", "6.1.0-21"]],
  VMWARE_VM_GUEST: [["Windows Server 2022 Standard", "20348"]],
};

const FIRST_NAMES = ["alex", "jordan", "casey", "morgan", "taylor", "riley", "jamie", "quinn"];

export function uuidFrom(prng: Prng): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(prng.next() * 16).toString(16));
  hex[12] = "4";
  hex[16] = ((parseInt(hex[16] as string, 16) & 0x3) | 0x8).toString(16);
  const h = hex.join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

function domainOf(orgName: string): string {
  const word = orgName.toLowerCase().replace(/[^a-z0-9]+/g, " ").trim().split(" ")[0] ?? "corp";
  return `${word || "corp"}.local`;
}

export function buildDevice(seed: number, d: SeedDevice, orgName: string, locationId: number, nowSec: number): DeviceRecord {
  const prng = new Prng((seed ^ Math.imul(d.id, 0x9e3779b1)) >>> 0);
  const hardware = prng.pick(HARDWARE[d.nodeClass] ?? (HARDWARE.WINDOWS_WORKSTATION as readonly (readonly [string, string])[]));
  const os = prng.pick(OS[d.nodeClass] ?? (OS.WINDOWS_WORKSTATION as readonly (readonly [string, string])[]));
  const domain = domainOf(orgName);
  const created = CREATED_BASE + prng.int(0, 365 * 86400) + Math.round(prng.next() * 1000) / 1000;
  const lastContact = nowSec - prng.int(30, 86400 * 3) + Math.round(prng.next() * 1000) / 1000;
  const mac = Array.from({ length: 6 }, () => prng.int(0, 255).toString(16).padStart(2, "0")).join(":");
  const device: DeviceRecord = {
    id: d.id,
    uid: uuidFrom(prng),
    organizationId: d.organizationId,
    locationId,
    nodeClass: d.nodeClass,
    nodeRoleId: d.nodeClass === "WINDOWS_SERVER" ? 2 : 1,
    policyId: d.nodeClass === "WINDOWS_SERVER" ? 2 : 1,
    approvalStatus: "APPROVED",
    offline: prng.chance(0.1),
    displayName: d.systemName,
    systemName: d.systemName,
    netbiosName: d.systemName.slice(0, 15).toUpperCase(),
    manufacturer: hardware[0],
    model: hardware[1],
    virtualMachine: d.nodeClass === "VMWARE_VM_GUEST" || hardware[0].startsWith("VMware"),
    domain,
    osName: os[0],
    osBuild: os[1],
    ipAddress: `10.${d.organizationId % 250}.${prng.int(0, 254)}.${prng.int(1, 254)}`,
    macAddress: mac,
    publicIP: `203.0.113.${(d.organizationId % 254) + 1}`,
    lastLoggedInUser: `${domain.split(".")[0]?.toUpperCase()}\\${prng.pick(FIRST_NAMES)}`,
    created,
    lastContact,
    lastUpdate: lastContact + 0.5,
  };
  if (d.dnsName !== undefined) device.dnsName = d.dnsName;
  if (d.serialNumber !== undefined) device.serialNumber = d.serialNumber;
  if (d.biosSerialNumber !== undefined) device.biosSerialNumber = d.biosSerialNumber;
  return device;
}

export function seedWorld(ctx: ServiceContext): NinjaWorld {
  const world = new NinjaWorld();
  const seed = ctx.params.seed;
  const nowSec = Math.floor(ctx.now() / 1000);
  const names = new Map<number, string>();
  const mainLocation = new Map<number, number>();
  const orgs = [...ctx.estate.orgs].sort((a, b) => a.id - b.id);
  for (const o of orgs) {
    const locationId = world.nextLocationId;
    const org: OrgRecord = {
      id: o.id,
      name: o.name,
      description: "",
      nodeApprovalMode: "AUTOMATIC",
      userData: {},
      locations: [{ id: locationId, name: "Main Office", address: "", description: "", userData: {} }],
      policies: [
        { nodeRoleId: 1, policyId: 1 },
        { nodeRoleId: 2, policyId: 2 },
      ],
      settings: {
        backup: { product: "LOCKHART", enabled: false, targets: [], options: {} },
        psa: { product: "NONE", enabled: false, targets: [], options: {} },
      },
      deleted: false,
    };
    world.addOrg(org);
    names.set(o.id, o.name);
    mainLocation.set(o.id, locationId);
  }
  const devices = [...ctx.estate.devices].sort((a, b) => a.id - b.id);
  for (const d of devices) {
    const orgName = names.get(d.organizationId);
    // A device of an organization the estate does not list would be unreachable; skip it.
    if (orgName === undefined) continue;
    world.addDevice(buildDevice(seed, d, orgName, mainLocation.get(d.organizationId) as number, nowSec));
  }
  world.fieldDefinitions.push(...seedFieldDefinitions());
  seedUsers(world);
  // A read-only value the API can show but not change.
  for (const id of world.deviceIds.slice(0, 3)) world.values("device", id).set("legacyBackupStatus", "Unknown");
  return world;
}
