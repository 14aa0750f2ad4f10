import type { TicketAlert } from "./types.js";
import { shortSha256 } from "../../shared/short-hash.js";

/** Tenant-wide alerts (quota, say) name no resource or plan; they share this workload id. */
export const TENANT_WIDE = "tenant";

/** The tag every ticket raised by ninja-bridge carries, so one board search finds them all. */
export const BRIDGE_TAG = "ninja-bridge";
const MARKER_PREFIX = "ninja-bridge:alert:";
const MARKER_PATTERN = /^ninja-bridge:alert:([0-9a-f]{24})$/;

/**
 * Alert ids come in upper or lower case (reference §4). They are compared on our side through
 * this folded form only; every id sent back to Acronis keeps the spelling Acronis gave it.
 */
export function alertIdKey(id: string): string {
  return id.trim().toUpperCase();
}

export function sameAlertId(a: string, b: string): boolean {
  return alertIdKey(a) === alertIdKey(b);
}

/** The workload an alert is about: its resource, else its plan, else the tenant itself. */
export function workloadIdOf(alert: Pick<TicketAlert, "workload" | "plan">): string {
  const id = alert.workload?.id?.trim() || alert.plan?.id?.trim();
  return id === undefined || id === "" ? TENANT_WIDE : id.toLowerCase();
}

/**
 * The alert key: the same condition on the same workload of the same customer, whatever alert
 * id Acronis gives it. Parts are percent-encoded so a "/" inside a CTI type id cannot make two
 * keys collide.
 */
export function alertKey(alert: Pick<TicketAlert, "tenantId" | "type" | "workload" | "plan">): string {
  return [alert.tenantId.trim(), alert.type, workloadIdOf(alert)].map(encodeURIComponent).join("/");
}

/** A short, fixed-length digest of a key: tags stay within any length limit and need no escaping. */
export function keyDigest(key: string): string {
  return shortSha256(key, 24);
}

/**
 * The tags a ticket carries. The marker is the digest of the alert key, not the alert id: a
 * condition that returns under a new id must find the same ticket, and the description (where
 * the readable key is written too) is a log entry that board runs do not show, while tags are.
 */
export function markerTags(key: string): string[] {
  return [BRIDGE_TAG, `${MARKER_PREFIX}${keyDigest(key)}`];
}

/** The marker tag alone, e.g. as the `searchCriteria` of a board run. */
export function markerTag(key: string): string {
  return `${MARKER_PREFIX}${keyDigest(key)}`;
}

/** The key digest a ticket's tags carry, or undefined for a ticket ninja-bridge did not raise. */
export function parseMarker(tags: readonly string[]): string | undefined {
  for (const tag of tags) {
    const match = MARKER_PATTERN.exec(tag.trim());
    if (match?.[1] !== undefined) return match[1];
  }
  return undefined;
}

const SUBJECT_MARKER = /\[ninja-bridge:alert:([0-9a-f]{24})\]\s*$/;

/** The key digest of a ticket: from its tags, else from the end of its subject (a technician may drop tags). */
export function markerOf(tags: readonly string[], subject: string | undefined): string | undefined {
  return parseMarker(tags) ?? (subject === undefined ? undefined : SUBJECT_MARKER.exec(subject)?.[1]);
}
