import { collect, mapConcurrent } from "../../clients/async-lists.js";
import { listIntuneDevices, type IntuneDevice } from "../../clients/cipp/devices.js";
import { listLicenses, type CippLicense } from "../../clients/cipp/licenses.js";
import { listTenants } from "../../clients/cipp/tenants.js";
import { listUsers } from "../../clients/cipp/users.js";
import { listWorkloadStatuses } from "../../clients/acronis/statuses.js";
import { listCustomFieldDefinitions, type CustomFieldDefinition } from "../../clients/ninjaone/custom-fields.js";
import { readCustomFieldValues } from "../../clients/ninjaone/custom-field-values.js";
import { ApiError, NotFoundError, PermissionError } from "../../errors.js";
import type { NinjaEstate } from "../shared/estates/ninja-estate.js";
import type { JobSession } from "../shared/session.js";
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

export async function readAcronisStatuses(session: JobSession, links: readonly Link[]): Promise<{ orgs: AcronisOrgStatuses[]; problems: SyncProblem[] }> {
  const { http } = await session.acronis();
  const orgs: AcronisOrgStatuses[] = [];
  const problems: SyncProblem[] = [];
  const reads = mapConcurrent(links, READ_CONCURRENCY, async (link) => {
    try {
      return { ok: true as const, link, statuses: await collect(listWorkloadStatuses(http, link.targetId)) };
    } catch (error) {
      if (error instanceof ApiError) return { ok: false as const, link, error };
      throw error;
    }
  });
  for await (const read of reads) {
    if (!read.ok) {
      problems.push(readProblem("acronis", read.link, `Acronis tenant ${read.link.targetName}`, read.error));
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
  extras?: readonly ExtraRead[];
}

/** What each extra read feeds, for the problem its failure makes. */
function fedBy(read: ExtraRead): string {
  return read === "groups" || read === "policies" ? "the device summaries are" : "the user summary is";
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
  const reads = mapConcurrent(present, READ_CONCURRENCY, async (link) => {
    const id = link.targetId;
    try {
      // Users after the licences, which name each user's SKUs.
      const userRead = (needs.licenses ? collect(listLicenses(http, id)) : none<CippLicense>()).then(async (licenses) => ({ licenses, users: needs.users ? await collect(listUsers(http, id, { skuNames: skuNamesOf(licenses) })) : [] }));
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
    links.acronis.length > 0 ? readAcronisStatuses(session, links.acronis) : Promise.resolve({ orgs: [], problems: [] }),
    links.cipp.length > 0 ? readCippTenants(session, links.cipp, cippReadsNeeded(cippMappings)) : Promise.resolve({ tenants: [], problems: [] }),
    basis.entraIdField === undefined ? Promise.resolve(new Map<number, string>()) : readEntraIds(session, basis.entraIdField, basis.devices.filter((d) => cippOrgs.has(d.organizationId)).map((d) => d.id)),
  ]);
  return { acronisLinks: links.acronis, cippLinks: links.cipp, acronis, cipp, entraIds };
}

/**
 * The Entra device id field of each device, one read per device (NinjaOne has no bulk read of
 * one field the sandbox serves). A device whose read fails, or whose field is empty, is paired
 * by serial and name instead: the field only ever adds a pairing key.
 */
export async function readEntraIds(session: JobSession, field: string, deviceIds: readonly number[]): Promise<Map<number, string>> {
  const { http } = await session.ninjaone();
  const ids = new Map<number, string>();
  const reads = mapConcurrent(deviceIds, READ_CONCURRENCY, async (id) => {
    try {
      return { id, value: (await readCustomFieldValues(http, "device", id))[field] };
    } catch (error) {
      if (error instanceof ApiError) return { id, value: undefined };
      throw error;
    }
  });
  for await (const { id, value } of reads) if (typeof value === "string" && value.trim() !== "") ids.set(id, value.trim());
  return ids;
}
