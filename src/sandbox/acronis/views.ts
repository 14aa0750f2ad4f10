import type { AcronisStore } from "./store.js";
import type { Alert, PolicyRun, Tenant, User, Workload } from "./model.js";
import { naiveTime, rfc1123, rfc3339, rfc3339Nanos } from "./time-format.js";

/** API shapes rendered from the platform's records, as the reference documents each field. */

export function tenantView(t: Tenant): Record<string, unknown> {
  return {
    id: t.id,
    version: t.version,
    name: t.name,
    kind: t.kind,
    parent_id: t.parentId,
    enabled: t.enabled,
    customer_id: t.customerId,
    customer_type: "default",
    internal_tag: t.internalTag,
    language: t.language,
    ancestral_access: t.ancestralAccess,
    brand_id: 1,
    brand_uuid: "2b3a6c4e-6a51-4f8e-9b1e-5f0a2c3d4e5f",
    contact: t.contact,
    default_idp_id: "11111111-1111-1111-1111-111111111111",
    owner_id: null,
    update_lock: { enabled: false, owner_id: null },
    mfa_status: t.mfaEnabled ? "enabled" : "disabled",
    pricing_mode: t.pricingMode,
    production_start_date: t.pricingMode === "production" ? naiveTime(t.productionStartMs) : null,
    created_at: rfc3339(t.createdMs),
    updated_at: rfc3339(t.updatedMs),
    deleted_at: t.deletedMs === null ? null : rfc3339(t.deletedMs),
    external_operation_status: "no_operation",
  };
}

export function pricingView(t: Tenant): Record<string, unknown> {
  return {
    mode: t.pricingMode,
    currency: null,
    production_start_date: naiveTime(t.productionStartMs),
    version: t.pricingVersion,
  };
}

export function userView(u: User): Record<string, unknown> {
  return {
    id: u.id,
    version: u.version,
    tenant_id: u.tenantId,
    login: u.login,
    contact: u.contact,
    activated: u.activated,
    enabled: u.enabled,
    terms_accepted: false,
    language: u.language,
    personal_tenant_id: u.personalTenantId,
    notifications: ["quota", "reports", "backup_daily_report"],
    mfa_status: u.mfaStatus,
    created_at: rfc3339(u.createdMs),
  };
}

export function alertView(store: AcronisStore, a: Alert, withTenantUuid: boolean): Record<string, unknown> {
  const tenant = store.tenantByNumericId.get(a.tenantNumericId);
  const out: Record<string, unknown> = {
    id: a.id,
    type: a.type,
    category: a.category,
    severity: a.severity,
    details: a.details,
    createdAt: rfc3339Nanos(a.createdNs),
    receivedAt: rfc3339Nanos(a.receivedNs),
    updatedAt: rfc3339Nanos(a.updatedNs),
    tenant: {
      id: String(a.tenantNumericId),
      locator: tenant === undefined ? `/${a.tenantNumericId}/` : store.locator(tenant),
      ...(tenant === undefined || !withTenantUuid ? {} : { uuid: tenant.id }),
    },
    _source: a.source,
  };
  if (a.deletedNs !== null) out["deletedAt"] = rfc3339Nanos(a.deletedNs);
  return out;
}

function tenantUuidOf(store: AcronisStore, w: Workload): string {
  return store.tenantByNumericId.get(w.tenantNumericId)?.id ?? "";
}

export function attributesView(w: Workload, withSerial: boolean): Record<string, unknown>[] {
  const defaults: { key: string; value: unknown }[] = [
    { key: "name", value: w.name },
    { key: "ip", value: w.ipAddresses[0] ?? null },
    { key: "ip_addresses", value: w.ipAddresses },
    { key: "operating_system", value: w.osName },
    { key: "architecture", value: "x64" },
  ];
  if (withSerial && w.serialNumber !== undefined) defaults.push({ key: "serial_number", value: w.serialNumber });
  return [
    {
      name: "agent",
      kvs: [
        { key: "hostname", value: w.name },
        { key: "mac_addresses", value: w.macAddresses },
        { key: "residental_addresses", value: w.ipAddresses },
        { key: "os_name", value: w.osName },
        { key: "os_family", value: w.osFamily },
        { key: "version", value: w.agentVersion },
        { key: "is_online", value: w.online ? 1 : 0 },
        { key: "memory_size", value: 17179869184 },
      ],
    },
    { name: "default", kvs: defaults },
  ];
}

export function resourceView(store: AcronisStore, w: Workload, withAttributes: boolean, withSerial: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: w.id,
    name: w.name,
    user_defined_name: w.name,
    type: w.type,
    tenant_id: String(w.tenantNumericId),
    external_id: `${tenantUuidOf(store, w)}@${w.tenantNumericId}`,
    agent_id: w.agentId,
    created_at: rfc3339(w.createdMs),
    updated_at: rfc3339(w.updatedMs),
    deleted_at: w.deletedMs === null ? null : rfc3339(w.deletedMs),
    parent_group_ids: [],
    is_static: true,
  };
  if (withAttributes) out["attributes"] = attributesView(w, withSerial);
  return out;
}

function policyView(p: PolicyRun): Record<string, unknown> {
  const out: Record<string, unknown> = { type: p.type };
  const suffix = p.shortSpelling === true ? "" : "_time";
  if (p.lastRunMs !== undefined) out[`last_run${suffix}`] = rfc3339(p.lastRunMs);
  if (p.lastSuccessMs !== undefined) out[`last_success_run${suffix}`] = rfc3339(p.lastSuccessMs);
  if (p.nextRunMs !== undefined && p.shortSpelling !== true) out["next_run_time"] = rfc3339(p.nextRunMs);
  return out;
}

export function resourceStatusView(store: AcronisStore, w: Workload, withAttributes: boolean, withSerial: boolean): Record<string, unknown> {
  const aggregate: Record<string, unknown> = {
    status: w.status,
    running: { state: w.status === "running" ? "running" : "idle" },
  };
  if (w.planNames !== null) aggregate["names"] = w.planNames;
  return {
    context: resourceView(store, w, withAttributes, withSerial),
    aggregate,
    licensing: { status: w.planNames === null ? "not_licensed" : "licensed" },
    policies: w.policies.map(policyView),
  };
}

export function agentView(store: AcronisStore, w: Workload): Record<string, unknown> {
  const tenant = store.tenantByNumericId.get(w.tenantNumericId);
  return {
    id: w.agentId,
    host_id: w.hostId,
    hostname: w.name,
    name: w.name,
    online: w.online,
    enabled: true,
    auto_update: true,
    registration_date: rfc1123(w.registrationMs),
    platform: { family: w.osFamily, name: w.osName, arch: "x86_64" },
    tenant: { id: String(w.tenantNumericId), name: tenant?.name ?? "" },
    core_version: { current: { release_id: "1.2.8", build: "179" } },
    units: [{ name: "mms", version: { current: { release_id: "0.0.0", build: "1" } } }],
  };
}
