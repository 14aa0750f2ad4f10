import type { NinjaOneConnection } from "../../clients/connect.js";
import { createTicket, getTicket, listTicketForms, listTicketStatuses, type NinjaTicketStatus } from "../../clients/ninjaone/tickets.js";
import { ConfigError } from "../../errors.js";
import type { Deadline, Now, Sleep } from "../../http/index.js";
import type { Logger } from "../../log.js";
import { usersStateOf, type StateHandle, type UserAction } from "../../state/index.js";
import type { JobSession } from "../shared/session.js";
import type { RefusedAction } from "./plan/plan-access.js";
import { REQUEST_TAG, findApprovalStatus, judgeRequest, pollDelayMs, requestBody, requestMarker, requestSubject } from "./plan/request-ticket.js";
import { assertAccountKnown, planWanted } from "./plan-run.js";
import { tokenAccountOf } from "./read.js";
import type { UsersSettings } from "./settings.js";

export interface OpenedRequest {
  ticketId: number;
  marker: string;
  actions: UserAction[];
  refused: RefusedAction[];
  statuses: NinjaTicketStatus[];
}

function required<T>(value: T | undefined, key: string, what: string): T {
  if (value === undefined) throw new ConfigError(`${key} is not set: ${what}; nothing was requested`, { hint: `set it: \`ninja-bridge config set ${key} <value>\`` });
  return value;
}

/** The form of request tickets: the configured one, else the default; a form with required attributes is refused, as NinjaOne refuses its tickets. */
async function requestForm(ninja: NinjaOneConnection, configured: number | undefined): Promise<number> {
  const forms = await listTicketForms(ninja.http);
  const form = configured !== undefined ? forms.find((f) => f.id === configured) : (forms.find((f) => f.isDefault && f.active) ?? forms.find((f) => f.active));
  if (form === undefined) throw new ConfigError(configured !== undefined ? `ticket form ${configured} (users.requestForm) does not exist` : "NinjaOne lists no active ticket form", { hint: "set users.requestForm to a form id (GET /v2/ticketing/ticket-form)" });
  if (form.requiredFields.length > 0) throw new ConfigError(`ticket form ${form.name} (${form.id}) requires ${form.requiredFields.join(", ")}, which a request ticket cannot fill`, { hint: "set users.requestForm to a form without required attributes" });
  return form.id;
}

/**
 * `users request`: plans the access file, opens a ticket describing the plan for a person to
 * approve (the diff in its description, a marker in its tags) and records the request in the
 * state as soon as the ticket exists. Returns undefined when the instance already matches.
 */
export async function openRequest(session: JobSession, state: StateHandle, settings: UsersSettings, file: string, hint: (ticketId: string) => string): Promise<OpenedRequest | undefined> {
  const approvalStatus = required(settings.approvalStatus, "users.approvalStatus", "the ticket status that approves a request");
  const clientId = required(settings.requestOrganization, "users.requestOrganization", "the organization whose ticket carries the request");
  const ninja = await session.ninjaone();
  const planned = await planWanted(ninja, settings, { file });
  if (planned.plan.actions.length === 0) return undefined;
  assertAccountKnown(planned);
  const statuses = await listTicketStatuses(ninja.http);
  const approval = findApprovalStatus(statuses, approvalStatus);
  if (approval === undefined) {
    throw new ConfigError(`users.approvalStatus "${approvalStatus}" is not a ticket status of this tenant; nothing was requested`, { hint: `statuses: ${statuses.map((s) => `${s.name} (${s.statusId})`).join(", ")}` });
  }
  const ticketFormId = await requestForm(ninja, settings.requestForm);
  const account = tokenAccountOf(ninja.flow, settings.tokenAccount, planned.snapshot);
  const at = new Date();
  const marker = requestMarker(planned.instance, planned.plan.actions, at);
  const ticket = await createTicket(ninja.http, {
    clientId,
    ticketFormId,
    subject: requestSubject(planned.plan.actions, marker),
    status: "1000",
    type: "CHANGE_REQUEST",
    description: { public: false, body: requestBody(planned.plan.actions, planned.plan.refused, approval.name, hint("<this ticket's id>")) },
    tags: [REQUEST_TAG, marker],
    ...(typeof account === "object" ? { requesterUid: account.uid } : {}),
  });
  await state.update((draft) => {
    usersStateOf(draft).requests[String(ticket.id)] = {
      ticketId: ticket.id,
      marker,
      instance: planned.instance,
      wanted: planned.wanted,
      actions: planned.plan.actions,
      requestedAt: at.toISOString(),
      status: "requested",
      landed: [],
    };
  });
  return { ticketId: ticket.id, marker, actions: planned.plan.actions, refused: planned.plan.refused, statuses };
}

export interface WaitOptions {
  ticketId: number;
  approvalStatus: string;
  statuses: readonly NinjaTicketStatus[];
  timeoutMs: number;
  deadline: Deadline;
  rateLimit: number;
  logger: Logger;
  now?: Now;
  sleep?: Sleep;
}

export type WaitResult = { verdict: "approved" | "rejected" | "timeout"; status: string; limit?: string };

/**
 * `users request --wait`: reads the ticket until it is approved or closed without approval,
 * waiting longer between reads (pollDelayMs), never past `--timeout` nor the run's deadline.
 */
export async function waitForApproval(ninja: NinjaOneConnection, options: WaitOptions): Promise<WaitResult> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const byTimeout = now() + options.timeoutMs;
  // A second is kept for the last read, so it is not cut by the deadline itself.
  const byDeadline = options.deadline.at - 1000;
  const endsAt = Math.min(byTimeout, byDeadline);
  const limit = byTimeout <= byDeadline ? "--timeout" : options.deadline.describe();
  for (let attempt = 0; ; attempt++) {
    const ticket = await getTicket(ninja.http, options.ticketId);
    const verdict = judgeRequest({ statusId: ticket.status.statusId, deleted: ticket.deleted === true }, options.statuses, options.approvalStatus);
    if (verdict.verdict !== "pending") return { verdict: verdict.verdict, status: verdict.status };
    const left = endsAt - now();
    if (left <= 0) return { verdict: "timeout", status: verdict.status, limit };
    const delay = Math.min(pollDelayMs(attempt, options.rateLimit), left);
    options.logger.debug(`ticket ${options.ticketId} is ${verdict.status}; reading it again in ${Math.ceil(delay / 1000)} s`);
    await sleep(delay);
  }
}
