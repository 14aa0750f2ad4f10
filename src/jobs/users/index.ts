import type { Job } from "../job.js";
import { applyUsers, type UsersOutcome } from "./apply.js";
import { planUsers, type UsersPlan } from "./plan-run.js";
import { usersReport } from "./report.js";
import type { UsersSettings } from "./settings.js";

/**
 * Role memberships and end users made to match an access file, directly (`users apply
 * --file`) or as a request approved on a NinjaOne ticket (`users apply --ticket`). Not part
 * of `sync`: access changes are reviewed, never applied on a timer.
 */
export const usersJob: Job<UsersSettings, UsersPlan, UsersOutcome> = {
  name: "users",
  settings: () => ({ unconfigured: "users runs only through its own commands (users apply, users request)" }),
  plan: planUsers,
  pending: (plan) => plan.actions.length,
  apply: applyUsers,
  report: (run, plan, outcome) => usersReport(plan, run.dryRun, outcome),
};
