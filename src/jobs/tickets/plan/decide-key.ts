import { plural } from "../../../plural.js";
import { alertIdKey, markerTags, sameAlertId, workloadIdOf } from "./alert-key.js";
import { matchDevice } from "./match-device.js";
import type { PlanContext, Resolution } from "./plan-context.js";
import { alertTypeLabel, PRIORITY_FROM_ALERT, reopenComment, resolveComment, SEVERITY_FROM_ALERT, ticketDescription, ticketSubject } from "./ticket-content.js";
import { hasReached, statusCategory } from "./ticket-status.js";
import type { CreateAction, ReopenAction, TicketAction, TicketAlert, TicketLink, TicketStatusInfo, TicketView } from "./types.js";

/** A create or reopen: raising tickets is what the per-run cap limits. */
export interface Raise {
  action: CreateAction | ReopenAction;
  alert: TicketAlert;
  /** The link adopted on the way, to record on its own when the raise is deferred. */
  adoptedLink?: TicketLink;
}

export interface KeyDecision {
  actions: TicketAction[];
  raise?: Raise;
}

/** Everything known about one alert key. `alerts` newest `updatedAt` first, ids as Acronis gave them. */
export interface KeyFacts {
  key: string;
  digest: string;
  alerts: readonly TicketAlert[];
  link: TicketLink | undefined;
}

const isoFromEpoch = (seconds: number | undefined): string | undefined =>
  seconds === undefined ? undefined : new Date(Math.round(seconds * 1000)).toISOString();

function withoutUndefined(link: TicketLink): TicketLink {
  const out = { ...link };
  if (out.resolvedAt === undefined) {
    delete out.resolvedAt;
    delete out.resolvedClock;
  }
  if (out.clearedAt === undefined) delete out.clearedAt;
  return out;
}

/** The newest ticket carrying the key's marker, when it is newer than the linked one (ids only grow). */
function ticketToAdopt(facts: KeyFacts, ctx: PlanContext): TicketView | undefined {
  const marked = ctx.ticketsByDigest.get(facts.digest) ?? [];
  const newest = marked.reduce<TicketView | undefined>((best, t) => (best === undefined || t.id > best.id ? t : best), undefined);
  if (newest === undefined) return undefined;
  return facts.link === undefined || newest.id > facts.link.ninjaTicketId ? newest : undefined;
}

/**
 * The link an earlier run would have saved for a ticket it raised. The alert counts as active
 * (the ticket was raised for it); the rules then see what happened since, as for any link.
 */
function adoptedLink(ticket: TicketView, alert: TicketAlert, key: string, ctx: PlanContext): TicketLink {
  const status = statusCategory(ticket.status, ctx.statuses);
  return withoutUndefined({
    key,
    acronisAlertId: alert.id,
    acronisTenantId: alert.tenantId,
    alertType: alert.type,
    workloadId: workloadIdOf(alert),
    ninjaOrgId: ticket.clientId,
    ninjaTicketId: ticket.id,
    status,
    alertState: "active",
    createdAt: isoFromEpoch(ticket.createTime) ?? ctx.nowIso,
    updatedAt: ctx.nowIso,
    ...keptIfResolved(status, ctx.resolutionNow(ticket.lastUpdated)),
  });
}

/** A link keeps its resolution time (and whose clock read it) only while the ticket stays resolved. */
function keptIfResolved(status: "open" | "resolved", resolution: Resolution | undefined): Pick<TicketLink, "resolvedAt" | "resolvedClock"> {
  return status === "resolved" && resolution !== undefined ? { resolvedAt: resolution.at, resolvedClock: resolution.clock } : { resolvedAt: undefined, resolvedClock: undefined };
}

/** The resolution a link recorded; links of earlier versions read it on the local clock. */
function recordedResolution(link: TicketLink): Resolution {
  return { at: link.resolvedAt ?? link.updatedAt, clock: link.resolvedClock ?? "local" };
}

function sameLink(a: TicketLink, b: TicketLink): boolean {
  return (
    a.acronisAlertId === b.acronisAlertId &&
    a.ninjaTicketId === b.ninjaTicketId &&
    a.status === b.status &&
    a.alertState === b.alertState &&
    a.resolvedAt === b.resolvedAt &&
    a.clearedAt === b.clearedAt
  );
}

class KeyPlanner {
  private readonly link: TicketLink | undefined;
  private readonly adopted: boolean;
  private readonly active: TicketAlert | undefined;
  private readonly latest: TicketAlert | undefined;

  constructor(
    private readonly facts: KeyFacts,
    private readonly ctx: PlanContext,
  ) {
    this.active = facts.alerts.find((a) => a.dismissedAt === undefined);
    this.latest = this.active ?? facts.alerts[0];
    const ticket = this.latest !== undefined && (facts.link !== undefined || ctx.ruleFor(this.latest.type) !== undefined) ? ticketToAdopt(facts, ctx) : undefined;
    this.adopted = ticket !== undefined && this.latest !== undefined;
    this.link = ticket !== undefined && this.latest !== undefined ? adoptedLink(ticket, this.latest, facts.key, ctx) : facts.link;
  }

