import { z } from "zod";
import { BridgeError, NotFoundError } from "../../errors.js";
import type { HttpClient } from "../../http/index.js";
import { checkLimit, cursorItems } from "./paging.js";

/** An Acronis alert (Alert Manager `AlertView`, reference §4), reduced to what tickets read. */
export interface AcronisAlert {
  /** Upper or lower case as Acronis sent it: compare case-insensitively, send back exactly as given. */
  id: string;
  type: string;
  category: string;
  severity: string;
  /** Type-specific: planId, planName, resourceId, resourceName, errorMessage, title… */
  details: Record<string, unknown>;
  /** RFC3339, up to nine fractional digits. */
  createdAt: string;
  updatedAt: string;
  /** Set once the alert was dismissed. */
  deletedAt: string | null;
  /** The numeric legacy tenant id ("56"), not the Account API's UUID. */
  tenantId: string;
  /** The numeric ancestry, e.g. "/1/50/53/56/". */
  tenantLocator: string | null;
  /** The tenant UUID, when the view carries it (not always: reference §4). */
  tenantUuid: string | null;
}

export interface ListAlertsOptions {
  /** Only alerts whose `updatedAt` is after this RFC3339 time (raised or dismissed since). */
  updatedAfter?: string;
  /** Include dismissed alerts. Default false, as the API's own default. */
  showDeleted?: boolean;
  /** Only alerts of this numeric tenant id (`tenant=`). */
  tenant?: string;
  /** Alerts per request; default 1000. */
  limit?: number;
}

const ALERTS = "/api/alert_manager/v1/alerts";
/**
 * Cursor paging follows `paging.cursors.after`, not page lengths, so a server that caps pages
 * below this costs requests, never alerts. 1000 is the page every known client asks NinjaOne
 * for, well under Acronis' documented list defaults (tenants 5000, users 2000).
 */
const DEFAULT_LIMIT = 1000;

const alertSchema = z.object({
  id: z.string().min(1),
  type: z.string().min(1),
  category: z.string().nullish(),
  severity: z.string(),
  details: z.record(z.string(), z.unknown()).nullish(),
  createdAt: z.string(),
  updatedAt: z.string(),
  deletedAt: z.string().nullish(),
  tenant: z.object({
    // Documented as a string; a number is accepted so a JSON encoder's choice cannot break the read.
    id: z.union([z.string(), z.number()]).transform(String),
    locator: z.string().nullish(),
    uuid: z.string().nullish(),
  }),
});
type AlertBody = z.infer<typeof alertSchema>;

const RFC3339 = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/;

/**
 * RFC3339 (with up to nine fractional digits) as UNIX nanoseconds, the unit of the alert time
 * filters. Built with BigInt: 10^18-scale values are beyond JavaScript's safe integers.
 */
export function rfc3339ToNanos(time: string): bigint {
  const match = RFC3339.exec(time.trim());
  const seconds = match?.[1] === undefined ? Number.NaN : Date.parse(`${match[1]}${match[3]}`);
  if (match === null || Number.isNaN(seconds)) throw new RangeError(`not an RFC3339 time: ${JSON.stringify(time)}`);
  const fraction = BigInt((match[2] ?? "").padEnd(9, "0"));
  return BigInt(seconds) * 1_000_000n + fraction;
}

/** UNIX nanoseconds back to RFC3339 with nine fractional digits, in UTC. */
export function nanosToRfc3339(ns: bigint): string {
  const seconds = ns / 1_000_000_000n;
  const fraction = (ns % 1_000_000_000n).toString().padStart(9, "0");
  return `${new Date(Number(seconds) * 1000).toISOString().slice(0, 19)}.${fraction}Z`;
}

function toAlert(body: AlertBody): AcronisAlert {
  return {
    id: body.id,
    type: body.type,
    category: body.category ?? "",
    severity: body.severity,
    details: body.details ?? {},
    createdAt: body.createdAt,
    updatedAt: body.updatedAt,
    deletedAt: body.deletedAt ?? null,
    tenantId: body.tenant.id,
    tenantLocator: body.tenant.locator ?? null,
    tenantUuid: body.tenant.uuid ?? null,
  };
}

