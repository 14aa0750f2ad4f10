import type { Prng } from "../prng.js";
import { seededUuid } from "../shared/uuid.js";
import { FIRST_NAMES, JOB_TITLES, LAST_NAMES } from "./catalogue.js";
import type { CippStore } from "./store.js";
import type { CippTenant, CippUser, ComplianceState, ManagedDevice, Sku } from "./model.js";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

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
    const tenant: CippTenant = { customerId: seededUuid(this.prng), displayName, defaultDomainName, initialDomainName, devices: [], users: [], skus: [], graphError: null };
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
    return user;
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
    return device;
  }
}