  decide(): KeyDecision {
    const link = this.link;
    if (link === undefined) return this.withoutLink();
    const ticket = this.ctx.ticketById.get(link.ninjaTicketId);
    if (ticket === undefined) return this.ticketGone(link);
    const status = statusCategory(ticket.status, this.ctx.statuses);
    // When the ticket was resolved: as recorded, else now that it is first seen resolved.
    const resolvedAt = link.status === "resolved" ? recordedResolution(link) : status === "resolved" ? this.ctx.resolutionNow(ticket.lastUpdated) : undefined;
    const reached = this.ctx.clearStatus !== undefined && hasReached(ticket, this.ctx.clearStatus, this.ctx.statuses);
    if (this.active !== undefined) return this.alertActive(link, ticket, this.active, status, resolvedAt, reached);
    const cleared = this.facts.alerts.find((a) => sameAlertId(a.id, link.acronisAlertId));
    if (cleared !== undefined && link.alertState === "active") return this.alertCleared(link, ticket, cleared, status, resolvedAt);
    if (reached && link.alertState === "active") {
      return this.clearAlert(link, ticket, status, resolvedAt, `ticket #${ticket.id} reached the status "${this.ctx.clearStatus?.name}"`);
    }
    return this.track(link, { ...link, status, ...keptIfResolved(status, resolvedAt) }, describeTicketChange(link, ticket.id, status));
  }

  /** No ticket for this key yet. */
  private withoutLink(): KeyDecision {
    const alert = this.latest;
    if (alert === undefined) return { actions: [] };
    if (this.active === undefined) {
      if (this.ctx.ruleFor(alert.type) === undefined) return { actions: [] };
      return {
        actions: [
          {
            kind: "skip",
            cause: "cleared-before-ticket",
            key: this.facts.key,
            alertId: alert.id,
            reason: `${alertTypeLabel(alert.type)} alert ${alert.id} cleared before a ticket was raised`,
          },
        ],
      };
    }
    return this.raiseNew(this.active, undefined, "new alert");
  }

  /** The linked ticket is deleted or no longer listed: never recreated for the same raise. */
  private ticketGone(link: TicketLink): KeyDecision {
    const alert = this.active;
    if (alert !== undefined && (link.alertState === "cleared" || (link.status === "resolved" && this.ctx.sinceResolution(alert, recordedResolution(link)).after))) {
      return this.raiseNew(alert, link.ninjaTicketId, `alert raised again and its earlier ticket #${link.ninjaTicketId} no longer exists in NinjaOne`);
    }
    if (link.alertState !== "active") return { actions: [] };
    return {
      actions: [
        {
          kind: "skip",
          cause: "ticket-gone",
          key: this.facts.key,
          alertId: link.acronisAlertId,
          ticketId: link.ninjaTicketId,
          reason: `ticket #${link.ninjaTicketId} no longer exists in NinjaOne (deleted?); not recreated while alert ${link.acronisAlertId} stays raised`,
        },
      ],
    };
  }

  private alertActive(link: TicketLink, ticket: TicketView, alert: TicketAlert, status: "open" | "resolved", resolvedAt: Resolution | undefined, reached: boolean): KeyDecision {
    // Times from one clock only: the alert's update on Acronis' clock against the resolution read on it too.
    const since = resolvedAt === undefined ? undefined : this.ctx.sinceResolution(alert, resolvedAt);
    // Acronis signals a returning condition by updating the alert (same id) or raising a new one.
    const raisedAgain = link.alertState === "cleared" || (status === "resolved" && since?.after === true);
    if (status === "resolved" && raisedAgain && resolvedAt !== undefined && since !== undefined) {
      if (this.ctx.ruleFor(alert.type) === undefined) {
        const reason = `${alert.type} alerts no longer become tickets; ticket #${ticket.id} stays resolved`;
        return { actions: [{ kind: "skip", cause: "type-not-selected", key: this.facts.key, alertId: alert.id, ticketId: ticket.id, reason }] };
      }
      const days = this.ctx.settings.reopen.windowDays;
      const target = this.ctx.reopenStatus;
      if (target !== undefined && since.ms <= this.ctx.windowMs) {
        return this.reopen(link, ticket, alert, resolvedAt.at, target, `alert raised again within ${plural(days, "day")} of ticket #${ticket.id} being resolved, ${since.clock}`);
      }
      const why = target === undefined ? "reopening is off" : `more than ${plural(days, "day")} after ticket #${ticket.id} was resolved, ${since.clock}`;
      return this.raiseNew(alert, ticket.id, `alert raised again ${why}`);
    }
    if (reached && !raisedAgain) return this.clearAlert(link, ticket, status, resolvedAt, `ticket #${ticket.id} reached the status "${this.ctx.clearStatus?.name}"`);
    const next: TicketLink = {
      ...link,
      acronisAlertId: alert.id,
      alertState: "active",
      status,
      ...keptIfResolved(status, resolvedAt),
      clearedAt: raisedAgain ? undefined : link.clearedAt,
    };
    const reasons: string[] = [];
    if (link.alertState === "cleared") reasons.push(`alert raised again while ticket #${ticket.id} is still open`);
    else if (!sameAlertId(alert.id, link.acronisAlertId)) reasons.push(`the condition is now reported as alert ${alert.id}`);
    else if (alert.id !== link.acronisAlertId) reasons.push(`alert ${alert.id} recorded as Acronis spells its id`);
    if (status === "resolved" && link.status === "open") {
      reasons.push(`ticket #${ticket.id} was resolved in NinjaOne while the alert is still active; the alert is left as it is`);
    } else if (status !== link.status) {
      reasons.push(describeTicketChange(link, ticket.id, status));
    }
    return this.track(link, next, reasons.join("; "));
  }

