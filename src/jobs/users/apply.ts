import type { NinjaOneConnection } from "../../clients/connect.js";
import { addTicketComment } from "../../clients/ninjaone/tickets.js";
import { addRoleMembers, createEndUser, deleteEndUser, removeRoleMembers } from "../../clients/ninjaone/users.js";
import type { HttpClient } from "../../http/index.js";
import { usersStateOf, type UserAction } from "../../state/index.js";
import { stoppedWith, type JobRun } from "../job.js";
import { applyEach } from "../shared/apply-loop.js";
import { actionKey, describeAction } from "./plan/plan-access.js";
import { resultComment } from "./plan/request-ticket.js";
import type { UsersPlan } from "./plan-run.js";
import type { UsersSettings } from "./settings.js";

export interface UsersOutcome {
  applied: UserAction[];
  failed: { action: UserAction; error: string }[];
  /** Ticket mode: whether the result comment landed on the ticket. */
  commented?: boolean;
}

function runAction(http: HttpClient, a: UserAction): Promise<unknown> {
  switch (a.kind) {
    case "add-member":
      return addRoleMembers(http, a.roleId, [a.userId]);
    case "remove-member":
      return removeRoleMembers(http, a.roleId, [a.userId]);
    case "create-end-user":
      return createEndUser(http, { email: a.email, firstName: a.firstName, lastName: a.lastName, organizationId: a.organizationId });
    case "delete-end-user":
      return deleteEndUser(http, a.userId);
  }
}

/**
 * One change at a time, in the plan's order (creates, adds, removes, deletes). An access file
 * is applied against what NinjaOne holds, which is its own record: a re-run plans afresh from
 * it and neither repeats nor forgets a change. A request's changes are recorded in its state
 * entry as each lands, so `apply --ticket` resumes after a killed run; the result is then
 * commented on the ticket.
 */
export async function applyUsers(run: JobRun<UsersSettings>, plan: UsersPlan): Promise<UsersOutcome> {
  const ninja: NinjaOneConnection = await run.session.ninjaone();
  const ticketId = plan.ticket?.id;
  if (ticketId !== undefined) {
    await run.state.update((draft) => {
      const request = usersStateOf(draft).requests[String(ticketId)];
      if (request !== undefined) request.status = "applying";
    });
  }
  const result = await applyEach(
    plan.actions,
    {
      job: "users",
      describe: (a) => ({ action: a.kind, target: describeAction(a) }),
      run: (a) => runAction(ninja.http, a),
      record: async (a) => {
        if (ticketId === undefined) return;
        await run.state.update((draft) => {
          const request = usersStateOf(draft).requests[String(ticketId)];
          if (request !== undefined && !request.landed.includes(actionKey(a))) request.landed.push(actionKey(a));
        });
      },
    },
    { concurrency: 1, hooks: run.hooks },
  );
  const outcome: UsersOutcome = { applied: result.applied.map((r) => r.action), failed: result.failed };
  if (result.stop !== undefined) throw stoppedWith(result.stop, { counts: { planned: plan.actions.length, applied: outcome.applied.length, failed: outcome.failed.length, skipped: plan.refused.length } });
  if (ticketId === undefined) return outcome;
  if (outcome.failed.length === 0) {
    await run.state.update((draft) => {
      const request = usersStateOf(draft).requests[String(ticketId)];
      if (request === undefined) return;
      request.status = "applied";
      request.appliedAt = new Date().toISOString();
    });
  }
  try {
    await addTicketComment(ninja.http, ticketId, { public: false, body: resultComment(outcome.applied, outcome.failed, plan.refused) });
    outcome.commented = true;
  } catch (error) {
    run.logger.warn(`the result could not be commented on ticket ${ticketId}: ${(error as Error).message}`);
    outcome.commented = false;
  }
  return outcome;
}
