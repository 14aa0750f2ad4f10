import { createHash } from "node:crypto";
import type { Prng } from "../prng.js";
import { seededUuid } from "../shared/uuid.js";
import { FIRST_NAMES, JOB_TITLES, LAST_NAMES } from "./catalogue.js";
import type { CippStore } from "./store.js";
import type { CippTenant, CippUser, ComplianceState, ManagedDevice, Sku, UserActivity } from "./model.js";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const GB = 1024 ** 3;

/**
 * A number from an id, for data added after the seed's PRNG stream was fixed: drawing it from
 * the PRNG would shift every later record of the estates tests already rely on.
 */
function idNumber(id: string, salt: string): number {
  // FNV-1a: cheap enough for the large estate's thousands of users.
  let h = 0x811c9dc5;
  for (const ch of `${salt}:${id}`) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  return h;
}

export type IntuneOs = "Windows" | "macOS" | "iOS" | "Android";

export interface DeviceSpec {
  deviceName: string;
  serialNumber: string;
  os: IntuneOs;
  compliance: ComplianceState;
  user?: CippUser;
}

const HARDWARE: Record<IntuneOs, { manufacturer: string; model: string; osVersion: string; chassis: string; enrollment: string; join: string }> = {
  Windows: { manufacturer: "HP", model: "HP EliteBook 840 G8", osVersion: "10.0.22631.3880", chassis: "laptop", enrollment: "windowsAzureADJoin", join: "azureADJoined" },
  macOS: { manufacturer: "Apple", model: "MacBook Pro (14-inch, 2023)", osVersion: "14.5 (23F79)", chassis: "laptop", enrollment: "appleBulkWithUser", join: "azureADRegistered" },
  iOS: { manufacturer: "Apple", model: "iPhone 15", osVersion: "17.5.1", chassis: "phone", enrollment: "appleBulkWithUser", join: "azureADRegistered" },
  Android: { manufacturer: "samsung", model: "SM-S921B", osVersion: "14", chassis: "phone", enrollment: "androidEnterpriseFullyManaged", join: "azureADRegistered" },
};

/** A GUID-shaped id from a name, for records that must not draw on the PRNG. */
function seededUuidFrom(name: string): string {
  const h = createHash("sha256").update(name).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Builds seeded CIPP records; every random choice comes from the one seeded PRNG. */
export class CippSeeder {
  constructor(
    readonly store: CippStore,
    readonly prng: Prng,
    readonly nowMs: number,
  ) {}

  private iso(msAgo: number): string {
    return new Date(this.nowMs - msAgo).toISOString().replace(/\.\d{3}Z$/, "Z");
  }

  tenant(displayName: string, defaultDomainName: string, initialDomainName: string): CippTenant {
    const tenant: CippTenant = { customerId: seededUuid(this.prng), displayName, defaultDomainName, initialDomainName, devices: [], users: [], skus: [], activity: new Map(), groups: [], policies: [], graphError: null };
    this.store.add(tenant);
    return tenant;
  }

  subscribe(tenant: CippTenant, sku: Sku, total: number): void {
    tenant.skus.push({ sku, total });
  }

  user(tenant: CippTenant, licenses: readonly Sku[], enabled = true): CippUser {
    const givenName = this.prng.pick(FIRST_NAMES);
    const surname = this.prng.pick(LAST_NAMES);
    let local = `${givenName}.${surname}`.toLowerCase();
    if (tenant.users.some((u) => u.userPrincipalName.startsWith(`${local}@`))) local = `${local}${tenant.users.length}`;
    const upn = `${local}@${tenant.defaultDomainName}`;
    const user: CippUser = {
      id: seededUuid(this.prng),
      displayName: `${givenName} ${surname}`,
      givenName,
      surname,
      userPrincipalName: upn,
      mail: upn,
      accountEnabled: enabled,
      jobTitle: this.prng.pick(JOB_TITLES),
      userType: "Member",
      createdDateTime: this.iso(this.prng.int(30, 1500) * DAY),
      assignedLicenses: licenses.map((s) => ({ disabledPlans: [], skuId: s.skuId })),
    };
    tenant.users.push(user);
    tenant.activity.set(user.id, this.activity(user));
    return user;
  }

  /** Sign-in and usage as the reports would show them: licensed users have a mailbox and a OneDrive, a blocked user has not signed in lately. */
  private activity(user: CippUser): UserActivity {
    const n = idNumber(user.id, "activity");
    const licensed = user.assignedLicenses.length > 0;
    return {
      lastSignIn: user.accountEnabled ? this.iso(((n % 20) + 1) * DAY) : n % 2 === 0 ? null : this.iso(((n % 200) + 90) * DAY),
      mailbox: licensed ? { usedBytes: ((n % 40) + 1) * (GB / 4), quotaBytes: 50 * GB } : null,
      oneDrive: licensed ? { usedBytes: ((n >>> 8) % 80 + 1) * (GB / 2), allocatedBytes: 1024 * GB } : null,
    };
  }

  /**
   * Entra groups and compliance policies follow a device's platform, as an MSP's baseline
   * usually does: one group of each platform's devices and one policy for it, company-owned
   * Windows devices also in an Autopilot group.
   */
  private enrolInBaseline(tenant: CippTenant, device: ManagedDevice): void {
    const join = (name: string): void => {
      let group = tenant.groups.find((g) => g.displayName === name);
      if (group === undefined) {
        group = { id: seededUuidFrom(`${tenant.customerId}:${name}`), displayName: name, deviceIds: [] };
        tenant.groups.push(group);
      }
      group.deviceIds.push(device.azureADDeviceId);
    };
    join(`${device.operatingSystem} devices`);
    if (device.autopilotEnrolled) join("Autopilot devices");
    if (!tenant.policies.some((p) => p.os === device.operatingSystem)) {
      const name = `${device.operatingSystem} compliance baseline`;
      tenant.policies.push({ id: seededUuidFrom(`${tenant.customerId}:${name}`), displayName: name, os: device.operatingSystem });
    }
  }

  device(tenant: CippTenant, spec: DeviceSpec): ManagedDevice {
    const hw = HARDWARE[spec.os];
    const user = spec.user ?? (tenant.users.length > 0 ? this.prng.pick(tenant.users) : undefined);
    const device: ManagedDevice = {
      id: seededUuid(this.prng),
      userId: user?.id ?? null,
      deviceName: spec.deviceName,
      managedDeviceOwnerType: spec.os === "Android" && this.prng.chance(0.5) ? "personal" : "company",
      enrolledDateTime: this.iso(this.prng.int(20, 700) * DAY),
      lastSyncDateTime: this.iso(this.prng.int(1, 96) * HOUR),
      operatingSystem: spec.os,
      complianceState: spec.compliance,
      jailBroken: spec.os === "iOS" || spec.os === "Android" ? "False" : "Unknown",
      managementAgent: "mdm",
      osVersion: hw.osVersion,
      azureADRegistered: true,
      deviceEnrollmentType: hw.enrollment,
      emailAddress: user?.mail ?? null,
      azureADDeviceId: seededUuid(this.prng),
      deviceRegistrationState: "registered",
      isEncrypted: spec.compliance === "compliant",
      userPrincipalName: user?.userPrincipalName ?? null,
      userDisplayName: user?.displayName ?? null,
      model: hw.model,
      manufacturer: hw.manufacturer,
      serialNumber: spec.serialNumber,
      chassisType: hw.chassis,
      joinType: hw.join,
      autopilotEnrolled: spec.os === "Windows",
    };
    tenant.devices.push(device);
    this.enrolInBaseline(tenant, device);
    return device;
  }
}