  private alertCleared(link: TicketLink, ticket: TicketView, alert: TicketAlert, status: "open" | "resolved", resolvedAt: Resolution | undefined): KeyDecision {
    const clearedAt = alert.dismissedAt ?? this.ctx.nowIso;
    if (status === "open" && this.ctx.resolveStatus !== undefined) {
      const target = this.ctx.resolveStatus;
      const after = statusCategory({ statusId: target.statusId, parentId: target.parentId }, this.ctx.statuses);
      return this.single({
        kind: "resolve",
        key: this.facts.key,
        alertId: alert.id,
        ticketId: ticket.id,
        ticketVersion: ticket.version,
        status: String(target.statusId),
        comment: resolveComment(alert, clearedAt),
        adopted: this.adopted,
        link: withoutUndefined({
          ...link,
          status: after,
          alertState: "cleared",
          clearedAt,
          ...keptIfResolved(after, this.ctx.resolutionNow()),
          updatedAt: this.ctx.nowIso,
        }),
        reason: `${this.adoptedPrefix()}alert ${alert.id} cleared in Acronis; set ticket #${ticket.id} to "${target.name}"`,
      });
    }
    const why = status === "resolved" ? `ticket #${ticket.id} is already resolved` : "resolving tickets is off";
    const next: TicketLink = { ...link, alertState: "cleared", clearedAt, status, ...keptIfResolved(status, resolvedAt) };
    return this.track(link, next, `alert ${alert.id} cleared in Acronis; ${why}`);
  }

  private clearAlert(link: TicketLink, ticket: TicketView, status: "open" | "resolved", resolvedAt: Resolution | undefined, why: string): KeyDecision {
    // The spelling just read wins over the stored one (older state files kept ids upper-cased).
    const byKey = new Map<string, string>([[alertIdKey(link.acronisAlertId), link.acronisAlertId]]);
    for (const a of this.facts.alerts) if (a.dismissedAt === undefined || byKey.has(alertIdKey(a.id))) byKey.set(alertIdKey(a.id), a.id);
    const alertIds = [...byKey.values()];
    return this.single({
      kind: "clear-alert",
      key: this.facts.key,
      alertIds,
      tenantId: link.acronisTenantId,
      ticketId: ticket.id,
      adopted: this.adopted,
      link: withoutUndefined({ ...link, alertState: "cleared", clearedAt: this.ctx.nowIso, status, ...keptIfResolved(status, resolvedAt), updatedAt: this.ctx.nowIso }),
      reason: `${this.adoptedPrefix()}${why}; dismiss alert ${alertIds.join(", ")} in Acronis`,
    });
  }

  private reopen(link: TicketLink, ticket: TicketView, alert: TicketAlert, resolvedAt: string, target: TicketStatusInfo, why: string): KeyDecision {
    const action: ReopenAction = {
      kind: "reopen",
      key: this.facts.key,
      alertId: alert.id,
      ticketId: ticket.id,
      ticketVersion: ticket.version,
      status: String(target.statusId),
      comment: reopenComment(alert, resolvedAt),
      adopted: this.adopted,
      link: withoutUndefined({ ...link, acronisAlertId: alert.id, status: "open", alertState: "active", resolvedAt: undefined, resolvedClock: undefined, clearedAt: undefined, updatedAt: this.ctx.nowIso }),
      reason: `${this.adoptedPrefix()}${why}; reopen it as "${target.name}" with a comment`,
    };
    return { actions: [], raise: { action, alert, ...(this.adopted ? { adoptedLink: link } : {}) } };
  }

