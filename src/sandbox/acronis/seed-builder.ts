import type { SeedDevice } from "../contract.js";
import type { Prng } from "../prng.js";
import { ALERT_TYPE_BY_ID, AGENT_VERSIONS, PLAN_NAMES } from "./catalogue.js";
import type { Alert, PolicyRun, PricingMode, Tenant, User, Workload } from "./model.js";
import type { AcronisStore } from "./store.js";
import { msToNs } from "./time-format.js";
import { seededUuid } from "../shared/uuid.js";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** How a seeded workload's protection looks in `resource_statuses`. */
export type ProtectionState = "ok" | "warning" | "failed" | "not_protected" | "no_plan" | "running";

export interface WorkloadSpec {
  hostname: string;
  nodeClass: string;
  serialNumber?: string;
  state: ProtectionState;
  /** Render the policy times with the guide's `last_run`/`last_success_run` spelling. */
  shortSpelling?: boolean;
  online?: boolean;
}

/**
 * When a trial customer turns production on its own: after a full calendar month of trial,
 * at the start of the following month (the platform bills whole months).
 */
export function trialEndMs(createdMs: number): number {
  const d = new Date(createdMs);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 2, 1);
}

function osOf(nodeClass: string): { family: Workload["osFamily"]; name: string; type: string } {
  switch (nodeClass) {
    case "WINDOWS_SERVER":
      return { family: "WINDOWS", name: "Microsoft Windows Server 2022 Standard", type: "resource.machine" };
    case "MAC":
      return { family: "MACOSX", name: "macOS Sonoma 14.5", type: "resource.machine" };
    case "LINUX_SERVER":
    case "LINUX_WORKSTATION":
      return { family: "LINUX", name: "Ubuntu 22.04.4 LTS", type: "resource.machine" };
    case "VMWARE_VM_GUEST":
      return { family: "WINDOWS", name: "Microsoft Windows Server 2019 Standard", type: "resource.virtual_machine.vmwesx" };
    case "HYPERV_VMM_GUEST":
      return { family: "WINDOWS", name: "Microsoft Windows Server 2022 Standard", type: "resource.virtual_machine.mshyperv" };
    default:
      return { family: "WINDOWS", name: "Microsoft Windows 11 Pro", type: "resource.machine" };
  }
}

/** Builds seeded records into a store; every random choice comes from the one seeded PRNG. */
export class AcronisSeeder {
  constructor(
    readonly store: AcronisStore,
    readonly prng: Prng,
    readonly nowMs: number,
  ) {}

  tenant(parent: Tenant | null, name: string, kind: Tenant["kind"], pricingMode: PricingMode = "trial"): Tenant {
    const createdMs = this.nowMs - this.prng.int(40, 900) * DAY;
    const productionStartMs = pricingMode === "production" ? createdMs + this.prng.int(1, 30) * DAY : trialEndMs(createdMs);
    const tenant: Tenant = {
      id: seededUuid(this.prng),
      numericId: this.store.allocateNumericId(),
      version: this.prng.int(1, 12),
      name,
      kind,
      parentId: parent?.id ?? null,
      enabled: true,
      customerId: null,
      internalTag: null,
      language: "en",
      ancestralAccess: true,
      contact: {},
      mfaEnabled: false,
      pricingMode,
      productionStartMs,
      pricingVersion: createdMs * 1000 + this.prng.int(0, 999),
      offeringItems: [],
      createdMs,
      updatedMs: createdMs + this.prng.int(0, 30) * DAY,
      deletedMs: null,
    };
    this.store.addTenant(tenant);
    return tenant;
  }

  user(tenant: Tenant, login: string, email: string, activated: boolean, role: string): User {
    const createdMs = tenant.createdMs + HOUR;
    const user: User = {
      id: seededUuid(this.prng),
      version: 1,
      tenantId: tenant.id,
      login,
      contact: { email, firstname: "", lastname: "" },
      activated,
      enabled: true,
      language: "en",
      personalTenantId: null,
      mfaStatus: "disabled",
      policies: [],
      createdMs,
      updatedMs: createdMs,
    };
    user.policies = [
      { id: seededUuid(this.prng), issuer_id: tenant.id, role_id: role, tenant_id: tenant.id, trustee_id: user.id, trustee_type: "user", version: 1 },
    ];
    this.store.addUser(user);
    return user;
  }

  private mac(): string {
    const bytes = [0x00, 0x50, 0x56, this.prng.int(0, 255), this.prng.int(0, 255), this.prng.int(0, 255)];
    return bytes.map((b) => b.toString(16).padStart(2, "0").toUpperCase()).join(":");
  }

  private policies(state: ProtectionState, shortSpelling: boolean): PolicyRun[] {
    if (state === "not_protected" || state === "no_plan") return [];
    const lastRunMs = this.nowMs - this.prng.int(1, 20) * HOUR;
    const sinceSuccess = state === "failed" ? this.prng.int(3, 9) * DAY : state === "warning" ? this.prng.int(26, 60) * HOUR : 0;
    const backup: PolicyRun = {
      type: "policy.backup.machine",
      lastRunMs,
      lastSuccessMs: lastRunMs - sinceSuccess,
      nextRunMs: lastRunMs + DAY,
    };
    const scanMs = this.nowMs - this.prng.int(1, 6) * DAY;
    const scan: PolicyRun = { type: "policy.security.antimalware_protection", lastRunMs: scanMs, lastSuccessMs: scanMs, nextRunMs: scanMs + 7 * DAY };
    if (shortSpelling) {
      backup.shortSpelling = true;
      scan.shortSpelling = true;
    }
    return [backup, scan];
  }

