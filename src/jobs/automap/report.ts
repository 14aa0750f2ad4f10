import type { AutomapOptions } from "./plan/index.js";
import type { ApplyOutcome } from "./apply.js";
import type { ServicePlan } from "./plan/plan-job.js";
import type { FailedService } from "./read.js";
import type { TargetService } from "../../services.js";

/**
 * The --json document: the plan of each service in full, split by kind so a script reads
 * `links` without filtering, and what was recorded (null when nothing was applied).
 */
export function automapJson(report: {
  dryRun: boolean;
  options: AutomapOptions;
  notConfigured: readonly TargetService[];
  plans: readonly ServicePlan[];
  applied: ApplyOutcome | null;
  failed: readonly FailedService[];
  devicesHeld: string | null;
}) {
  return {
    dryRun: report.dryRun,
    options: report.options,
    notConfigured: report.notConfigured,
    /** Services whose tenants could not be listed this run. */
    failed: report.failed,
    /** Why no link by devices was made this run, or null. */
    devicesHeld: report.devicesHeld,
    targets: report.plans.map((sp) => ({
      service: sp.service,
      summary: sp.plan.summary,
      links: sp.plan.actions.filter((a) => a.kind === "link"),
      refused: sp.plan.actions.filter((a) => a.kind === "refuse"),
      skipped: sp.plan.actions.filter((a) => a.kind === "skip"),
      unmatched: sp.plan.actions.filter((a) => a.kind === "unmatched"),
      unmatchedDevices: sp.plan.unmatchedDevices,
      serials: sp.plan.serials,
      unreadable: sp.unreadable,
    })),
    applied:
      report.applied === null
        ? null
        : {
            linked: report.applied.linked,
            skipped: report.applied.skipped.map((s) => ({ ...s.link, reason: s.reason })),
          },
  };
}
