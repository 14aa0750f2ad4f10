import { collect } from "../../../clients/async-lists.js";
import { listChildTenants } from "../../../clients/acronis/tenants.js";
import { listWorkloads } from "../../../clients/acronis/workloads.js";
import type { HttpClient } from "../../../http/index.js";

/**
 * The customer's own numeric id, given the numeric ids its workload listing named (its own
 * and its units', since a listing by customer covers the units below it) and the ids the
 * listings of its units named. The customer's id is the one id left once the units' are
 * taken away. None, or more than one, and there is no answer: alerts go unplaced rather than
 * to a unit's id (which would miss every alert of the customer itself) or to a guess.
 */
export function ownNumericId(listedIds: Iterable<string>, unitIds: ReadonlySet<string>): string | undefined {
  const own = new Set([...listedIds].filter((id) => !unitIds.has(id)));
  return own.size === 1 ? [...own][0] : undefined;
}

/**
 * Learns an Acronis customer's numeric id (what alerts and resources name it by, reference
 * §4-§6) from items of the customer itself. Workloads carry only their own tenant's numeric
 * id, and a customer's listing includes its units' workloads, so its first workload may name
 * a unit. The units are the customer's children of kind `unit` (a user's personal tenant is
 * one too); a listing of each unit names the ids to leave out. One listing of the customer,
 * one of its children, and one per unit: run it once per customer and keep the answer.
 */
export async function learnCustomerNumericId(http: HttpClient, customerId: string): Promise<string | undefined> {
  const listed = new Set((await collect(listWorkloads(http, customerId))).map((w) => w.tenantNumericId));
  if (listed.size === 0) return undefined;
  const units = (await collect(listChildTenants(http, customerId))).filter((t) => t.kind === "unit");
  const unitIds = new Set<string>();
  for (const unit of units) for await (const w of listWorkloads(http, unit.id)) unitIds.add(w.tenantNumericId);
  return ownNumericId(listed, unitIds);
}
