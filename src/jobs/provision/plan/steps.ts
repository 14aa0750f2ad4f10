import { PROVISIONING_STEPS } from "../../../state/schema.js";
import type { ProvisioningRecord } from "../../../state/index.js";

export type ProvisionStep = (typeof PROVISIONING_STEPS)[number];
export { PROVISIONING_STEPS };

type StepTimes = Readonly<Partial<Record<ProvisionStep, string>>>;

/**
 * The steps still to run, in order: every step not recorded. A record written before 2FA moved
 * up can have later steps done and 2FA not; those are not run again.
 */
export function remainingSteps(steps: StepTimes | undefined): ProvisionStep[] {
  return PROVISIONING_STEPS.filter((step) => steps?.[step] === undefined);
}

/** A record whose tenant exists but whose steps are not all done: the next run resumes it. */
export function isUnfinished(record: Pick<ProvisioningRecord, "origin" | "status">): boolean {
  return record.origin === "provisioned" && record.status === "provisioning";
}

/** The internal_tag a created tenant carries, so a lost record can find it again (reference §2, §9). */
export function internalTagOf(orgId: number): string {
  return `ninja-org:${orgId}`;
}
