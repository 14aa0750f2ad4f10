import type { Job } from "../job.js";
import { readOrgsAndCustomers } from "../shared/acronis-customers/read.js";
import { applyProvision, type ProvisionOutcome } from "./apply.js";
import { isWork, lookalikeIds, needsServices, planProvision, type PlanTenant, type ProvisionJobPlan } from "./plan/plan-provision.js";
import { readInternalTags, servicesToEnable } from "./read.js";
import { provisionReport } from "./report.js";
import { withExcludedNote } from "../shared/exclusions.js";
import { provisionSettings, type ProvisionJobSettings } from "./settings.js";

/**
 * provision: creates an Acronis customer for each selected organization, with 2FA, services,
 * pricing, an admin user and the mapping, recording every step as it lands. Under `sync` it
 * runs even with auto-provision off, because apply records which organizations exist now:
 * without that, turning auto-provision on later would provision the whole backlog by surprise.
 */
export const provisionJob: Job<ProvisionJobSettings, ProvisionJobPlan, ProvisionOutcome> = {
  name: "provision",
  settings: provisionSettings,

  /**
   * Customers whose name matches an organization to provision are read one by one for their
   * internal_tag, which tells a customer a killed run created from a real duplicate. When some
   * customer is to get services, the partner's offer is read and chosen from first.
   */
  async plan({ session, state, settings }) {
    const { orgs, customers } = await readOrgsAndCustomers(session);
    const tenants: PlanTenant[] = customers.map((t) => ({ id: t.id, name: t.name }));
    const input = { orgs, tenants, state: state.data, settings: settings.profile, selection: settings.selection };
    let plan = planProvision(input);
    const lookalikes = lookalikeIds(plan);
    if (lookalikes.size > 0) {
      const tags = await readInternalTags(session, lookalikes);
      plan = planProvision({ ...input, tenants: tenants.map((t) => (tags.has(t.id) ? { ...t, internalTag: tags.get(t.id) ?? null } : t)) });
    }
    const services = needsServices(plan) ? await servicesToEnable(session, settings.profile) : [];
    return { ...plan, orgs, services };
  },

  pending: (plan) => plan.actions.filter(isWork).length,

  apply: (run, plan) => applyProvision(run, plan),

  report: (run, plan, outcome) => withExcludedNote(provisionReport(run.dryRun, plan, outcome), run.state.data, "provision"),
};
