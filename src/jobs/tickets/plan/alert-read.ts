import { nanosToRfc3339, rfc3339ToNanos, type AcronisAlert, type AlertStats } from "../../../clients/acronis/alerts.js";
import { UsageError } from "../../../errors.js";
import type { ReadonlyStateDocument } from "../../../state/index.js";
import { readAfter } from "./alert-cursor.js";
import type { PlanNotice } from "./notices.js";

/**
 * How one run reads Acronis alerts, beyond the cursor itself (alert-cursor.ts). Acronis
 * documents the time filter in nanoseconds, its own example sends microseconds (reference §4),
 * and a server reading the other unit answers every incremental read with nothing. So:
 *  - a stored cursor in the future is clamped to now and said;
 *  - `GET /stats` (active count, last change) is kept: when it moved but the incremental read
 *    found nothing newer than the cursor, the run reads everything instead;
 *  - every `fullReadHours` the run reads everything anyway.
 * And alerts of tenants that could not be placed (unmapped, or their numeric id unknown) do not
 * hold the cursor: holding it for a tenant that is never mapped would re-read everything, every
 * run, forever. Each such tenant gets a "due" entry instead (the oldest unplaced `updatedAt`),
 * and once it can be placed, one read of that tenant alone (`tenant=`, from the beginning)
 * catches up. A full read settles every due entry at once.
 */

/** The state `cursors` entries besides the alert cursor itself. */
export const STATS_CURSOR = "tickets.acronis-alerts.stats";
export const FULL_READ_CURSOR = "tickets.acronis-alerts.full-read";
/** Followed by the tenant's locator (`/1/50/56/`), which names its numeric id and ancestry. */
export const DUE_PREFIX = "tickets.acronis-alerts.due:";

/** How far ahead of our clock a cursor may be (Acronis' clock, not ours, sets it) before it is clamped. */
export const FUTURE_SKEW_SECONDS = 300;

export type AlertReadMode = "first" | "incremental" | "since" | "full";

export interface AlertReadPlan {
  mode: AlertReadMode;
  /** Read alerts updated after this time; undefined reads all. */
  after: string | undefined;
  /** The cursor the run starts from: the stored one, or now when the stored one lay in the future. */
  previous: string | undefined;
  notes: PlanNotice[];
}

export interface AlertReadFacts {
  now: Date;
  /**
   * Acronis' own clock now (its Date header), which the cursor, an Acronis `updatedAt`, is
   * judged against: a service clock ahead of ours is not a cursor in the future. Unset: `now`.
   */
  acronisNow?: Date | undefined;
  cursor: string | undefined;
  /** When the last full read ran (our clock). */
  lastFullRead: string | undefined;
  fullReadHours: number;
  since?: Date;
}

function clamped(cursor: string, now: Date): { previous: string; note?: PlanNotice } {
  const nowNs = BigInt(now.getTime()) * 1_000_000n;
  if (rfc3339ToNanos(cursor) <= nowNs + BigInt(FUTURE_SKEW_SECONDS) * 1_000_000_000n) return { previous: cursor };
  const previous = nanosToRfc3339(nowNs);
  return {
    previous,
    note: { level: "warn", text: `the stored alert cursor ${cursor} lies in the future (Acronis' time now ${now.toISOString()}): reading from now instead, and storing the corrected cursor` },
  };
}

/** Where this run's alert read starts, and why. Pure. */
export function planAlertRead(facts: AlertReadFacts): AlertReadPlan {
  if (facts.cursor === undefined) {
    if (facts.since !== undefined) return { mode: "since", after: facts.since.toISOString(), previous: undefined, notes: [sinceNote(facts.since)] };
    return { mode: "first", after: undefined, previous: undefined, notes: [] };
  }
  const { previous, note } = clamped(facts.cursor, facts.acronisNow ?? facts.now);
  const notes = note === undefined ? [] : [note];
  if (facts.since !== undefined) return { mode: "since", after: facts.since.toISOString(), previous, notes: [...notes, sinceNote(facts.since)] };
  const last = Date.parse(facts.lastFullRead ?? "");
  const due = facts.fullReadHours > 0 && (Number.isNaN(last) || facts.now.getTime() - last >= facts.fullReadHours * 3_600_000);
  if (due) {
    notes.push({ level: "info", text: `reading every Acronis alert, not only the changes (a full read every ${facts.fullReadHours} hour(s); \`tickets config --full-read-hours\`)` });
    return { mode: "full", after: undefined, previous, notes };
  }
  return { mode: "incremental", after: readAfter(previous), previous, notes };
}

function sinceNote(since: Date): PlanNotice {
  return { level: "info", text: `reading Acronis alerts changed since ${since.toISOString()} (--since)` };
}

/** `count@modifiedAt`, as the stats cursor stores them. */
export function statsText(stats: AlertStats): string {
  return `${stats.count}@${stats.modifiedAt ?? ""}`;
}

/**
 * Whether an incremental read missed changes: the stats moved since the last run, yet nothing
 * newer than the cursor came back. A first run with no stats stored cannot tell.
 */
export function missedChanges(stored: string | undefined, stats: AlertStats | undefined, cursor: string | undefined, alerts: readonly Pick<AcronisAlert, "updatedAt">[]): boolean {
  if (stored === undefined || stats === undefined || cursor === undefined || stored === statsText(stats)) return false;
  const floor = rfc3339ToNanos(cursor);
  return !alerts.some((a) => rfc3339ToNanos(a.updatedAt) > floor);
}

/** The due entry an alert's tenant is kept under. */
export function dueName(alert: Pick<AcronisAlert, "tenantId" | "tenantLocator">): string {
  return `${DUE_PREFIX}${alert.tenantLocator ?? `/${alert.tenantId}/`}`;
}

export interface DueTenant {
  name: string;
  tenantId: string;
  tenantLocator: string;
  tenantUuid: null;
  /** The oldest `updatedAt` of its alerts not placed. */
  since: string;
}

/** The tenants with alerts still due, from the state file. */
export function dueTenants(state: ReadonlyStateDocument): DueTenant[] {
  const out: DueTenant[] = [];
  for (const [name, entry] of Object.entries(state.cursors)) {
    if (!name.startsWith(DUE_PREFIX)) continue;
    const locator = name.slice(DUE_PREFIX.length);
    const tenantId = locator.split("/").filter((s) => s !== "").pop();
    if (tenantId !== undefined && /^[0-9]+$/.test(tenantId)) out.push({ name, tenantId, tenantLocator: locator, tenantUuid: null, since: entry.cursor });
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

const RELATIVE = /^(\d+)\s*([mhdw])$/i;
const UNIT_MS: Readonly<Record<string, number>> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** `--since`: an ISO time, or a span back from now such as `90m`, `12h`, `7d`, `2w`. */
export function parseSince(text: string, now: Date): Date {
  const trimmed = text.trim();
  const relative = RELATIVE.exec(trimmed);
  const at = relative !== null ? new Date(now.getTime() - Number(relative[1]) * (UNIT_MS[(relative[2] as string).toLowerCase()] as number)) : /^\d{4}-\d{2}-\d{2}/.test(trimmed) ? new Date(trimmed) : undefined;
  if (at === undefined || Number.isNaN(at.getTime())) {
    throw new UsageError(`--since must be an ISO time (2026-03-01T00:00:00Z) or a span back from now (90m, 12h, 7d, 2w), not "${text}"`);
  }
  if (at.getTime() > now.getTime()) throw new UsageError(`--since ${text} lies in the future`);
  return at;
}