  /** A new ticket: only for selected types, with creation on, for a mapped customer. */
  private raiseNew(alert: TicketAlert, previousTicketId: number | undefined, why: string): KeyDecision {
    const key = this.facts.key;
    const rule = this.ctx.ruleFor(alert.type);
    if (rule === undefined) {
      const reason = `${alert.type} alerts do not become tickets (not selected in tickets config)`;
      return { actions: [{ kind: "skip", cause: "type-not-selected", key, alertId: alert.id, reason }] };
    }
    if (!this.ctx.settings.createTickets.enabled) {
      return { actions: [{ kind: "skip", cause: "creation-off", key, alertId: alert.id, reason: `${why}, but creating tickets is off` }] };
    }
    const mapping = this.ctx.mappingFor(alert);
    if (mapping === undefined) {
      const reason = `Acronis tenant ${alert.tenantId} is not mapped to a NinjaOne organization`;
      return { actions: [{ kind: "unmapped", key, alertId: alert.id, tenantId: alert.tenantId, reason }] };
    }
    const device = matchDevice(alert.workload, mapping.ninjaOrgId, this.ctx.devices);
    const status = this.ctx.newTicketStatus(rule);
    const action: CreateAction = {
      kind: "create",
      key,
      alertId: alert.id,
      tenantId: alert.tenantId,
      ninjaOrgId: mapping.ninjaOrgId,
      ticket: {
        clientId: mapping.ninjaOrgId,
        ticketFormId: this.ctx.newTicketForm(),
        subject: ticketSubject(alert, key),
        status: String(status.statusId),
        type: rule.type ?? this.ctx.settings.defaults.type,
        priority: rule.priority ?? PRIORITY_FROM_ALERT[alert.severity],
        severity: rule.severity ?? SEVERITY_FROM_ALERT[alert.severity],
        ...(device === undefined ? {} : { nodeId: device.id }),
        description: ticketDescription(alert, { key, tenantName: mapping.acronisTenantName, consoleUrl: this.ctx.consoleUrl }),
        tags: markerTags(key),
      },
      ...(previousTicketId === undefined ? {} : { previousTicketId }),
      link: {
        key,
        acronisAlertId: alert.id,
        acronisTenantId: alert.tenantId,
        alertType: alert.type,
        workloadId: workloadIdOf(alert),
        ninjaOrgId: mapping.ninjaOrgId,
        status: statusCategory({ statusId: status.statusId, parentId: status.parentId }, this.ctx.statuses),
        alertState: "active",
        createdAt: this.ctx.nowIso,
        updatedAt: this.ctx.nowIso,
      },
      reason: `${why}: ticket for ${mapping.ninjaOrgName}${device === undefined ? "" : ` on device ${device.id}`}`,
    };
    const adoptedLink = this.adopted ? this.link : undefined;
    return { actions: [], raise: { action, alert, ...(adoptedLink === undefined ? {} : { adoptedLink }) } };
  }

  /** Store `next` when it differs from the stored link; an adoption is stored even when nothing else changed. */
  private track(link: TicketLink, next: TicketLink, reason: string): KeyDecision {
    const stored = withoutUndefined({ ...next, updatedAt: this.ctx.nowIso });
    if (this.adopted) {
      const changed = !sameLink(link, stored);
      return this.single(
        changed
          ? { kind: "record", key: this.facts.key, ticketId: link.ninjaTicketId, adopted: true, link: stored, reason: `${this.adoptedPrefix()}${reason}` }
          : { kind: "adopt", key: this.facts.key, alertId: link.acronisAlertId, ticketId: link.ninjaTicketId, link: stored, reason: adoptionReason(link.ninjaTicketId) },
      );
    }
    if (sameLink(link, stored)) return { actions: [] };
    return this.single({ kind: "record", key: this.facts.key, ticketId: link.ninjaTicketId, adopted: false, link: stored, reason });
  }

  private adoptedPrefix(): string {
    return this.adopted && this.link !== undefined ? `${adoptionReason(this.link.ninjaTicketId)}; ` : "";
  }

  private single(action: TicketAction): KeyDecision {
    return { actions: [action] };
  }
}

export function adoptionReason(ticketId: number): string {
  return `ticket #${ticketId} already carries this alert's marker but had no link (an earlier run stopped before saving it): adopt it`;
}

function describeTicketChange(link: TicketLink, ticketId: number, status: "open" | "resolved"): string {
  if (status === link.status) return "";
  return status === "resolved" ? `ticket #${ticketId} was resolved in NinjaOne` : `ticket #${ticketId} was reopened in NinjaOne`;
}

/** The actions for one alert key: at most one that changes anything, so any subset can be applied and re-planned. */
export function decideKey(facts: KeyFacts, ctx: PlanContext): KeyDecision {
  return new KeyPlanner(facts, ctx).decide();
}
