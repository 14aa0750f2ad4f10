import type { ProvisioningRecord, StateDocument } from "../../../state/index.js";

/** The `provisioning` record of an organization, which both jobs write one landed change at a time; its absence is a bug, not a state to handle. */
export function recordOf(draft: StateDocument, orgId: number): ProvisioningRecord {
  const record = draft.provisioning[String(orgId)];
  if (record === undefined) throw new Error(`no provisioning record for organization ${orgId}`);
  return record;
}
