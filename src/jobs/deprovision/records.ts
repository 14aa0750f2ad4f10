import type { StateDocument } from "../../state/index.js";
import { recordOf } from "../shared/acronis-customers/records.js";

/**
 * deprovision's writes to the `provisioning` section of a state draft (inside
 * `StateHandle.update`), one landed change at a time.
 */

/** A mapped customer disabled because its organization is gone; `disabledAt` is Acronis' own time. */
export function markDisabled(draft: StateDocument, link: { org: { id: number; name: string }; tenant: { id: string; name: string } }, disabledAt: string, at: string): void {
  const key = String(link.org.id);
  const before = draft.provisioning[key];
  if (before !== undefined && before.acronisTenantId === link.tenant.id) {
    const { reenabledAt: _dropped, ...rest } = before;
    draft.provisioning[key] = { ...rest, status: "disabled", disabledAt };
    return;
  }
  draft.provisioning[key] = {
    ninjaOrgId: link.org.id,
    ninjaOrgName: link.org.name,
    acronisTenantId: link.tenant.id,
    acronisTenantName: link.tenant.name,
    origin: "mapped",
    status: "disabled",
    steps: {},
    createdAt: at,
    disabledAt,
  };
}

export function markReenabled(draft: StateDocument, orgId: number, at: string): void {
  const record = recordOf(draft, orgId);
  const { disabledAt: _dropped, ...rest } = record;
  draft.provisioning[String(orgId)] = { ...rest, status: "active", reenabledAt: at };
}

export function markDeleted(draft: StateDocument, orgId: number, at: string): void {
  const record = recordOf(draft, orgId);
  record.status = "deleted";
  record.deletedAt = at;
}
