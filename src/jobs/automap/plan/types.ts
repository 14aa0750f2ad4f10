import type { TargetService } from "../../../services.js";
import type { NinjaDevice } from "../../shared/devices/device.js";

export type { NinjaDevice };

/** Which system's tenants NinjaOne organizations are being linked to. */

export interface NinjaOrg {
  id: number;
  name: string;
}


/** An Acronis customer tenant or a Microsoft 365 tenant known to CIPP. */
export interface TargetTenant {
  id: string;
  name: string;
}

/** An Acronis workload/agent (hostname) or an Intune managed device (deviceName). */
export interface TargetDevice {
  id: string;
  targetId: string;
  name: string;
  serial?: string | null;
}

export interface AutomapOptions {
  /** Fewest matched devices an organization needs to be proposed for a tenant. */
  minDevices: number;
  /** Smallest share (0..1] of a tenant's matched devices the organization must hold. */
  minShare: number;
  /** How many devices the organization must hold more than any other; closer is a tie. */
  minLead: number;
}

export interface AutomapInput {
  target: TargetService;
  orgs: readonly NinjaOrg[];
  devices: readonly NinjaDevice[];
  targets: readonly TargetTenant[];
  targetDevices: readonly TargetDevice[];
  mappedOrgIds: ReadonlySet<number> | readonly number[];
  mappedTargetIds: ReadonlySet<string> | readonly string[];
  /** Tenants whose devices could not be read this run, with why: their names still count, their devices are unknown. */
  unreadableTargets?: readonly { id: string; reason: string }[];
  /** Why no device evidence can be trusted this run (NinjaOne's devices unread or suspect); names still link. */
  devicesHeld?: string;
  options?: Partial<AutomapOptions>;
}

export type Subject = { side: "org"; id: number; name: string } | { side: "target"; id: string; name: string };

/** A competitor in a refusal, on the side opposite the subject. */
export interface Candidate {
  id: number | string;
  name: string;
  /** Matched devices, when devices are the evidence. */
  devices?: number;
}

export interface NameEvidence {
  by: "name";
  match: "exact" | "normalised";
  ninjaName: string;
  targetName: string;
  normalisedName: string;
  /** Other organizations and tenants with the same normalised name, which lost to this exact match. */
  similarOrgs: Candidate[];
  similarTargets: Candidate[];
}

export interface DeviceEvidence {
  by: "devices";
  /** Distinct NinjaOne devices of the organization matched to the tenant's devices. */
  devices: number;
  /** Distinct NinjaOne devices matched to the tenant's devices, across all organizations. */
  matched: number;
  share: number;
  bySerial: number;
  byHostname: number;
  exampleSerials: string[];
  exampleHostnames: string[];
  otherOrgs: Candidate[];
}

export interface LinkAction {
  kind: "link";
  org: { id: number; name: string };
  target: { id: string; name: string };
  evidence: NameEvidence | DeviceEvidence;
  reason: string;
}

/**
 * `devices-unread`: the tenant's devices could not be read this run. `evidence-incomplete`: a
 * device link that would have been proposed, held because some devices were not read.
 */
export type RefuseCause = "name-tie" | "device-tie" | "too-little-evidence" | "org-unavailable" | "org-contested" | "devices-unread" | "evidence-incomplete";

export interface RefuseAction {
  kind: "refuse";
  cause: RefuseCause;
  subject: Subject;
  candidates: Candidate[];
  reason: string;
}

/** Already mapped: never a candidate, on either side. */
export interface SkipAction {
  kind: "skip";
  subject: Subject;
  reason: string;
}

/** Nothing on the other side matched by name or by devices. */
export interface UnmatchedAction {
  kind: "unmatched";
  subject: Subject;
  reason: string;
}

export type AutomapAction = LinkAction | RefuseAction | SkipAction | UnmatchedAction;

/** A tenant's device that no NinjaOne device corresponds to (unmanaged, or not yet enrolled). */
export interface UnmatchedDevice {
  targetId: string;
  targetName: string;
  deviceId: string;
  name: string;
  serial: string | null;
  reason: string;
}

export interface SerialNote {
  side: "ninjaone" | "target";
  deviceId: number | string;
  deviceName: string;
  value: string;
  reason: string;
}

export interface DuplicateSerial {
  serial: string;
  devices: { id: number; name: string; organizationId: number }[];
}

export interface SerialReport {
  junk: SerialNote[];
  virtual: SerialNote[];
  /** Serials on more than one NinjaOne device; none of them is used to match. */
  duplicates: DuplicateSerial[];
}

export interface AutomapPlan {
  target: TargetService;
  options: AutomapOptions;
  actions: AutomapAction[];
  unmatchedDevices: UnmatchedDevice[];
  serials: SerialReport;
  summary: { link: number; refuse: number; skip: number; unmatched: number; unmatchedDevices: number };
}
