import type { TargetService } from "../estate/target-estate.js";

export type SyncProblemKind = "unmatched" | "contested" | "invalid-value" | "unreadable" | "missing-org" | "missing-tenant";

/** Something the sync left unwritten on purpose, with why; reported, never guessed around. */
export interface SyncProblem {
  service: TargetService;
  kind: SyncProblemKind;
  org: { id: number; name: string };
  /** What it is about, in words a person recognises: a workload, a device, a tenant. */
  subject: string;
  reason: string;
}