  workload(tenant: Tenant, spec: WorkloadSpec): Workload {
    const os = osOf(spec.nodeClass);
    const createdMs = tenant.createdMs + this.prng.int(1, 30) * DAY;
    const status = { ok: "idle", warning: "warning", failed: "error", not_protected: "not_protected", no_plan: "no_policies_applied", running: "running" }[spec.state];
    const workload: Workload = {
      id: seededUuid(this.prng),
      name: spec.hostname,
      type: os.type,
      tenantNumericId: tenant.numericId,
      agentId: seededUuid(this.prng),
      hostId: seededUuid(this.prng),
      osFamily: os.family,
      osName: os.name,
      macAddresses: [this.mac()],
      ipAddresses: [`10.${this.prng.int(0, 255)}.${this.prng.int(0, 255)}.${this.prng.int(2, 254)}`],
      agentVersion: this.prng.pick(AGENT_VERSIONS),
      online: spec.online ?? this.prng.chance(0.85),
      status,
      planNames: spec.state === "not_protected" || spec.state === "no_plan" ? null : this.prng.pick(PLAN_NAMES),
      policies: this.policies(spec.state, spec.shortSpelling === true),
      createdMs,
      updatedMs: this.nowMs - this.prng.int(1, 48) * HOUR,
      registrationMs: createdMs,
      deletedMs: null,
    };
    if (spec.serialNumber !== undefined) workload.serialNumber = spec.serialNumber;
    this.store.addWorkload(workload);
    return workload;
  }

  /**
   * A unit below `customer` holding some of its workloads, as a customer's site or department
   * would. A listing by customer covers its units, and the sandbox lists units first, so the
   * customer's first workload then names the unit's numeric id, not the customer's.
   */
  unitWith(customer: Tenant, name: string, workloads: readonly Workload[]): Tenant {
    const unit = this.tenant(customer, name, "unit", customer.pricingMode);
    for (const w of workloads) this.store.moveWorkload(w, unit);
    return unit;
  }

  workloadForDevice(tenant: Tenant, device: SeedDevice, state: ProtectionState, shortSpelling = false): Workload {
    const spec: WorkloadSpec = { hostname: device.systemName, nodeClass: device.nodeClass, state, shortSpelling };
    const serial = device.serialNumber ?? device.biosSerialNumber;
    if (serial !== undefined) spec.serialNumber = serial;
    const workload = this.workload(tenant, spec);
    workload.ninjaDeviceId = device.id;
    return workload;
  }

  alert(tenant: Tenant, typeId: string, workload: Workload | undefined, ageHours: number, dismissed = false): Alert {
    const type = ALERT_TYPE_BY_ID.get(typeId);
    if (type === undefined) throw new Error(`unknown alert type ${typeId}`);
    const createdNs = msToNs(this.nowMs - ageHours * HOUR) + BigInt(this.prng.int(0, 999_999));
    const details: Record<string, unknown> = {};
    if (workload !== undefined) {
      details["resourceId"] = workload.id;
      details["resourceName"] = workload.name;
      if (type.category === "Backup") {
        details["planId"] = seededUuid(this.prng);
        details["planName"] = workload.planNames ?? "Servers daily";
      }
    }
    if (typeId === "BackupFailed") details["errorMessage"] = "Failed to connect to the backup storage.";
    if (typeId === "NoBackupForXDays") details["daysPassed"] = this.prng.int(2, 9);
    if (typeId === "MalwareDetected") details["threatName"] = "Trojan:Win32/Wacatac.B!ml";
    if (typeId === "MachineIsOffline") details["daysPassed"] = this.prng.int(1, 14);
    if (typeId === "StorageQuotaExceeded") details["usageName"] = "storage";
    const receivedNs = createdNs + BigInt(this.prng.int(10, 900)) * 1_000_000n;
    const dismissedNs = receivedNs + BigInt(this.prng.int(1, 20)) * 3_600_000_000_000n;
    const nowNs = msToNs(this.nowMs);
    const updatedNs = dismissed ? (dismissedNs < nowNs ? dismissedNs : nowNs) : receivedNs;
    // Acronis gives alert ids in upper or lower case (reference §4): every other seeded alert is lower-case.
    const uuid = seededUuid(this.prng);
    const alert: Alert = {
      id: this.store.alerts.length % 2 === 0 ? uuid.toUpperCase() : uuid.toLowerCase(),
      type: type.id,
      category: type.category,
      severity: type.severity,
      details,
      tenantNumericId: tenant.numericId,
      source: "backup-manager",
      createdNs,
      receivedNs,
      updatedNs,
      deletedNs: dismissed ? updatedNs : null,
    };
    this.store.addAlert(alert);
    return alert;
  }
}
