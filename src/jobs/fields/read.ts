import { collect, mapConcurrent } from "../../clients/async-lists.js";
import { listIntuneDevices, type IntuneDevice } from "../../clients/cipp/devices.js";
import { licensesOfAllTenants, listLicenses, type CippLicense } from "../../clients/cipp/licenses.js";
import { listTenants } from "../../clients/cipp/tenants.js";
import { listUsers } from "../../clients/cipp/users.js";
import { listWorkloadStatuses } from "../../clients/acronis/statuses.js";
import { listCustomFieldDefinitions, type CustomFieldDefinition } from "../../clients/ninjaone/custom-fields.js";
import { ApiError, NotFoundError, PermissionError } from "../../errors.js";
import type { HttpClient } from "../../http/index.js";
import { readEntraIds } from "../shared/devices/entra-ids.js";
import type { NinjaEstate } from "../shared/estates/ninja-estate.js";
import type { JobSession } from "../shared/session.js";
import type { TenantSets } from "../shared/estates/acronis-batches.js";
import { LARGE_PAGE, readPerCustomer } from "../shared/estates/acronis-reads.js";
import type { Link } from "../shared/mappings.js";
import type { AcronisOrgStatuses } from "./plan/desired-acronis.js";
import { cippReadsNeeded, type CippTenantData } from "./plan/desired-cipp.js";
import { batchLinks, type BatchReads, type FieldsBasis } from "./plan/plan-job.js";
import type { SyncProblem } from "./plan/problems.js";
import { EXTRA_NAMES, extraFailure, readCippExtras, skuNamesOf, type ExtraRead } from "../shared/cipp-extras.js";

/** Tenants read at the same time; each is a few requests at most. */
const READ_CONCURRENCY = 4;

/**
 * A tenant the service will not show us (no right, no Intune licence, gone) is reported and
 * skipped. Any other API failure of one tenant's read skips that tenant too, as a failure the
 * next run retries; the others are still read and written.
 */
function isTenantRefusal(error: unknown): boolean {
  return error instanceof PermissionError || error instanceof NotFoundError;
}

function readProblem(service: SyncProblem["service"], link: Link, subject: string, error: ApiError): SyncProblem {
  return isTenantRefusal(error)
    ? { service, kind: "unreadable", org: orgOf(link), subject, reason: error.message }
    : { service, kind: "read-failed", org: orgOf(link), subject, reason: `${error.message}; tried again next run` };
}

function orgOf(link: Link): SyncProblem["org"] {
  return { id: link.orgId, name: link.orgName };
}

/**
 * The linked customers' workload statuses: up to 100 customers a listing where their numeric
 * tenant ids are known (see acronis-batches.ts), each alone otherwise, which learns them.
 */
export async function readAcronisStatuses(session: JobSession, links: readonly Link[], known: TenantSets): Promise<BatchReads["acronis"]> {
  const { http } = await session.acronis();
  const orgs: AcronisOrgStatuses[] = [];
  const problems: SyncProblem[] = [];
  const read = await readPerCustomer(
    links.map((l) => l.targetId),
    known,
    (tenantIds) => listWorkloadStatuses(http, tenantIds, { limit: LARGE_PAGE }),
    (s) => s.tenantNumericId,
  );
  for (const link of links) {
    const result = read.results.get(link.targetId);
    if (result === undefined) continue;
    if ("error" in result) problems.push(readProblem("acronis", link, `Acronis tenant ${link.targetName}`, result.error));
    else orgs.push({ org: orgOf(link), tenantName: link.targetName, statuses: result.items });
  }
  return { orgs, problems, learned: read.learned };
}

export interface CippReads {
  users: boolean;
  licenses: boolean;
  devices: boolean;
  extras?: readonly ExtraRead[];
}

/** What each extra read feeds, for the problem its failure makes. */
function fedBy(read: ExtraRead): string {
  return read === "groups" || read === "policies" ? "the device summaries are" : "the user summary is";
}

/** The all-tenants licence report a run already has, by its CIPP client: every batch of the run uses the one. */
const licenceReports = new WeakMap<HttpClient, Map<string, CippLicense[]>>();

/** CIPP's all-tenants licence report, or undefined (every tenant then read alone) while it fills or when it fails. */
async function allTenantsLicenses(http: HttpClient): Promise<Map<string, CippLicense[]> | undefined> {
  const known = licenceReports.get(http);
  if (known !== undefined) return known;
  try {
    const report = await licensesOfAllTenants(http);
    if (report !== undefined) licenceReports.set(http, report);
    return report;
  } catch (error) {
    if (error instanceof ApiError) return undefined;
    throw error;
  }
}

