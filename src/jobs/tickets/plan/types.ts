import type { NinjaDevice } from "../../shared/devices/device.js";
import type { NinjaTicketPriority, NinjaTicketSeverity, NinjaTicketType, TicketSettings } from "./ticket-settings.js";

export type AcronisSeverity = "ok" | "information" | "warning" | "error" | "critical";

/**
 * An Acronis alert as the reader hands it over: the alert view turned into plain fields.
 * `dismissedAt` is the view's `deletedAt`: set when the alert was cleared (by a user, by us or
 * automatically). Times are RFC3339 as Acronis sends them (nanoseconds allowed).
 */
export interface TicketAlert {
  /** As Acronis gave it: compared case-insensitively (`sameAlertId`), sent back exactly. */
  id: string;
  type: string;
  category?: string;
  severity: AcronisSeverity;
  /** The numeric tenant id alerts carry (`tenant.id`). */
  tenantId: string;
  /** `tenant.uuid` when the view carries it. */
  tenantUuid?: string;
  /**
   * `details.resourceId` / `details.resourceName`, and the workload's serial number when the
   * reader knows it. Alerts carry no serial (reference §4; workloads rarely do, §5), so the
   * alert read leaves it unset and the device is found by host name.
   */
  workload?: { id?: string; name?: string; serial?: string };
  /** `details.planId` / `details.planName`. */
  plan?: { id?: string; name?: string };
  /** The alert's own words (`details.errorMessage`, `description`, `title`…). */
  message?: string;
  /** Other scalar details worth showing to a technician (e.g. daysPassed, threatName). */
  extra?: Readonly<Record<string, string | number | boolean>>;
  createdAt: string;
  updatedAt: string;
  dismissedAt?: string;
}

/** An Acronis customer tenant mapped to a NinjaOne organization (state `mappings.acronis`). */
export interface TicketTenantMapping {
  /** The tenant UUID the Account API uses. */
  acronisTenantId: string;
  /** The numeric id alerts carry, when the reader knows it. */
  acronisNumericTenantId?: string;
  acronisTenantName?: string;
  ninjaOrgId: number;
  ninjaOrgName: string;
}

/** A NinjaOne device of a mapped organization, for finding the alert's machine: the shared matcher's view. */
export type TicketDevice = NinjaDevice;

/** A NinjaOne ticket status from `GET /v2/ticketing/statuses`. */
export interface TicketStatusInfo {
  statusId: number;
  name: string;
  parentId: number;
}

/**
 * A NinjaOne ticket as a board run shows it: linked tickets and those carrying a ninja-bridge
 * marker. A linked ticket missing from the list, or `deleted`, is gone.
 */
export interface TicketView {
  id: number;
  version?: number;
  clientId: number;
  nodeId?: number;
  status: { statusId: number; parentId?: number };
  tags: readonly string[];
  /** The marker is in the subject too. */
  subject?: string;
  /** Epoch seconds. */
  createTime?: number;
  /** Epoch seconds; for a ticket seen resolved for the first time, when that happened. */
  lastUpdated?: number;
  deleted?: boolean;
}

/**
 * The state file's record of one alert key and its ticket: the last state both sides agreed
 * on, so each run compares Acronis and NinjaOne against it (bisync) instead of trusting either.
 */
export interface TicketLink {
  /** The alert key (tenant, type, workload); the state keys links by it. */
  key: string;
  /** The latest alert id raised under this key. */
  acronisAlertId: string;
  acronisTenantId: string;
  alertType: string;
  /** Resource, plan, or "tenant" for tenant-wide alerts. */
  workloadId: string;
  ninjaOrgId: number;
  ninjaTicketId: number;
  /** The ticket: open (any open status) or resolved (RESOLVED, CLOSED or a child of them). */
  status: "open" | "resolved";
  alertState: "active" | "cleared";
  createdAt: string;
  updatedAt: string;
  resolvedAt?: string;
  /** Whose clock `resolvedAt` was read on; absent: the local one (links of earlier versions). */
  resolvedClock?: "acronis" | "local";
  clearedAt?: string;
}

