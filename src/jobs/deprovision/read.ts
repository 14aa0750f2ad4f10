import { getTenant } from "../../clients/acronis/tenant-admin.js";
import { mapConcurrent } from "../../clients/async-lists.js";
import type { JobSession } from "../shared/session.js";
import type { DeprovisionTenant } from "./plan/plan-deprovision.js";

/** Customers read at once; Acronis counts requests per client. */
const CONCURRENCY = 4;

/** Customers read one by one for their own update time, which for a disabled customer is when it was disabled. */
export async function readDisableTimes(session: JobSession, ids: readonly string[]): Promise<DeprovisionTenant[]> {
  if (ids.length === 0) return [];
  const http = (await session.acronis()).http;
  const read: DeprovisionTenant[] = [];
  for await (const t of mapConcurrent(ids, CONCURRENCY, (id) => getTenant(http, id))) {
    read.push({ id: t.id, name: t.name, enabled: t.enabled, updatedAt: t.updatedAt?.toISOString() ?? null });
  }
  return read;
}
