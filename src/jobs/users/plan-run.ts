import type { NinjaOneConnection } from "../../clients/connect.js";
import { getTicket, listTicketStatuses } from "../../clients/ninjaone/tickets.js";
import { BridgeError, ConfigError, DriftError, UsageError } from "../../errors.js";
import type { UserAction, UserRequest } from "../../state/index.js";
import type { JobRun } from "../job.js";
import type { AccessSnapshot, InstanceKey } from "./plan/access-file.js";
import { actionKey, driftSince, isRemoval, planAccess, type AccessPlan, type RefusedAction } from "./plan/plan-access.js";
import { judgeRequest } from "./plan/request-ticket.js";
import { instanceKeyOf, readAccessFileAt, readSnapshot, tokenAccountOf, wantedAccessOf } from "./read.js";
import type { UsersSettings } from "./settings.js";

export interface UsersPlan {
  instance: InstanceKey;
  actions: UserAction[];
  refused: RefusedAction[];
  /** Set when applying a request: the ticket, its status, and the changes that had landed before. */
  ticket?: { id: number; status: string; landed: number };
}

/** Instance, snapshot and the guarded plan of an access file, as `check`, `apply --file` and `request` need them. */
export interface PlannedFile {
  ninja: NinjaOneConnection;
  instance: InstanceKey;
  snapshot: AccessSnapshot;
  wanted: UserRequest["wanted"];
  plan: AccessPlan;
  /** A user token whose account cannot be told (see tokenAccountOf). */
  accountUnknown: boolean;
}

/** Reads NinjaOne and plans `wanted` there, with the guards in force. */
export async function planWanted(ninja: NinjaOneConnection, settings: Pick<UsersSettings, "adminRole" | "tokenAccount">, source: { file: string } | { wanted: UserRequest["wanted"]; instance: InstanceKey }): Promise<PlannedFile> {
  const snapshot = await readSnapshot(ninja.http);
  const instance = instanceKeyOf(ninja.baseUrl, snapshot);
  let wanted: UserRequest["wanted"];
  if ("file" in source) {
    wanted = wantedAccessOf(await readAccessFileAt(source.file), source.file, instance, snapshot);
  } else {
    if (source.instance.url !== instance.url || source.instance.tenant !== instance.tenant) {
      throw new ConfigError(`the request was made on ${source.instance.url} (tenant key ${source.instance.tenant}), and this profile is connected to ${instance.url} (tenant key ${instance.tenant})`, { hint: "apply it with the profile it was requested from" });
    }
    wanted = source.wanted;
  }
  const account = tokenAccountOf(ninja.flow, settings.tokenAccount, snapshot);
  const plan = planAccess(wanted, snapshot, { adminRole: settings.adminRole, ...(typeof account === "object" ? { tokenAccountId: account.id } : {}) });
  return { ninja, instance, snapshot, wanted, plan, accountUnknown: account === "unknown" };
}

/** A plan that changes technicians is refused while the token's own account cannot be told: it might be among them. */
export function assertAccountKnown(planned: PlannedFile): void {
  const technicianIds = new Set(planned.snapshot.technicians.map((t) => t.id));
  if (planned.accountUnknown && planned.plan.actions.some((a) => a.kind !== "create-end-user" && technicianIds.has(a.userId))) {
    throw new ConfigError("this plan changes technicians' roles, and the account the token signs in as cannot be told (NinjaOne has no \"current user\" endpoint and this tenant has several technicians); nothing was changed", {
      hint: "name it: `ninja-bridge config set users.tokenAccount <e-mail or uid>`",
    });
  }
}

export function assertRemovals(actions: readonly UserAction[], maxRemove: number): void {
  const removals = actions.filter(isRemoval).length;
  if (removals > maxRemove) {
    throw new UsageError(`the plan removes ${removals} role memberships or end users, more than --max-remove allows (${maxRemove}); nothing was applied`, {
      hint: "check that the file is the one you meant (--dry-run shows the plan), then raise --max-remove",
    });
  }
}

/** The recorded request behind `ticketId`, refused when the ticket is not one of ours or was applied already. */
export function recordedRequest(requests: Readonly<Record<string, UserRequest>> | undefined, ticketId: number): UserRequest {
  const request = requests?.[String(ticketId)];
  if (request === undefined) {
    throw new ConfigError(`ticket ${ticketId} is not a request of \`ninja-bridge users request\` in this profile's state; nothing was applied`, { hint: "give the ticket id `users request` printed" });
  }
  if (request.status === "applied") throw new ConfigError(`the request of ticket ${ticketId} was applied already (${request.appliedAt ?? "earlier"}); nothing was applied again`, { hint: "make a new request for further changes" });
  return request;
}

/** `apply --file`: the file's plan. `apply --ticket`: the recorded plan, once approved, and only if the instance has not moved since. */
export async function planUsers(run: JobRun<UsersSettings>): Promise<UsersPlan> {
  const { settings } = run;
  const ninja = await run.session.ninjaone();
  if ("file" in settings.source) {
    const planned = await planWanted(ninja, settings, settings.source);
    assertAccountKnown(planned);
    assertRemovals(planned.plan.actions, settings.maxRemove);
    return { instance: planned.instance, actions: planned.plan.actions, refused: planned.plan.refused };
  }
  const ticketId = settings.source.ticket;
  const request = recordedRequest(run.state.data.users?.requests as Readonly<Record<string, UserRequest>> | undefined, ticketId);
  if (settings.approvalStatus === undefined) {
    throw new ConfigError("users.approvalStatus is not set, so no ticket can count as approved", { hint: "set it: `ninja-bridge config set users.approvalStatus <status name or id>`" });
  }
  const [ticket, statuses] = await Promise.all([getTicket(ninja.http, ticketId), listTicketStatuses(ninja.http)]);
  if (!(ticket.tags ?? []).includes(request.marker)) {
    throw new ConfigError(`ticket ${ticketId} does not carry the marker ${request.marker} of the recorded request; nothing was applied`, { hint: "the ticket was changed or is not ours: make a new request" });
  }
  const verdict = judgeRequest({ statusId: ticket.status.statusId, deleted: ticket.deleted === true }, statuses, settings.approvalStatus);
  if (verdict.verdict === "rejected") throw new DriftError(`ticket ${ticketId} was closed without approval (status ${verdict.status}); nothing was applied`, { hint: "make a new request if the change is still wanted" });
  if (verdict.verdict === "pending") {
    throw new BridgeError(`ticket ${ticketId} is not approved yet (status ${verdict.status}, approval is ${settings.approvalStatus}); nothing was applied`, { hint: "apply it once the ticket is approved" });
  }
  const planned = await planWanted(ninja, settings, { wanted: request.wanted, instance: request.instance });
  assertAccountKnown(planned);
  const landed = new Set(request.landed);
  const drift = driftSince(request.actions, landed, planned.plan.actions);
  if (drift.length > 0) {
    throw new DriftError(`NinjaOne changed since ticket ${ticketId} was requested; nothing was applied:\n  ${drift.join("\n  ")}`, { hint: "make a new request from the access file (`ninja-bridge users request`)" });
  }
  const actions = request.actions.filter((a) => !landed.has(actionKey(a)));
  assertRemovals(actions, settings.maxRemove);
  return { instance: planned.instance, actions, refused: planned.plan.refused, ticket: { id: ticketId, status: verdict.status, landed: landed.size } };
}
