import type { ReadonlyStateDocument, StateDocument } from "../../state/index.js";
import type { TargetService } from "../../services.js";

export type MappingSource = "manual" | "automap" | "provision" | "import";

/** One link between a NinjaOne organization and a target, the same shape for both services. */
export interface Link {
  service: TargetService;
  orgId: number;
  orgName: string;
  targetId: string;
  /** The Acronis tenant's name, or the M365 tenant's default domain. */
  targetName: string;
  source: MappingSource;
  mappedAt: string;
}

/** Every recorded link of a service, in organization id order. */
export function linksOf(doc: ReadonlyStateDocument, service: TargetService): Link[] {
  const links: Link[] =
    service === "acronis"
      ? Object.values(doc.mappings.acronis).map((m) => ({
          service,
          orgId: m.ninjaOrgId,
          orgName: m.ninjaOrgName,
          targetId: m.acronisTenantId,
          targetName: m.acronisTenantName,
          source: m.source,
          mappedAt: m.mappedAt,
        }))
      : Object.values(doc.mappings.m365).map((m) => ({
          service,
          orgId: m.ninjaOrgId,
          orgName: m.ninjaOrgName,
          targetId: m.m365TenantId,
          targetName: m.m365DefaultDomain,
          source: m.source,
          mappedAt: m.mappedAt,
        }));
  return links.sort((a, b) => a.orgId - b.orgId);
}

export function linkOfOrg(doc: ReadonlyStateDocument, service: TargetService, orgId: number): Link | undefined {
  return linksOf(doc, service).find((l) => l.orgId === orgId);
}

export function linkOfTarget(doc: ReadonlyStateDocument, service: TargetService, targetId: string): Link | undefined {
  return linksOf(doc, service).find((l) => l.targetId === targetId);
}

/**
 * Records a link in a state draft (inside `StateHandle.update`). One organization maps to
 * one target per service and one target to one organization: a link that would break that
 * is refused here, whatever the caller checked before, so the file can never hold it.
 */
export function recordLink(draft: StateDocument, link: Link): void {
  const holder = linkOfTarget(draft, link.service, link.targetId);
  if (holder && holder.orgId !== link.orgId) {
    throw new Error(`${link.service} target ${link.targetId} is already mapped to organization ${holder.orgId}`);
  }
  const key = String(link.orgId);
  if (link.service === "acronis") {
    draft.mappings.acronis[key] = {
      ninjaOrgId: link.orgId,
      ninjaOrgName: link.orgName,
      acronisTenantId: link.targetId,
      acronisTenantName: link.targetName,
      source: link.source,
      mappedAt: link.mappedAt,
    };
  } else {
    draft.mappings.m365[key] = {
      ninjaOrgId: link.orgId,
      ninjaOrgName: link.orgName,
      m365TenantId: link.targetId,
      m365DefaultDomain: link.targetName,
      source: link.source,
      mappedAt: link.mappedAt,
    };
  }
}

/** Removes an organization's link of a service from a state draft; returns whether there was one. */
export function removeLink(draft: StateDocument, service: TargetService, orgId: number): boolean {
  const section = service === "acronis" ? draft.mappings.acronis : draft.mappings.m365;
  const key = String(orgId);
  if (!(key in section)) return false;
  delete section[key];
  return true;
}
