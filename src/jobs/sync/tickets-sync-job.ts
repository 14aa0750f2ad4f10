import { isConfigured } from "../../clients/connect.js";
import { applyTickets, planTickets, ticketsPlanCounts } from "../tickets/run-job.js";
import { readTicketSettings, TICKETS_JOB } from "../tickets/settings.js";
import { ticketsNotices } from "../tickets/report.js";
import type { SyncJob } from "./legacy-job.js";

/** tickets sync inside `sync`: only once `tickets config` has been run, since it creates tickets customers may see. */
export const ticketsSyncJob: SyncJob = {
  name: "tickets",
  async run(session, state, options, hooks) {
    const none = { planned: 0, applied: 0, failed: 0, skipped: 0 };
    const config = await session.ctx.config();
    if (!isConfigured(config, session.ctx.env, "acronis")) return { counts: none, skippedBecause: "Acronis is not configured", notes: [] };
    if (config.jobSettings(TICKETS_JOB) === undefined) {
      return { counts: none, skippedBecause: "tickets are not configured: run `ninja-bridge tickets config` to choose the form and the alert types", notes: [] };
    }
    const settings = readTicketSettings(config);
    const planned = await planTickets(session, state.data, { settings });
    const notes = ticketsNotices(planned, settings.maxTicketsPerRun).map((n) => n.text);
    if (options.dryRun) return { counts: ticketsPlanCounts(planned.plan), notes };
    const outcome = await applyTickets(session, state, planned, hooks);
    return { counts: outcome.counts, notes };
  },
};