/**
 * Alerts in the API client's scope, oldest change first, cursor-paged. `updatedAfter` becomes
 * `updated_at=gt(<ns>)`, which also catches dismissals (they move `updatedAt`).
 */
export async function* listAlerts(http: HttpClient, options: ListAlertsOptions = {}): AsyncGenerator<AcronisAlert> {
  const limit = checkLimit(options.limit ?? DEFAULT_LIMIT);
  const query = {
    updated_at: options.updatedAfter === undefined ? undefined : `gt(${rfc3339ToNanos(options.updatedAfter)})`,
    show_deleted: options.showDeleted === true ? true : undefined,
    tenant: options.tenant,
    order: "asc(updated_at)",
  };
  for await (const body of cursorItems(http, ALERTS, query, limit, alertSchema)) yield toAlert(body);
}

/** One alert by id, dismissed ones included; undefined when Acronis answers 404. */
export async function getAlert(http: HttpClient, alertId: string): Promise<AcronisAlert | undefined> {
  try {
    return toAlert(await http.request({ method: "GET", path: `${ALERTS}/${encodeURIComponent(alertId)}`, query: { show_deleted: true }, schema: alertSchema }));
  } catch (error) {
    if (error instanceof NotFoundError) return undefined;
    throw error;
  }
}

/**
 * Dismisses one alert (`DELETE /alerts/{id}`, never the unfiltered bulk form, which dismisses
 * everything), with the id exactly as Acronis gave it: nothing says the server folds case.
 * A 404 is not taken as "already gone" on trust: a dismissed alert also answers 404 (the
 * delete does not see dismissed alerts), so the alert is read back with `show_deleted`, and
 * only one shown dismissed counts. Any other 404 is an error: an id the server does not know
 * as sent, which would otherwise lose the dismissal silently.
 */
export async function dismissAlert(http: HttpClient, alertId: string): Promise<"dismissed" | "already-dismissed"> {
  try {
    await http.request({ method: "DELETE", path: `${ALERTS}/${encodeURIComponent(alertId)}`, expectedStatus: [200, 204] });
    return "dismissed";
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
  }
  const seen = await getAlert(http, alertId);
  if (seen?.deletedAt !== null && seen?.deletedAt !== undefined) return "already-dismissed";
  const why = seen === undefined ? "and does not know it either when read with show_deleted" : "but still shows it active";
  // The apply loop reports the message alone, so it says what to do too.
  throw new BridgeError(`Acronis answered 404 to dismissing alert ${alertId} ${why}: not counted as dismissed; dismiss it in the Acronis console`);
}

const statsSchema = z.object({ count: z.number().int().nonnegative(), modifiedAt: z.string().nullish() });

/** Active alerts and the time of the last change (`GET /stats`), a cheap "did anything move" check. */
export interface AlertStats {
  count: number;
  modifiedAt: string | null;
}

export async function alertStats(http: HttpClient): Promise<AlertStats> {
  const body = await http.request({ method: "GET", path: "/api/alert_manager/v1/stats", schema: statsSchema });
  return { count: body.count, modifiedAt: body.modifiedAt ?? null };
}

/**
 * The operating systems `GET /types` is asked about: `os_type` is required (reference §4) and
 * each type lists the systems it supports, so the union over these is the whole catalogue.
 */
const TYPE_OS = ["windows", "linux", "macos"] as const;
const typesSchema = z.object({ items: z.array(z.object({ id: z.string().min(1), category: z.string().nullish() })) });

/** The alert type ids Alert Manager knows (`GET /types`, one read per operating system), sorted. */
export async function listAlertTypes(http: HttpClient): Promise<string[]> {
  const ids = new Set<string>();
  for (const os of TYPE_OS) {
    const body = await http.request({ method: "GET", path: "/api/alert_manager/v1/types", query: { os_type: os }, schema: typesSchema });
    for (const item of body.items) ids.add(item.id);
  }
  return [...ids].sort();
}
