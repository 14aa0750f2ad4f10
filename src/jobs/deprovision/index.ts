import type { Job } from "../job.js";
import { readOrgsAndCustomers } from "../shared/acronis-customers/read.js";
import { applyDeprovision, type DeprovisionOutcome } from "./apply.js";
import { deprovisionPlanCounts, planDeprovision, unexplainedDisables, type DeprovisionPlan, type DeprovisionTenant } from "./plan/plan-deprovision.js";
import { readDisableTimes } from "./read.js";
import { deprovisionReport } from "./report.js";
import { withExcludedNote } from "../shared/exclusions.js";
import { deprovisionSettings, type DeprovisionJobSettings } from "./settings.js";

/**
 * deprovision: the customer of an organization gone from NinjaOne is disabled, deleted
 * delete-after-days later, and re-enabled if the organization comes back first. An empty
 * organization list, or more disables than allowed, stops the run before anything changes.
 */
export const deprovisionJob: Job<DeprovisionJobSettings, DeprovisionPlan, DeprovisionOutcome> = {
  name: "deprovision",
  settings: deprovisionSettings,

  /** A disabled customer of a gone organization that no record says we disabled is read one by one for when it was disabled. */
  async plan({ session, state, settings, yes }) {
    const { orgs, customers } = await readOrgsAndCustomers(session);
    const tenants = new Map<string, DeprovisionTenant>(customers.map((t) => [t.id, { id: t.id, name: t.name, enabled: t.enabled, updatedAt: null }]));
    for (const t of await readDisableTimes(session, unexplainedDisables({ orgs, state: state.data, tenants }))) tenants.set(t.id, t);
    const rules = { deleteAfterDays: settings.deleteAfterDays, maxDisables: settings.maxDisables, allowDeletes: !settings.deletesNeedYes || yes };
    // Disable times are Acronis' own (a tenant's updated_at), so the days since are counted on its clock, from the Date header of the reads just made.
    const acronisNow = (await session.acronis()).http.serviceNow();
    const now = acronisNow === undefined ? { now: new Date(), clock: "local" as const } : { now: acronisNow, clock: "acronis" as const };
    return planDeprovision({ orgs, state: state.data, tenants, rules, ...now });
  },

  pending: (plan) => deprovisionPlanCounts(plan).planned,

  apply: (run, plan) => applyDeprovision(run, plan),

  report: (run, plan, outcome) => withExcludedNote(deprovisionReport(run.dryRun, plan, outcome), run.state.data, "deprovision"),
};
