import { UsageError } from "../../errors.js";
import type { SyncJobName } from "../job.js";

/**
 * The order `sync` runs jobs in: links first (so provision never creates a tenant for an
 * organization automap can link), then tenants, then tickets (an alert must not wait behind a
 * first sync of 50,000 devices' fields, which fills a --max-duration window run after run),
 * then what writes into NinjaOne (compliance, fields' cheap lane, after fields: named with it,
 * it finds fields' writes already made).
 */
export const SYNC_ORDER: readonly SyncJobName[] = ["automap", "provision", "deprovision", "tickets", "fields", "compliance", "docs", "agents"];

/** Parses a comma-separated job list ("fields, tickets") into run order; unknown names are a usage error. */
export function parseJobList(raw: string, source: string): SyncJobName[] {
  const names = raw
    .split(",")
    .map((n) => n.trim().toLowerCase())
    .filter((n) => n !== "");
  if (names.length === 0) throw new UsageError(`${source} names no job`, { hint: `name one or more of ${SYNC_ORDER.join(", ")}` });
  const unknown = names.filter((n) => !SYNC_ORDER.includes(n as SyncJobName));
  if (unknown.length > 0) {
    throw new UsageError(`${source} names unknown job${unknown.length === 1 ? "" : "s"}: ${unknown.join(", ")}`, {
      hint: `the jobs are ${SYNC_ORDER.join(", ")}`,
    });
  }
  return SYNC_ORDER.filter((job) => names.includes(job));
}
