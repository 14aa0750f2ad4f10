import type { AcronisAlert } from "../../../clients/acronis/alerts.js";

/** What placing an alert reads: its tenant ids. A due tenant (alert-read.ts) is placed alike. */
export type AlertTenant = Pick<AcronisAlert, "tenantId" | "tenantLocator" | "tenantUuid">;

/**
 * Alerts name tenants by a numeric legacy id, the Account API (and so the mappings) by UUID
 * (reference §4, §6). This index holds the numeric ids learned so far (from alerts that carry
 * `tenant.uuid`, and from workloads of mapped tenants) and finds an alert's mapped tenant from
 * its own id or, for a unit below a customer, from the ids in its locator.
 */
export class TenantIndex {
  private readonly uuidByNumeric = new Map<string, string>();
  private readonly known = new Map<string, string>();

  /** `known`: numeric ids by UUID learned by earlier runs (the state file keeps them). */
  constructor(
    private readonly mappedUuids: ReadonlySet<string>,
    known: ReadonlyMap<string, string> = new Map(),
  ) {
    for (const [uuid, numeric] of known) {
      this.learn(numeric, uuid);
      this.known.set(uuid.toLowerCase(), numeric);
    }
  }

  learn(numericId: string, uuid: string): void {
    const lower = uuid.toLowerCase();
    if (this.mappedUuids.has(lower)) this.uuidByNumeric.set(numericId, lower);
  }

  /** Numeric ids by mapped tenant UUID that this run learned and the state file does not hold yet. */
  newlyLearned(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [numeric, uuid] of this.uuidByNumeric) if (this.known.get(uuid) !== numeric) out[uuid] = numeric;
    return out;
  }

  /** Learns from alerts that carry both ids. */
  learnFromAlerts(alerts: readonly AlertTenant[]): void {
    for (const a of alerts) if (a.tenantUuid !== null) this.learn(a.tenantId, a.tenantUuid);
  }

  /** Mapped tenant UUIDs whose numeric id is not known yet. */
  unknownTenants(): string[] {
    const known = new Set(this.uuidByNumeric.values());
    return [...this.mappedUuids].filter((u) => !known.has(u)).sort();
  }

  /** The mapped tenant of an alert: its own id, else the nearest mapped ancestor in its locator. */
  mappedTenantOf(alert: AlertTenant): string | undefined {
    const direct = alert.tenantUuid?.toLowerCase();
    if (direct !== undefined && this.mappedUuids.has(direct)) return direct;
    const chain = [alert.tenantId, ...(alert.tenantLocator ?? "").split("/").filter((s) => s !== "").reverse()];
    for (const id of chain) {
      const found = this.uuidByNumeric.get(id);
      if (found !== undefined) return found;
    }
    return undefined;
  }

  /** Whether every alert here can already be placed (no lookup needed). */
  placesAll(alerts: readonly AlertTenant[]): boolean {
    return alerts.every((a) => this.mappedTenantOf(a) !== undefined);
  }
}
