import type { TargetService } from "../../../services.js";
import { collect } from "../../../clients/async-lists.js";
import type { AcronisConnection, CippConnection } from "../../../clients/connect.js";
import { listCustomerTenants } from "../../../clients/acronis/tenants.js";
import { listWorkloads } from "../../../clients/acronis/workloads.js";
import { listIntuneDevicesOfTenants } from "../../../clients/cipp/devices.js";
import { listTenants } from "../../../clients/cipp/tenants.js";
import type { TenantSets } from "./acronis-batches.js";
import { LARGE_PAGE, readPerCustomer } from "./acronis-reads.js";


/** An Acronis customer tenant or a Microsoft 365 tenant, as mapping sees it. */
export interface Target {
  id: string;
  name: string;
  /** The M365 tenant's default domain; undefined for Acronis. */
  domain?: string;
  /** False for a disabled Acronis customer. */
  enabled: boolean;
}

/** An Acronis workload or an Intune device, with what matching can use. */
export interface TargetDevice {
  id: string;
  targetId: string;
  name: string;
  serial: string | null;
  /** An Intune device's Entra device id, paired first with a NinjaOne device's Entra id field; absent for Acronis. */
  entraId?: string | null;
}

export interface TargetEstate {
  service: TargetService;
  targets: Target[];
  /** Empty unless devices were asked for. */
  devices: TargetDevice[];
  /** Tenants whose devices could not be read, with why (CIPP reports these per tenant). */
  unreadable: Array<{ targetId: string; reason: string }>;
}

export interface TargetDevices {
  devices: TargetDevice[];
  unreadable: TargetEstate["unreadable"];
}

export async function loadAcronisEstate(conn: AcronisConnection, options: { devices: boolean }): Promise<TargetEstate> {
  const partner = await conn.ownTenantId();
  const tenants = await collect(listCustomerTenants(conn.http, partner));
  const targets = tenants.map((t) => ({ id: t.id, name: t.name, enabled: t.enabled }));
  const { devices, unreadable } = options.devices ? await loadAcronisDevices(conn, targets.map((t) => t.id)) : { devices: [], unreadable: [] };
  return { service: "acronis", targets, devices, unreadable };
}

/**
 * The workloads of some Acronis customers, units below them included: many customers a
 * listing where the state knows their numeric tenant ids (`known`, see acronis-batches.ts),
 * each alone otherwise. Sets learned here are not kept (the callers record nothing). A
 * customer whose listing fails is reported with none of its workloads.
 */
export async function loadAcronisDevices(conn: AcronisConnection, targetIds: readonly string[], known: TenantSets = new Map()): Promise<TargetDevices> {
  const devices: TargetDevice[] = [];
  const unreadable: TargetEstate["unreadable"] = [];
  const read = await readPerCustomer(targetIds, known, (ids) => listWorkloads(conn.http, ids, { limit: LARGE_PAGE }), (w) => w.tenantNumericId);
  for (const targetId of targetIds) {
    const result = read.results.get(targetId);
    if (result === undefined) continue;
    if ("error" in result) {
      unreadable.push({ targetId, reason: result.error.message });
      continue;
    }
    for (const w of result.items) devices.push({ id: w.id, targetId, name: w.hostname ?? w.name, serial: w.serialNumber });
  }
  return { devices, unreadable };
}

export async function loadCippEstate(conn: CippConnection, options: { devices: boolean }): Promise<TargetEstate> {
  const tenants = await collect(listTenants(conn.http));
  const targets = tenants.map((t) => ({ id: t.customerId, name: t.displayName, domain: t.defaultDomainName, enabled: true }));
  const { devices, unreadable } = options.devices ? await loadCippDevices(conn, targets.map((t) => t.id)) : { devices: [], unreadable: [] };
  return { service: "cipp", targets, devices, unreadable };
}

/** The Intune devices of some Microsoft 365 tenants; a tenant CIPP cannot read is reported with none of its devices. */
export async function loadCippDevices(conn: CippConnection, targetIds: readonly string[]): Promise<TargetDevices> {
  const devices: TargetDevice[] = [];
  const unreadable: TargetEstate["unreadable"] = [];
  for await (const result of listIntuneDevicesOfTenants(conn.http, targetIds)) {
    if ("error" in result) {
      unreadable.push({ targetId: result.tenantId, reason: result.error.message });
      continue;
    }
    for (const d of result.devices) {
      devices.push({ id: d.id, targetId: result.tenantId, name: d.deviceName, serial: d.serialNumber, entraId: d.azureADDeviceId });
    }
  }
  return { devices, unreadable };
}
