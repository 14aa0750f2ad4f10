import type { TargetService } from "../../../services.js";

/**
 * `unreadable`: the service refuses to show the tenant (no right, no licence), which holds
 * until someone changes it. `read-failed`: the read failed (5xx, network, bad answer) and the
 * next run tries again. `no-devices`: NinjaOne listed no devices for an organization that had
 * some a run ago, taken as a fault. The last two make the job partly done.
 */
export type SyncProblemKind = "unmatched" | "contested" | "invalid-value" | "unreadable" | "read-failed" | "no-devices" | "missing-org" | "missing-tenant";

/** Problems that mean the job did not get to everything it should have: counted as failed, retried next run. */
export function isFailure(problem: SyncProblem): boolean {
  return problem.kind === "read-failed" || problem.kind === "no-devices";
}

/** Something the sync left unwritten on purpose, with why; reported, never guessed around. */
export interface SyncProblem {
  service: TargetService;
  kind: SyncProblemKind;
  org: { id: number; name: string };
  /** What it is about, in words a person recognises: a workload, a device, a tenant. */
  subject: string;
  reason: string;
}
