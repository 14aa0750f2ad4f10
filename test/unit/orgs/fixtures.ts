import type { Target } from "../../../src/jobs/shared/estates/target-estate.js";
import type { Link } from "../../../src/jobs/shared/mappings.js";
import type { TargetService } from "../../../src/services.js";

export const AT = "2026-11-22T10:00:00.000Z";

export function link(service: TargetService, orgId: number, targetId: string, names: { org?: string; target?: string } = {}): Link {
  return {
    service,
    orgId,
    orgName: names.org ?? `Org ${orgId}`,
    targetId,
    targetName: names.target ?? `Tenant ${targetId}`,
    source: "manual",
    mappedAt: AT,
  };
}

export function acronisTarget(id: string, name = `Tenant ${id}`, enabled = true): Target {
  return { id, name, enabled };
}

export function m365Target(id: string, name: string, domain: string): Target {
  return { id, name, domain, enabled: true };
}

export function links(acronis: Link[] = [], cipp: Link[] = []): Record<TargetService, Link[]> {
  return { acronis, cipp };
}
