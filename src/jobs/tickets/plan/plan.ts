import { alertKey, keyDigest, markerOf, sameAlertId } from "./alert-key.js";
import { adoptionReason, decideKey, type KeyFacts, type Raise } from "./decide-key.js";
import { planContext } from "./plan-context.js";
import type { AcronisSeverity, AdoptAction, DeferredAction, TicketAction, TicketActionKind, TicketAlert, TicketLink, TicketSyncInput, TicketSyncPlan, TicketView } from "./types.js";

const SEVERITY_RANK: Readonly<Record<AcronisSeverity, number>> = { critical: 0, error: 1, warning: 2, information: 3, ok: 4 };

/** Order of a printed plan: changes on both sides first, bookkeeping, then what was left alone. */
const KIND_ORDER: readonly TicketActionKind[] = ["create", "reopen", "resolve", "clear-alert", "adopt", "record", "deferred", "unmapped", "skip"];

function groupAlerts(alerts: readonly TicketAlert[]): Map<string, TicketAlert[]> {
  const groups = new Map<string, TicketAlert[]>();
  for (const alert of alerts) {
    const key = alertKey(alert);
    const list = groups.get(key) ?? [];
    // Paging overlap can return one alert twice: keep the newest copy.
    const twin = list.findIndex((a) => sameAlertId(a.id, alert.id));
    if (twin < 0) list.push(alert);
    else if (Date.parse(alert.updatedAt) > Date.parse(list[twin]?.updatedAt ?? "")) list[twin] = alert;
    groups.set(key, list);
  }
  for (const list of groups.values()) list.sort((a, b) => Date.parse(b.updatedAt) - Date.parse(a.updatedAt) || a.id.localeCompare(b.id));
  return groups;
}

function ticketsByDigest(tickets: readonly TicketView[]): Map<string, TicketView[]> {
  const byDigest = new Map<string, TicketView[]>();
  for (const ticket of tickets) {
    const digest = markerOf(ticket.tags, ticket.subject);
    if (digest === undefined || ticket.deleted === true) continue;
    byDigest.set(digest, [...(byDigest.get(digest) ?? []), ticket]);
  }
  return byDigest;
}

/** Most severe first, then oldest, so a storm's worst alerts are ticketed first. */
function raiseOrder(a: Raise, b: Raise): number {
  return (
    SEVERITY_RANK[a.alert.severity] - SEVERITY_RANK[b.alert.severity] ||
    Date.parse(a.alert.createdAt) - Date.parse(b.alert.createdAt) ||
    a.action.key.localeCompare(b.action.key)
  );
}

function deferral(raise: Raise, cap: number): TicketAction[] {
  const { action, alert } = raise;
  const deferred: DeferredAction = {
    kind: "deferred",
    would: action.kind === "create" ? "create" : "reopen",
    key: action.key,
    alertId: alert.id,
    alertUpdatedAt: alert.updatedAt,
    ...(action.kind === "reopen" ? { ticketId: action.ticketId } : {}),
    reason: `over the cap of ${cap} ticket(s) raised per run: ${action.kind === "create" ? "ticket" : `reopening ticket #${action.ticketId}`} waits for the next run (${action.reason})`,
  };
  if (raise.adoptedLink === undefined) return [deferred];
  const adopt: AdoptAction = {
    kind: "adopt",
    key: action.key,
    alertId: raise.adoptedLink.acronisAlertId,
    ticketId: raise.adoptedLink.ninjaTicketId,
    link: raise.adoptedLink,
    reason: adoptionReason(raise.adoptedLink.ninjaTicketId),
  };
  return [adopt, deferred];
}

function countKinds(actions: readonly TicketAction[]): Record<TicketActionKind, number> {
  const counts = Object.fromEntries(KIND_ORDER.map((k) => [k, 0])) as Record<TicketActionKind, number>;
  for (const a of actions) counts[a.kind] += 1;
  return counts;
}

/**
 * Plans one `tickets sync` run from what was read: Acronis alerts updated since the cursor,
 * the links in the state file, and the tickets carrying ninja-bridge markers. Pure: the same
 * input gives the same plan, and re-planning after applying any of its actions gives the rest.
 */
export function planTicketSync(input: TicketSyncInput): TicketSyncPlan {
  const groups = groupAlerts(input.alerts);
  const links = new Map<string, TicketLink>(input.links.map((l) => [l.key, l]));
  const ctx = planContext(input, ticketsByDigest(input.tickets));
  const keys = [...new Set([...groups.keys(), ...links.keys()])].sort();
  const actions: TicketAction[] = [];
  const raises: Raise[] = [];
  for (const key of keys) {
    const facts: KeyFacts = { key, digest: keyDigest(key), alerts: groups.get(key) ?? [], link: links.get(key) };
    const latest = facts.alerts[0];
    const orgId = facts.link?.ninjaOrgId ?? (latest === undefined ? undefined : ctx.mappingFor(latest)?.ninjaOrgId);
    if (orgId !== undefined && input.excludedOrgIds?.has(orgId) === true) {
      // Said once per alert read; a link with no alert this run is left alone silently.
      if (latest !== undefined) actions.push({ kind: "skip", cause: "excluded", key, alertId: latest.id, reason: `organization ${orgId} is excluded from tickets (\`orgs exclude\`)` });
      continue;
    }
    const decision = decideKey(facts, ctx);
    actions.push(...decision.actions);
    if (decision.raise !== undefined) raises.push(decision.raise);
  }
  const cap = input.settings.maxTicketsPerRun;
  raises.sort(raiseOrder);
  raises.forEach((raise, i) => actions.push(...(i < cap ? [raise.action] : deferral(raise, cap))));
  actions.sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || a.key.localeCompare(b.key));
  const deferredTimes = actions.flatMap((a) => (a.kind === "deferred" ? [a.alertUpdatedAt] : []));
  const oldest = deferredTimes.sort((a, b) => Date.parse(a) - Date.parse(b))[0];
  const unmappedTenants = [...new Set(actions.flatMap((a) => (a.kind === "unmapped" ? [a.tenantId] : [])))].sort();
  return { actions, counts: countKinds(actions), unmappedTenants, ...(oldest === undefined ? {} : { holdCursorBefore: oldest }) };
}

/** The actions that change something in NinjaOne, Acronis or the state file. */
export function effectActions(plan: TicketSyncPlan): TicketAction[] {
  return plan.actions.filter((a) => a.kind !== "skip" && a.kind !== "deferred" && a.kind !== "unmapped");
}