export interface TicketSyncInput {
  now: Date;
  /**
   * Each service's own clock at `now`, from the Date header of its answers (undefined when it
   * sent none): the reopen window compares times read on one service's clock, never a
   * service's time against the local clock.
   */
  serviceNow?: { acronis?: Date | undefined; ninjaone?: Date | undefined };
  /** Organizations left out of tickets (`orgs exclude`): their alerts are skipped, their tickets left alone. */
  excludedOrgIds?: ReadonlySet<number>;
  settings: TicketSettings;
  /** The form NinjaOne marks `default: true`, used when the settings name none. */
  defaultTicketFormId?: number;
  statuses: readonly TicketStatusInfo[];
  /** Alerts updated since the cursor, dismissed ones included (`show_deleted=true`). */
  alerts: readonly TicketAlert[];
  mappings: readonly TicketTenantMapping[];
  devices: readonly TicketDevice[];
  links: readonly TicketLink[];
  tickets: readonly TicketView[];
  /** Acronis console address, shown in ticket bodies. */
  acronisConsoleUrl?: string;
}

export interface TicketDescription {
  public: boolean;
  body: string;
  htmlBody: string;
}

/** The create request body (NewTicket): field names exactly as NinjaOne spells them. */
export interface NewTicketBody {
  clientId: number;
  ticketFormId: number;
  subject: string;
  /** A status id as a string, as the API expects. */
  status: string;
  type: NinjaTicketType;
  priority: NinjaTicketPriority;
  severity: NinjaTicketSeverity;
  nodeId?: number;
  description: TicketDescription;
  tags: string[];
}

interface ActionBase {
  key: string;
  reason: string;
}

/** Create a ticket, then store `link` with the new ticket's id. */
export interface CreateAction extends ActionBase {
  kind: "create";
  alertId: string;
  tenantId: string;
  ninjaOrgId: number;
  ticket: NewTicketBody;
  /** The ticket this one follows (resolved outside the reopen window, or gone). */
  previousTicketId?: number;
  link: Omit<TicketLink, "ninjaTicketId">;
}

/** Record a link to a ticket that already carries the alert's marker (an earlier run stopped before saving it). */
export interface AdoptAction extends ActionBase {
  kind: "adopt";
  alertId: string;
  ticketId: number;
  link: TicketLink;
}

/** Set the ticket's status (GET, change status, PUT with the version read), add the comment, store `link`. */
interface StatusChangeBase extends ActionBase {
  alertId: string;
  ticketId: number;
  /** As seen when planning; the applier re-reads before its PUT. */
  ticketVersion?: number;
  /** A status id as a string. */
  status: string;
  comment: TicketDescription;
  /** The ticket had no link yet and is adopted by this action. */
  adopted: boolean;
  link: TicketLink;
}

/** Reopen a resolved ticket whose alert returned within the window. */
export interface ReopenAction extends StatusChangeBase {
  kind: "reopen";
}

/** Set the chosen status on a ticket whose alert cleared. */
export interface ResolveAction extends StatusChangeBase {
  kind: "resolve";
}

export type StatusChangeAction = ReopenAction | ResolveAction;

/** Dismiss the alerts in Acronis (explicit ids, as Acronis gave them), store `link`. */
export interface ClearAlertAction extends ActionBase {
  kind: "clear-alert";
  alertIds: string[];
  tenantId: string;
  ticketId: number;
  adopted: boolean;
  link: TicketLink;
}

/** No API call: store what NinjaOne or Acronis now shows in `link`. */
export interface RecordAction extends ActionBase {
  kind: "record";
  ticketId: number;
  adopted: boolean;
  link: TicketLink;
}

export type SkipCause = "type-not-selected" | "creation-off" | "cleared-before-ticket" | "ticket-gone" | "excluded";

export interface SkipAction extends ActionBase {
  kind: "skip";
  cause: SkipCause;
  alertId?: string;
  ticketId?: number;
}

/** Over the per-run cap: left for the next run; the cursor must stay before `alertUpdatedAt`. */
export interface DeferredAction extends ActionBase {
  kind: "deferred";
  would: "create" | "reopen";
  alertId: string;
  alertUpdatedAt: string;
  ticketId?: number;
}

/** The alert's customer is not mapped to a NinjaOne organization: counted, not ticketed. */
export interface UnmappedAction extends ActionBase {
  kind: "unmapped";
  alertId: string;
  tenantId: string;
}

export type EffectAction = CreateAction | AdoptAction | StatusChangeAction | ClearAlertAction | RecordAction;
export type TicketAction = EffectAction | SkipAction | DeferredAction | UnmappedAction;
export type TicketActionKind = TicketAction["kind"];

export interface TicketSyncPlan {
  actions: TicketAction[];
  counts: Record<TicketActionKind, number>;
  /** Distinct unmapped Acronis tenant ids that had alerts to ticket. */
  unmappedTenants: string[];
  /**
   * The oldest `updatedAt` among deferred alerts: the next cursor must not pass it, or the
   * deferred alerts would never be read again.
   */
  holdCursorBefore?: string;
}
