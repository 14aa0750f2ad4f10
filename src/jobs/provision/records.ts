import type { ProvisioningRecord, StateDocument } from "../../state/index.js";
import type { ProvisionStep } from "./steps.js";

/**
 * Writes to the `provisioning` section of a state draft (inside `StateHandle.update`), one
 * landed change at a time.
 */

export interface NewRecord {
  org: { id: number; name: string };
  tenant: { id: string; name: string };
  mode: "production" | "trial";
  adminEmail: string | null;
  mfa: boolean;
}

/** The record of a tenant this tool just created (or found it had created): its first step is done. */
export function startRecord(draft: StateDocument, fresh: NewRecord, at: string): void {
  draft.provisioning[String(fresh.org.id)] = {
    ninjaOrgId: fresh.org.id,
    ninjaOrgName: fresh.org.name,
    acronisTenantId: fresh.tenant.id,
    acronisTenantName: fresh.tenant.name,
    origin: "provisioned",
    status: "provisioning",
    mode: fresh.mode,
    ...(fresh.adminEmail === null ? {} : { adminEmail: fresh.adminEmail }),
    mfa: fresh.mfa,
    steps: { tenant: at },
    createdAt: at,
  };
}

function recordOf(draft: StateDocument, orgId: number): ProvisioningRecord {
  const record = draft.provisioning[String(orgId)];
  if (record === undefined) throw new Error(`no provisioning record for organization ${orgId}`);
  return record;
}

export function markStep(draft: StateDocument, orgId: number, step: ProvisionStep, at: string, extra: Partial<Pick<ProvisioningRecord, "userId" | "userLogin">> = {}): void {
  const record = recordOf(draft, orgId);
  Object.assign(record, extra);
  record.steps[step] = at;
  if (step === "map") record.status = "active";
}

/** The activation e-mail is about to be asked for: from here on it may have gone out. */
export function markActivationSending(draft: StateDocument, orgId: number, at: string): void {
  recordOf(draft, orgId).activationSendingAt = at;
}

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
