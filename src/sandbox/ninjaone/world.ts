import type { SandboxUserRecord } from "./apps.js";
import { DocumentStore } from "./document-store.js";
import type { FieldDefinition } from "./field-definitions.js";
import { seedScripts, type AutomationScript } from "./scripts.js";
import type { TicketRecord, LogEntryRecord } from "./ticket-records.js";

/**
 * The simulated tenant's data, indexed for the list endpoints: sorted id arrays for keyset
 * paging and a per-organization device index, so no list is O(n²) on big estates.
 */

export type NodeApprovalMode = "AUTOMATIC" | "MANUAL" | "REJECT";

export interface LocationRecord {
  id: number;
  name: string;
  address: string;
  description: string;
  userData: Record<string, unknown>;
}

export interface OrgRecord {
  id: number;
  name: string;
  description: string;
  nodeApprovalMode: NodeApprovalMode;
  userData: Record<string, unknown>;
  locations: LocationRecord[];
  policies: { nodeRoleId: number; policyId: number }[];
  /** Backup, PSA and remote-access products switched on for the organization. */
  settings: Record<string, { product: string; enabled: boolean; targets: string[]; options: Record<string, unknown> }>;
  deleted: boolean;
}

export interface DeviceRecord {
  id: number;
  uid: string;
  organizationId: number;
  locationId: number;
  nodeClass: string;
  nodeRoleId: number;
  policyId: number;
  approvalStatus: "PENDING" | "STAGED" | "APPROVED" | "DECOMMISSIONED";
  offline: boolean;
  displayName: string;
  systemName: string;
  dnsName?: string;
  netbiosName: string;
  serialNumber?: string;
  biosSerialNumber?: string;
  manufacturer: string;
  model: string;
  virtualMachine: boolean;
  domain: string;
  osName: string;
  osBuild: string;
  ipAddress: string;
  macAddress: string;
  publicIP: string;
  lastLoggedInUser: string;
  /** Epoch seconds as floats, as the API returns them. */
  created: number;
  lastContact: number;
  lastUpdate: number;
}

/** One custom-field write through the API, kept for `GET /control/ninjaone/field-values`. */
export interface FieldWrite {
  scope: "device" | "organization";
  entityId: number;
  field: string;
  value: unknown;
  /** Epoch milliseconds of the write. */
  at: number;
}

export type ValueScope = "device" | "organization";

/** A user role (permissions template) and its members' user ids, ascending. */
export interface RoleRecord {
  id: number;
  name: string;
  type: "TECHNICIAN" | "END_USER";
  description: string;
  memberIds: number[];
}

export class NinjaWorld {
  readonly orgs = new Map<number, OrgRecord>();
  /** Live (not deleted) organization ids, ascending. */
  orgIds: number[] = [];
  readonly devices = new Map<number, DeviceRecord>();
  /** Live device ids, ascending. */
  deviceIds: number[] = [];
  /** Live device ids of each organization, ascending. */
  readonly devicesByOrg = new Map<number, number[]>();
  readonly fieldDefinitions: FieldDefinition[] = [];
  readonly fieldValues = new Map<string, Map<string, unknown>>();
  readonly fieldWrites: FieldWrite[] = [];
  /** The automation library. */
  readonly scripts: AutomationScript[] = seedScripts();
  readonly tickets = new Map<number, TicketRecord>();
  readonly logEntries = new Map<number, LogEntryRecord[]>();
  /** Technicians and end users by id, and the user roles they hold. */
  readonly users = new Map<number, SandboxUserRecord>();
  readonly roles = new Map<number, RoleRecord>();
  nextUserId = 1;
  /** Documentation: templates and organization documents. */
  readonly documentation = new DocumentStore();
  nextOrgId = 1;
  nextLocationId = 1;
  nextTicketId = 1001;
  nextLogEntryId = 1;
  nextAttributeValueId = 1;

  addOrg(org: OrgRecord): void {
    this.orgs.set(org.id, org);
    // New ids are always the largest so far, so appending keeps the index sorted.
    this.orgIds.push(org.id);
    this.nextOrgId = Math.max(this.nextOrgId, org.id + 1);
    for (const loc of org.locations) this.nextLocationId = Math.max(this.nextLocationId, loc.id + 1);
    if (!this.devicesByOrg.has(org.id)) this.devicesByOrg.set(org.id, []);
  }

  /** Adds devices in ascending id order; the caller sorts. */
  addDevice(device: DeviceRecord): void {
    this.devices.set(device.id, device);
    this.deviceIds.push(device.id);
    let ids = this.devicesByOrg.get(device.organizationId);
    if (ids === undefined) {
      ids = [];
      this.devicesByOrg.set(device.organizationId, ids);
    }
    ids.push(device.id);
  }

  liveOrg(id: number): OrgRecord | undefined {
    const org = this.orgs.get(id);
    return org === undefined || org.deleted ? undefined : org;
  }

  /** What deleting an organization in the UI does: it and its devices leave every list. */
  deleteOrg(id: number): boolean {
    if (!this.deleteDevicesOf(id)) return false;
    (this.liveOrg(id) as OrgRecord).deleted = true;
    this.orgIds = this.orgIds.filter((orgId) => orgId !== id);
    return true;
  }

  /** Every device of a live organization leaves every list; the organization stays. */
  deleteDevicesOf(id: number): boolean {
    if (this.liveOrg(id) === undefined) return false;
    const gone = new Set(this.devicesByOrg.get(id) ?? []);
    for (const deviceId of gone) this.devices.delete(deviceId);
    this.deviceIds = this.deviceIds.filter((deviceId) => !gone.has(deviceId));
    this.devicesByOrg.set(id, []);
    return true;
  }

  /** A device moved in the UI: it leaves its organization's index and joins the other's, in id order. */
  moveDevice(device: DeviceRecord, organizationId: number, locationId: number): void {
    const from = this.devicesByOrg.get(device.organizationId) ?? [];
    from.splice(from.indexOf(device.id), 1);
    const to = this.devicesByOrg.get(organizationId) ?? [];
    this.devicesByOrg.set(organizationId, to);
    to.splice(sortedIndex(to, device.id), 0, device.id);
    device.organizationId = organizationId;
    device.locationId = locationId;
  }

  /** A device deleted in the UI leaves every list, and its custom-field values go with it. */
  deleteDevice(id: number): boolean {
    const device = this.devices.get(id);
    if (device === undefined) return false;
    this.devices.delete(id);
    this.deviceIds.splice(sortedIndex(this.deviceIds, id), 1);
    const ofOrg = this.devicesByOrg.get(device.organizationId) ?? [];
    ofOrg.splice(ofOrg.indexOf(id), 1);
    this.fieldValues.delete(`device:${id}`);
    return true;
  }

  values(scope: ValueScope, entityId: number): Map<string, unknown> {
    const key = `${scope}:${entityId}`;
    let map = this.fieldValues.get(key);
    if (map === undefined) {
      map = new Map();
      this.fieldValues.set(key, map);
    }
    return map;
  }
}

/** Where `id` is, or would go, in an ascending id list. */
function sortedIndex(ids: readonly number[], id: number): number {
  let lo = 0;
  let hi = ids.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((ids[mid] as number) < id) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
