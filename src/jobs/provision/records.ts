import type { ProvisioningRecord, StateDocument } from "../../state/index.js";
import { recordOf } from "../shared/acronis-customers/records.js";
import type { ProvisionStep } from "./plan/steps.js";

/**
 * provision's writes to the `provisioning` section of a state draft (inside
 * `StateHandle.update`), one landed step at a time.
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
