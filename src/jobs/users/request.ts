import type { NinjaOneConnection } from "../../clients/connect.js";
import { createTicket, getTicket, listTicketForms, listTicketStatuses, type NinjaTicketStatus } from "../../clients/ninjaone/tickets.js";
import { ApiError, ConfigError, UsageError } from "../../errors.js";
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
  refuseWhilePending(state);
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
  const request = { marker, instance: planned.instance, wanted: planned.wanted, actions: planned.plan.actions, requestedAt: at.toISOString() };
  // Recorded before the create: a kill between the two leaves a request to adopt, never a second ticket.
  await state.update((draft) => {
    usersStateOf(draft).pending[marker] = request;
  });
  const ticket = await createTicket(ninja.http, {
    clientId,
    ticketFormId,
    subject: requestSubject(planned.plan.actions, marker),
    status: "1000",
    type: "CHANGE_REQUEST",
    description: { public: false, body: requestBody(planned.plan.actions, planned.plan.refused, approval.name, hint("<this ticket's id>")) },
    tags: [REQUEST_TAG, marker],
    ...(typeof account === "object" ? { requesterUid: account.uid } : {}),
  }).catch(async (error: unknown) => {
    // A refusal (4xx) made no ticket; anything else may have, so the pending request stays.
    if (error instanceof ApiError && error.status !== undefined && error.status >= 400 && error.status < 500) {
      await state.update((draft) => {
        delete usersStateOf(draft).pending[marker];
      });
    }
    throw error;
  });
  await state.update((draft) => {
    const users = usersStateOf(draft);
    delete users.pending[marker];
    users.requests[String(ticket.id)] = { ...request, ticketId: ticket.id, status: "requested", landed: [] };
  });
  return { ticketId: ticket.id, marker, actions: planned.plan.actions, refused: planned.plan.refused, statuses };
}

function refuseWhilePending(state: StateHandle): void {
  const pending = Object.keys(state.data.users?.pending ?? {});
  if (pending.length === 0) return;
  throw new ConfigError(`a run stopped while opening the request ${pending.join(", ")}: its ticket may exist, so no second one is opened`, {
    hint: "find the ticket tagged with that marker in NinjaOne and record it with `ninja-bridge users request --adopt <ticket id>`; if no ticket carries it, `ninja-bridge users request --forget-pending`",
  });
}

/**
 * `users request --adopt <ticket>`: records the ticket a killed run opened, once its tags carry
 * the marker of a pending request, so `users apply --ticket` can apply it.
 */
export async function adoptRequest(session: JobSession, state: StateHandle, ticketId: number): Promise<string> {
  const pending = Object.values(state.data.users?.pending ?? {});
  if (pending.length === 0) throw new UsageError("no request is pending: nothing to adopt");
  const ticket = await getTicket((await session.ninjaone()).http, ticketId);
  const request = pending.find((p) => (ticket.tags ?? []).includes(p.marker));
  if (request === undefined) throw new ConfigError(`ticket ${ticketId} carries no pending request's marker (${pending.map((p) => p.marker).join(", ")}); nothing was recorded`, { hint: "give the id of the ticket tagged with the marker" });
  await state.update((draft) => {
    const users = usersStateOf(draft);
    const held = users.pending[request.marker];
    if (held === undefined) return;
    delete users.pending[request.marker];
    users.requests[String(ticketId)] = { ...held, ticketId, status: "requested", landed: [] };
  });
  return request.marker;
}

/** `users request --forget-pending`: drops the pending requests, for when no ticket carries their marker. */
export async function forgetPending(state: StateHandle): Promise<string[]> {
  const markers = Object.keys(state.data.users?.pending ?? {});
  if (markers.length > 0) {
    await state.update((draft) => {
      usersStateOf(draft).pending = {};
    });
  }
  return markers;
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
