import type { CippTenant } from "./model.js";

/** The CIPP instance's tenants, indexed by tenant id and by every domain `tenantFilter` accepts. */
export class CippStore {
  readonly tenants: CippTenant[] = [];
  private readonly byKey = new Map<string, CippTenant>();
  /** Set through control: ListTenants answers CIPP's "permission check" pseudo-tenant. */
  listTenantsFails = false;
  /**
   * Set through control. `maxPageSize`: the most rows one page of ListGraphRequest's manual
   * paging holds, whatever `$top` asks (small by default: a client must follow nextLink).
   * `unpagedUserLimit`: a tenant with more users than this never answers an unpaged user list
   * (ListUsers, or ListGraphRequest without manualPagination): CIPP#6379, past 2,000 users.
   */
  paging = { maxPageSize: 100, unpagedUserLimit: 2000 };
  /** AllTenants licence reports come from a cache that is cold on the first call. */
  licenseCacheWarm = false;

  add(tenant: CippTenant): void {
    this.tenants.push(tenant);
    for (const key of [tenant.customerId, tenant.defaultDomainName, tenant.initialDomainName]) this.byKey.set(key.toLowerCase(), tenant);
  }

  /** The tenant a `tenantFilter` names: its id (GUID) or one of its domains, any case. */
  find(filter: string): CippTenant | undefined {
    return this.byKey.get(filter.trim().toLowerCase());
  }

  domainTaken(domain: string): boolean {
    return this.byKey.has(domain.toLowerCase());
  }
}
