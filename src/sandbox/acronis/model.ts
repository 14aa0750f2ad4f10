/**
 * The simulated Acronis platform's own records. Handlers keep these and render the API shapes
 * from them (views.ts), so one record can answer in the Account API's UUID world and in the
 * numeric-id world of alerts and resources.
 */

export type TenantKind = "partner" | "folder" | "customer" | "unit";
export type PricingMode = "trial" | "production";

export interface OfferingItem {
  name: string;
  application_id: string;
  edition: string;
  usage_name: string;
  type: "count" | "feature" | "infra";
  infra_id?: string;
  status: 0 | 1;
  quota: { value: number | null; overage: number | null; version: number };
  locked: boolean;
  measurement_unit: string;
}

export interface Tenant {
  id: string;
  /** The legacy numeric id alerts, resources and agents use for the same tenant. */
  numericId: number;
  version: number;
  name: string;
  kind: TenantKind;
  parentId: string | null;
  enabled: boolean;
  customerId: string | null;
  internalTag: string | null;
  language: string;
  ancestralAccess: boolean;
  contact: Record<string, unknown>;
  mfaEnabled: boolean;
  pricingMode: PricingMode;
  /** When trial turns (or turned) into production, ms since the epoch. */
  productionStartMs: number;
  pricingVersion: number;
  offeringItems: OfferingItem[];
  createdMs: number;
  updatedMs: number;
  deletedMs: number | null;
}

export interface AccessPolicy {
  id: string;
  issuer_id: string;
  role_id: string;
  tenant_id: string;
  trustee_id: string;
  trustee_type: "user";
  version: number;
}

export interface User {
  id: string;
  version: number;
  tenantId: string;
  login: string;
  contact: Record<string, unknown>;
  activated: boolean;
  enabled: boolean;
  language: string;
  personalTenantId: string | null;
  mfaStatus: "disabled" | "setup_required" | "enabled" | "forcibly_disabled";
  policies: AccessPolicy[];
  createdMs: number;
  updatedMs: number;
}

export type Severity = "ok" | "information" | "warning" | "error" | "critical";

export interface Alert {
  /** Upper-case UUID, as Acronis' own examples show it. */
  id: string;
  type: string;
  category: string;
  severity: Severity;
  details: Record<string, unknown>;
  tenantNumericId: number;
  source: string;
  createdNs: bigint;
  receivedNs: bigint;
  updatedNs: bigint;
  deletedNs: bigint | null;
}

export interface PolicyRun {
  type: string;
  lastRunMs?: number;
  lastSuccessMs?: number;
  nextRunMs?: number;
  /** Acronis' guide spells the times `last_run` / `last_success_run`; the OpenAPI adds `_time`. */
  shortSpelling?: boolean;
}

export interface Workload {
  id: string;
  name: string;
  type: string;
  tenantNumericId: number;
  agentId: string;
  hostId: string;
  /** Kept for the optional `default.serial_number` attribute; Acronis documents no serial field. */
  serialNumber?: string;
  /** The NinjaOne device the sandbox made this machine from, so control answers can name it (never shown by the API). */
  ninjaDeviceId?: number;
  osFamily: "WINDOWS" | "LINUX" | "MACOSX";
  osName: string;
  macAddresses: string[];
  ipAddresses: string[];
  agentVersion: string;
  online: boolean;
  status: string;
  planNames: string | null;
  policies: PolicyRun[];
  createdMs: number;
  updatedMs: number;
  registrationMs: number;
  /** Set when the workload was deleted in the console; listings then leave it out. */
  deletedMs: number | null;
}

export interface ActivationEmail {
  user_id: string;
  login: string;
  email: string;
  tenant_id: string;
  sent_at: string;
}