export async function readCippTenants(session: JobSession, links: readonly Link[], needs: CippReads): Promise<{ tenants: CippTenantData[]; problems: SyncProblem[] }> {
  const { http } = await session.cipp();
  const tenants: CippTenantData[] = [];
  const problems: SyncProblem[] = [];
  let listed;
  try {
    listed = await collect(listTenants(http));
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    // Without the tenant list no CIPP tenant is read this run; the Acronis side still is.
    for (const link of links) problems.push(readProblem("cipp", link, `Microsoft 365 tenant ${link.targetName}`, error));
    return { tenants, problems };
  }
  const known = new Map(listed.map((t) => [t.customerId.toLowerCase(), t]));
  const present = links.filter((link) => {
    if (known.has(link.targetId.toLowerCase())) return true;
    problems.push({ service: "cipp", kind: "missing-tenant", org: orgOf(link), subject: `Microsoft 365 tenant ${link.targetName}`, reason: "CIPP no longer lists this tenant; check the mapping with `ninja-bridge orgs map check`" });
    return false;
  });
  const none = <T>(): Promise<T[]> => Promise.resolve([]);
  const cached = needs.licenses && present.length > 1 ? await allTenantsLicenses(http) : undefined;
  const licensesOf = (link: Link): Promise<CippLicense[]> => {
    const domain = known.get(link.targetId.toLowerCase())?.defaultDomainName.toLowerCase();
    const hit = domain === undefined ? undefined : cached?.get(domain);
    return hit !== undefined ? Promise.resolve(hit) : collect(listLicenses(http, link.targetId));
  };
  const reads = mapConcurrent(present, READ_CONCURRENCY, async (link) => {
    const id = link.targetId;
    try {
      // Users after the licences, which name each user's SKUs.
      const userRead = (needs.licenses ? licensesOf(link) : none<CippLicense>()).then(async (licenses) => ({ licenses, users: needs.users ? await collect(listUsers(http, id, { skuNames: skuNamesOf(licenses) })) : [] }));
      const [{ licenses, users }, devices, { extras, failed }] = await Promise.all([userRead, needs.devices ? collect(listIntuneDevices(http, id)) : none<IntuneDevice>(), readCippExtras(http, id, needs.extras ?? [])]);
      return { ok: true as const, link, users, licenses, devices, extras, failed };
    } catch (error) {
      if (error instanceof ApiError) return { ok: false as const, link, error };
      throw error;
    }
  });
  for await (const read of reads) {
    if (!read.ok) {
      problems.push(readProblem("cipp", read.link, `Microsoft 365 tenant ${read.link.targetName}`, read.error));
      continue;
    }
    for (const f of read.failed) {
      problems.push({ service: "cipp", kind: "read-failed", org: orgOf(read.link), subject: `${EXTRA_NAMES[f.read]} of Microsoft 365 tenant ${read.link.targetName}`, reason: extraFailure(f.read, f.error, fedBy(f.read)) });
    }
    const tenant = known.get(read.link.targetId.toLowerCase());
    if (tenant !== undefined) tenants.push({ org: orgOf(read.link), tenant, users: read.users, licenses: read.licenses, devices: read.devices, extras: read.extras });
  }
  return { tenants, problems };
}

/** NinjaOne's custom field definitions. */
export async function readFieldDefinitions(session: JobSession): Promise<CustomFieldDefinition[]> {
  const { http } = await session.ninjaone();
  return collect(listCustomFieldDefinitions(http));
}

/** What every batch plans from: the field definitions and NinjaOne's organizations with their devices, read at once. */
export async function readFieldsBasis(session: JobSession): Promise<{ definitions: CustomFieldDefinition[]; estate: NinjaEstate }> {
  const [definitions, estate] = await Promise.all([readFieldDefinitions(session), session.ninjaEstate({ devices: true })]);
  return { definitions, estate };
}

/** The Acronis statuses and CIPP tenants of one batch's organizations, each service read at the same time, only what the mappings use. */
export async function readBatch(session: JobSession, basis: FieldsBasis, orgIds: readonly number[]): Promise<BatchReads> {
  const links = batchLinks(basis, orgIds);
  const cippMappings = basis.active.filter((m) => m.source.service === "cipp");
  const cippOrgs = new Set(links.cipp.map((l) => l.orgId));
  const [acronis, cipp, entraIds] = await Promise.all([
    links.acronis.length > 0 ? readAcronisStatuses(session, links.acronis, basis.acronisTenantSets) : Promise.resolve({ orgs: [], problems: [], learned: {} }),
    links.cipp.length > 0 ? readCippTenants(session, links.cipp, cippReadsNeeded(cippMappings)) : Promise.resolve({ tenants: [], problems: [] }),
    basis.entraIdField === undefined ? Promise.resolve(new Map<number, string>()) : readEntraIds(session, basis.entraIdField, basis.devices.filter((d) => cippOrgs.has(d.organizationId)).map((d) => d.id)),
  ]);
  return { acronisLinks: links.acronis, cippLinks: links.cipp, acronis, cipp, entraIds };
}
