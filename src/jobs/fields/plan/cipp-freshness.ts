import type { ReadonlyStateDocument, StateDocument } from "../../../state/index.js";
import type { FailedEntity } from "../apply.js";

/**
 * When fields sync last read a Microsoft 365 tenant through CIPP and every write it led to
 * landed. `sync` re-reads a tenant only after a window (setting `sync.cippRefreshMinutes`):
 * each read costs CIPP several Graph calls per tenant, and Graph throttles an MSP that asks
 * for a thousand tenants every quarter of an hour.
 */
export function cippCursorName(tenantId: string): string {
  return `fields.cipp:${tenantId.toLowerCase()}`;
}

/** Tenants read within `minutes` of `now`; 0 minutes means none is fresh. */
export function freshCippTenants(cursors: ReadonlyStateDocument["cursors"], tenantIds: readonly string[], now: Date, minutes: number): Set<string> {
  const fresh = new Set<string>();
  if (minutes <= 0) return fresh;
  const since = now.getTime() - minutes * 60_000;
  for (const id of tenantIds) {
    const read = Date.parse(cursors[cippCursorName(id)]?.updatedAt ?? "");
    if (!Number.isNaN(read) && read >= since && read <= now.getTime()) fresh.add(id);
  }
  return fresh;
}

export interface CippTenantRead {
  tenantId: string;
  orgId: number;
}

/**
 * Records the tenants read this run whose organization saw no failed write, so a failed
 * write is planned again by the next run instead of waiting out the window.
 */
export function recordCippReads(
  draft: StateDocument,
  reads: readonly CippTenantRead[],
  failed: readonly FailedEntity[],
  orgOfDevice: Readonly<Record<string, number>>,
  now: Date,
): void {
  const failedOrgs = new Set(failed.map((f) => (f.scope === "organization" ? f.entityId : orgOfDevice[String(f.entityId)])));
  const at = now.toISOString();
  for (const read of reads) {
    if (failedOrgs.has(read.orgId)) continue;
    const name = cippCursorName(read.tenantId);
    draft.cursors[name] = { name, cursor: at, updatedAt: at };
  }
}
