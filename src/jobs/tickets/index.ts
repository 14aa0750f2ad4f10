import { ConfigError } from "../../errors.js";
import type { Job } from "../job.js";
import { applyTickets, type TicketsOutcome } from "./apply.js";
import { ALERT_CURSOR } from "./plan/alert-cursor.js";
import { formProblem, usableForms } from "./plan/form-check.js";
import { alertIdKey, effectActions, planTicketSync } from "./plan/index.js";
import type { TicketsJobPlan } from "./plan/job-plan.js";
import { readTicketInputs, requesterFor } from "./read.js";
import { ticketsReport } from "./report.js";
import { excludedOrgIds, withExcludedNote } from "../shared/exclusions.js";
import { ticketsSettings, type TicketsJobSettings } from "./settings.js";

/**
 * tickets sync: Acronis alerts ↔ NinjaOne tickets, both ways. The read is incremental on the
 * Acronis side (the alert cursor); each action's link is recorded as it lands, and the cursor
 * only moves past alerts whose work was really done (deferred and failed ones hold it).
 */
export const ticketsJob: Job<TicketsJobSettings, TicketsJobPlan, TicketsOutcome> = {
  name: "tickets",
  readsDevicesOf: ["ninjaone"],
  settings: ticketsSettings,

  async plan({ session, state, settings }) {
    const tickets = settings.tickets;
    const read = await readTicketInputs(session, state.data, {
      settings: tickets,
      ...(settings.boardId === undefined ? {} : { boardId: settings.boardId }),
      ...(settings.since === undefined ? {} : { since: settings.since }),
    });
    const defaultForm = read.forms.find((f) => f.isDefault && f.active);
    const [ninja, acronis] = await Promise.all([session.ninjaone(), session.acronis()]);
    const plan = planTicketSync({
      now: new Date(),
      serviceNow: { acronis: acronis.http.serviceNow(), ninjaone: ninja.http.serviceNow() },
      excludedOrgIds: excludedOrgIds(state.data, "tickets"),
      settings: tickets,
      ...(defaultForm === undefined ? {} : { defaultTicketFormId: defaultForm.id }),
      statuses: read.statuses,
      alerts: read.alerts,
      mappings: read.mappings,
      devices: read.devices,
      links: Object.values(state.data.alertLinks),
      tickets: read.tickets,
      acronisConsoleUrl: read.consoleUrl,
    });
    if (plan.counts.create > 0) {
      const problem = formProblem(read.forms, tickets.ticketFormId ?? defaultForm?.id);
      if (problem !== undefined) {
        const usable = usableForms(read.forms).map((f) => `${f.name} (${f.id})`);
        throw new ConfigError(`tickets sync cannot create tickets: ${problem}`, {
          hint: `choose a form without required fields with \`ninja-bridge tickets config --form <id>\`${usable.length > 0 ? ` (usable: ${usable.join(", ")})` : ""}`,
        });
      }
    }
    const writesTickets = plan.actions.some((a) => a.kind === "create" || a.kind === "reopen" || a.kind === "resolve");
    const requesterUid = writesTickets ? await requesterFor(session, tickets) : undefined;
    const alertUpdatedAt: Record<string, string> = {};
    for (const a of read.alerts) alertUpdatedAt[alertIdKey(a.id)] = a.updatedAt;
    const stored = state.data.cursors[ALERT_CURSOR]?.cursor;
    const dueOf: Record<string, string> = {};
    for (const [id, name] of Object.entries(read.dueOf)) dueOf[alertIdKey(id)] = name;
    return {
      plan,
      boardId: read.boardId,
      cursor: {
        ...(read.previousCursor === undefined ? {} : { previous: read.previousCursor }),
        ...(stored === undefined ? {} : { stored }),
        ...(read.newestRead === undefined ? {} : { newestRead: read.newestRead }),
      },
      read: { mode: read.readMode, ...(read.stats === undefined ? {} : { stats: read.stats }), settledDue: read.settledDue, dueOf },
      notices: read.notices,
      alertUpdatedAt,
      learnedTenantIds: read.learnedTenantIds,
      ...(requesterUid === undefined ? {} : { requesterUid }),
    };
  },

  pending: (planned) => effectActions(planned.plan).length,

  // With nothing pending it still records what was read: the cursor, tenants whose alerts stay due, the stats.
  apply: (run, planned) => applyTickets(run, planned),

  report: (run, planned, outcome) => withExcludedNote(ticketsReport(planned, run.dryRun, outcome, run.settings.tickets.maxTicketsPerRun), run.state.data, "tickets"),
};
