import { collect, mapConcurrent } from "../../clients/async-lists.js";
import { listIntuneDevices, type IntuneDevice } from "../../clients/cipp/devices.js";
import { listLicenses, type CippLicense } from "../../clients/cipp/licenses.js";
import { listTenants } from "../../clients/cipp/tenants.js";
import { listUsers, type CippUser } from "../../clients/cipp/users.js";
import { listWorkloadStatuses } from "../../clients/acronis/statuses.js";
import { NotFoundError, PermissionError } from "../../errors.js";
import type { JobSession } from "../job-session.js";
import type { Link } from "../mappings/mappings.js";
import type { AcronisOrgStatuses } from "./desired-acronis.js";
import type { CippTenantData } from "./desired-cipp.js";
import type { SyncProblem } from "./problems.js";

/** Tenants read at the same time; each is a few requests at most. */
const READ_CONCURRENCY = 4;

/**
 * A tenant the service will not show us (no right, no Intune licence, gone) is reported and
 * skipped; the others are still read. Any other failure ends the run: the service is down.
 */
function isTenantRefusal(error: unknown): error is PermissionError | NotFoundError {
  return error instanceof PermissionError || error instanceof NotFoundError;
}

function orgOf(link: Link): SyncProblem["org"] {
  return { id: link.orgId, name: link.orgName };
}

export async function readAcronisStatuses(session: JobSession, links: readonly Link[]): Promise<{ orgs: AcronisOrgStatuses[]; problems: SyncProblem[] }> {
  const { http } = await session.acronis();
  const orgs: AcronisOrgStatuses[] = [];
  const problems: SyncProblem[] = [];
  const reads = mapConcurrent(links, READ_CONCURRENCY, async (link) => {
    try {
      return { ok: true as const, link, statuses: await collect(listWorkloadStatuses(http, link.targetId)) };
    } catch (error) {
      if (isTenantRefusal(error)) return { ok: false as const, link, error };
      throw error;
    }
  });
  for await (const read of reads) {
    if (!read.ok) {
      problems.push({ service: "acronis", kind: "unreadable", org: orgOf(read.link), subject: `Acronis tenant ${read.link.targetName}`, reason: read.error.message });
    } else {
      orgs.push({ org: orgOf(read.link), tenantName: read.link.targetName, statuses: read.statuses });
    }
  }
  return { orgs, problems };
}

export interface CippReads {
  users: boolean;
  licenses: boolean;
  devices: boolean;
}

export async function readCippTenants(session: JobSession, links: readonly Link[], needs: CippReads): Promise<{ tenants: CippTenantData[]; problems: SyncProblem[] }> {
  const { http } = await session.cipp();
  const known = new Map((await collect(listTenants(http))).map((t) => [t.customerId.toLowerCase(), t]));
  const tenants: CippTenantData[] = [];
  const problems: SyncProblem[] = [];
  const present = links.filter((link) => {
    if (known.has(link.targetId.toLowerCase())) return true;
    problems.push({ service: "cipp", kind: "missing-tenant", org: orgOf(link), subject: `Microsoft 365 tenant ${link.targetName}`, reason: "CIPP no longer lists this tenant; check the mapping with `ninja-bridge orgs map check`" });
    return false;
  });
  const none = <T>(): Promise<T[]> => Promise.resolve([]);
  const reads = mapConcurrent(present, READ_CONCURRENCY, async (link) => {
    const id = link.targetId;
    try {
      const [users, licenses, devices] = await Promise.all([
        needs.users ? collect(listUsers(http, id)) : none<CippUser>(),
        needs.licenses ? collect(listLicenses(http, id)) : none<CippLicense>(),
        needs.devices ? collect(listIntuneDevices(http, id)) : none<IntuneDevice>(),
      ]);
      return { ok: true as const, link, users, licenses, devices };
    } catch (error) {
      if (isTenantRefusal(error)) return { ok: false as const, link, error };
      throw error;
    }
  });
  for await (const read of reads) {
    if (!read.ok) {
      problems.push({ service: "cipp", kind: "unreadable", org: orgOf(read.link), subject: `Microsoft 365 tenant ${read.link.targetName}`, reason: read.error.message });
      continue;
    }
    const tenant = known.get(read.link.targetId.toLowerCase());
    if (tenant !== undefined) tenants.push({ org: orgOf(read.link), tenant, users: read.users, licenses: read.licenses, devices: read.devices });
  }
  return { tenants, problems };
}
