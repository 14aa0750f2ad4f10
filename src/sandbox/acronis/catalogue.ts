import type { OfferingItem, Severity } from "./model.js";

/**
 * Fixed catalogues of the simulated platform: alert types and categories, the offering items a
 * partner can enable for a customer, plan names and agent versions used by the seeds.
 */

export interface AlertType {
  id: string;
  category: string;
  severity: Severity;
  supportedOS: string[];
  contextKeys: string[];
  searchableDetails: string[];
}

const BACKUP_KEYS = ["planId", "resourceId"];
const BACKUP_SEARCH = ["planName", "resourceName"];
const ALL_OS = ["windows", "linux", "macos"];

export const ALERT_TYPES: readonly AlertType[] = [
  { id: "BackupFailed", category: "Backup", severity: "critical", supportedOS: ALL_OS, contextKeys: BACKUP_KEYS, searchableDetails: BACKUP_SEARCH },
  { id: "BackupDidNotStart", category: "Backup", severity: "error", supportedOS: ALL_OS, contextKeys: BACKUP_KEYS, searchableDetails: BACKUP_SEARCH },
  { id: "NoBackupForXDays", category: "Backup", severity: "warning", supportedOS: ALL_OS, contextKeys: BACKUP_KEYS, searchableDetails: BACKUP_SEARCH },
  { id: "MalwareDetected", category: "Antimalware protection", severity: "critical", supportedOS: ["windows", "macos"], contextKeys: ["resourceId"], searchableDetails: ["resourceName"] },
  { id: "MachineIsOffline", category: "Monitoring", severity: "warning", supportedOS: ALL_OS, contextKeys: ["resourceId"], searchableDetails: ["resourceName"] },
  { id: "StorageQuotaExceeded", category: "Quota", severity: "error", supportedOS: ALL_OS, contextKeys: ["tenantId"], searchableDetails: [] },
  { id: "DrInternetTrafficUnblocked", category: "Disaster recovery", severity: "warning", supportedOS: ALL_OS, contextKeys: ["resourceId"], searchableDetails: ["resourceName"] },
];

export const ALERT_TYPE_BY_ID = new Map(ALERT_TYPES.map((t) => [t.id, t]));

export const ALERT_CATEGORIES: readonly { name: string; disabled?: boolean }[] = [
  { name: "Backup" },
  { name: "Antimalware protection" },
  { name: "Monitoring" },
  { name: "Quota" },
  { name: "Disaster recovery" },
  { name: "Device control", disabled: true },
];

export const SEVERITY_ORDER: readonly Severity[] = ["ok", "information", "warning", "error", "critical"];

const BACKUP_APP = "6e6d758d-8e74-3ae3-ac84-50eb0dff12eb";
const STORAGE_INFRA = "d46a4b2a-2631-4f76-84cd-07ce3aed3dde";

function item(name: string, edition: string, type: OfferingItem["type"], unit: string, infra?: string): OfferingItem {
  const out: OfferingItem = {
    name,
    application_id: BACKUP_APP,
    edition,
    usage_name: name.replace(/^(pw|pg)_/, ""),
    type,
    status: 0,
    quota: { value: null, overage: null, version: 0 },
    locked: false,
    measurement_unit: unit,
  };
  if (infra !== undefined) out.infra_id = infra;
  return out;
}

/** Every offering item of the simulated platform, per edition; a partner offers its own share. */
export const OFFERING_ITEMS: readonly OfferingItem[] = [
  item("workstations", "standard", "count", "quantity"),
  item("servers", "standard", "count", "quantity"),
  item("vms", "standard", "count", "quantity"),
  item("storage", "standard", "infra", "bytes", STORAGE_INFRA),
  item("pw_workstations", "per_workload", "count", "quantity"),
  item("pw_servers", "per_workload", "count", "quantity"),
  item("pw_storage", "per_workload", "infra", "bytes", STORAGE_INFRA),
  item("pw_advanced_security", "per_workload", "feature", "n/a"),
  item("pg_base_workstations", "per_gigabyte", "count", "quantity"),
  item("pg_storage", "per_gigabyte", "infra", "bytes", STORAGE_INFRA),
];

/**
 * The editions the seeded partner holds. Not the legacy `standard`, which is what
 * `available_for_child` answers by default: a client that asks for no edition gets nothing.
 */
export const PARTNER_EDITIONS: readonly string[] = ["per_workload", "per_gigabyte"];

/** The seeded partner's own offering items: those of its editions, switched on. */
export function partnerOfferingItems(): OfferingItem[] {
  return OFFERING_ITEMS.filter((i) => PARTNER_EDITIONS.includes(i.edition)).map((i) => ({ ...i, status: 1 }));
}

export const PLAN_NAMES = ["Servers daily", "Workstations weekly", "Cyber Protect Essentials", "Total protection"] as const;
export const AGENT_VERSIONS = ["15.0.26355", "15.0.36432", "24.2.37373", "24.3.37659"] as const;

export const USER_ROLES: ReadonlySet<string> = new Set([
  "root_admin", "partner_admin", "company_admin", "unit_admin", "readonly_admin", "protection_admin",
  "protection_ro_admin", "restore_operator", "backup_user", "sync_share_admin", "sync_share_user",
  "sync_share_guest", "pds_operator", "pds_support", "notary_admin", "notary_user", "hci_admin",
  "omnivoice_admin", "omnivoice_user", "greathorn_admin", "greathorn_user", "greathorn_analyst",
  "greathorn_client_manager",
]);
