import type { ActivationEmail, Alert, Tenant, User, Workload } from "./model.js";

function push<K, V>(index: Map<K, V[]>, key: K, value: V): void {
  const list = index.get(key);
  if (list === undefined) index.set(key, [value]);
  else list.push(value);
}

/**
 * Every record the simulated platform holds, with the indexes list endpoints need so that no
 * listing scans the whole estate. Lists are append-only (deletion and dismissal only mark a
 * record), which keeps positions stable for paging cursors.
 */
export class AcronisStore {
  readonly tenants: Tenant[] = [];
  readonly tenantById = new Map<string, Tenant>();
  readonly tenantByNumericId = new Map<number, Tenant>();
  readonly childrenOf = new Map<string, Tenant[]>();
  /** Live (not deleted) tenant names, lower-cased: names are unique in the hierarchy. */
  private readonly tenantNames = new Map<string, string>();

  readonly users: User[] = [];
  readonly userById = new Map<string, User>();
  private readonly logins = new Map<string, string>();

  readonly alerts: Alert[] = [];
  readonly alertById = new Map<string, Alert>();
  readonly alertsByTenant = new Map<number, Alert[]>();
  /** Last change to any alert, for `GET /stats`. */
  alertsModifiedNs = 0n;

  readonly workloads: Workload[] = [];
  readonly workloadById = new Map<string, Workload>();
  readonly workloadsByTenant = new Map<number, Workload[]>();
  readonly workloadByAgentId = new Map<string, Workload>();

  readonly activationEmails: ActivationEmail[] = [];
  private nextNumericId = 1;

  allocateNumericId(): number {
    return this.nextNumericId++;
  }

  addTenant(tenant: Tenant): void {
    this.tenants.push(tenant);
    this.tenantById.set(tenant.id, tenant);
    this.tenantByNumericId.set(tenant.numericId, tenant);
    if (tenant.parentId !== null) push(this.childrenOf, tenant.parentId, tenant);
    if (tenant.kind !== "unit" && tenant.deletedMs === null) this.tenantNames.set(tenant.name.toLowerCase(), tenant.id);
    if (tenant.numericId >= this.nextNumericId) this.nextNumericId = tenant.numericId + 1;
  }

  /** The id of the live tenant holding this name, compared case-insensitively. */
  tenantNamed(name: string): string | undefined {
    return this.tenantNames.get(name.toLowerCase());
  }

  renameTenant(tenant: Tenant, name: string): void {
    this.tenantNames.delete(tenant.name.toLowerCase());
    tenant.name = name;
    this.tenantNames.set(name.toLowerCase(), tenant.id);
  }

  releaseTenantName(tenant: Tenant): void {
    if (this.tenantNames.get(tenant.name.toLowerCase()) === tenant.id) this.tenantNames.delete(tenant.name.toLowerCase());
  }

  /** Live tenant by UUID; deleted ones only when asked for. */
  liveTenant(id: string, allowDeleted = false): Tenant | undefined {
    const tenant = this.tenantById.get(id.toLowerCase());
    if (tenant === undefined) return undefined;
    return tenant.deletedMs === null || allowDeleted ? tenant : undefined;
  }

  /** The numeric ids of a tenant and everything under it (alerts and resources hang off them). */
  subtreeNumericIds(root: Tenant): Set<number> {
    const out = new Set<number>();
    const stack = [root];
    while (stack.length > 0) {
      const t = stack.pop() as Tenant;
      out.add(t.numericId);
      for (const child of this.childrenOf.get(t.id) ?? []) stack.push(child);
    }
    return out;
  }

  /** "/1/50/53/56/": the numeric ancestry alerts carry as `tenant.locator`. */
  locator(tenant: Tenant): string {
    const chain: number[] = [];
    let t: Tenant | undefined = tenant;
    while (t !== undefined) {
      chain.unshift(t.numericId);
      t = t.parentId === null ? undefined : this.tenantById.get(t.parentId);
    }
    return `/${chain.join("/")}/`;
  }

  addUser(user: User): void {
    this.users.push(user);
    this.userById.set(user.id, user);
    this.logins.set(user.login.toLowerCase(), user.id);
  }

  loginTaken(login: string): boolean {
    return this.logins.has(login.trim().toLowerCase());
  }

  addAlert(alert: Alert): void {
    this.alerts.push(alert);
    this.alertById.set(alert.id, alert);
    push(this.alertsByTenant, alert.tenantNumericId, alert);
    this.touchAlerts(alert.updatedNs);
  }

  touchAlerts(ns: bigint): void {
    if (ns > this.alertsModifiedNs) this.alertsModifiedNs = ns;
  }

  /** Re-homes a workload in another tenant (seeding puts a customer's machine in one of its units). */
  moveWorkload(workload: Workload, tenant: Tenant): void {
    const from = this.workloadsByTenant.get(workload.tenantNumericId) ?? [];
    from.splice(from.indexOf(workload), 1);
    workload.tenantNumericId = tenant.numericId;
    push(this.workloadsByTenant, workload.tenantNumericId, workload);
  }

  addWorkload(workload: Workload): void {
    this.workloads.push(workload);
    this.workloadById.set(workload.id, workload);
    this.workloadByAgentId.set(workload.agentId, workload);
    push(this.workloadsByTenant, workload.tenantNumericId, workload);
  }
}
