import { isConfigured } from "../../clients/connect.js";
import { applyDeprovisionJob, deprovisionPlanCounts, planDeprovisionJob } from "../provision/deprovision-job.js";
import { applyProvisionJob, planProvisionJob, provisionPlanCounts } from "../provision/provision-job.js";
import { readProvisionSettings } from "../provision/settings.js";
import type { SyncJob, SyncJobResult } from "./legacy-job.js";

const NONE = { planned: 0, applied: 0, failed: 0, skipped: 0 };

function notConfigured(): SyncJobResult {
  return { counts: NONE, skippedBecause: "Acronis is not configured", notes: [] };
}

/**
 * provision inside `sync`: only organizations that appeared since the last run, and only with
 * auto-provision on; a half-done provisioning is always resumed. It runs even with
 * auto-provision off, because apply records which organizations exist now: without that,
 * turning auto-provision on later would provision the whole backlog by surprise.
 */
export const provisionSyncJob: SyncJob = {
  name: "provision",
  async run(session, state, options, hooks) {
    const config = await session.ctx.config();
    if (!isConfigured(config, session.ctx.env, "acronis")) return notConfigured();
    const settings = readProvisionSettings(config, config.profile);
    const plan = await planProvisionJob(session, state.data, { selection: { kind: "appeared" }, settings });
    const notes = plan.actions.filter((a) => a.kind === "refuse").map((a) => `${a.org.name} (org ${a.org.id}): ${a.reason}`);
    if (options.dryRun) return { counts: provisionPlanCounts(plan), notes };
    const outcome = await applyProvisionJob(session, state, plan, hooks);
    return { counts: outcome.counts, notes };
  },
};

/** deprovision inside `sync`: only with it switched on; deletes only with `sync --yes`, otherwise held and reported. */
export const deprovisionSyncJob: SyncJob = {
  name: "deprovision",
  async run(session, state, options, hooks) {
    const config = await session.ctx.config();
    if (!isConfigured(config, session.ctx.env, "acronis")) return notConfigured();
    const settings = readProvisionSettings(config, config.profile);
    if (!settings.deprovision.disable) {
      return { counts: NONE, skippedBecause: "deprovisioning is off (turn it on with `ninja-bridge provision config --deprovision-disable on`)", notes: [] };
    }
    const now = new Date();
    const plan = await planDeprovisionJob(session, state.data, {
      rules: { deleteAfterDays: settings.deprovision.deleteAfterDays, maxDisables: settings.deprovision.maxPerRun, allowDeletes: options.yes },
      now,
    });
    const notes = plan.actions.filter((a) => a.kind === "hold").map((a) => `held: ${a.reason}`);
    if (options.dryRun) return { counts: deprovisionPlanCounts(plan), notes: plan.stop ? [`would stop: ${plan.stop.reason}`, ...notes] : notes };
    const outcome = await applyDeprovisionJob(session, state, plan, hooks);
    return { counts: outcome.counts, notes };
  },
};
