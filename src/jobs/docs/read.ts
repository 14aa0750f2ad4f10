import { collect, mapConcurrent } from "../../clients/async-lists.js";
import { listLicenses } from "../../clients/cipp/licenses.js";
import { listUsers } from "../../clients/cipp/users.js";
import { listIntuneDevices, type IntuneDevice } from "../../clients/cipp/devices.js";
import { extraFailure, readCippExtras, skuNamesOf, USER_EXTRAS } from "../shared/cipp-extras.js";
import { listDocumentTemplates, listOrganizationDocuments, type DocumentTemplate } from "../../clients/ninjaone/documents.js";
import { ApiError, BridgeError, PermissionError } from "../../errors.js";
import type { Link } from "../shared/mappings.js";
import type { JobSession } from "../shared/session.js";
import type { DocsProblem, OrgRead } from "./plan/plan-job.js";

/** Tenants read at the same time: a few CIPP requests and one NinjaOne request each. */
const READ_CONCURRENCY = 4;

/** Where a person turns Documentation on, for every message that may mean it is off. */
export const DOCUMENTATION_HINT = "check that Documentation is turned on in NinjaOne (Administration > Apps > Documentation) and that the API client may use it";

/** NinjaOne's document templates; a refusal is named as what it most likely is. */
export async function readTemplates(session: JobSession): Promise<DocumentTemplate[]> {
  const { http } = await session.ninjaone();
  try {
    return await listDocumentTemplates(http);
  } catch (error) {
    if (error instanceof PermissionError) throw new BridgeError(`NinjaOne refused to list document templates: ${error.message}`, { hint: DOCUMENTATION_HINT });
    throw error;
  }
}

/**
 * Each organization's users and licences through CIPP, and its documents in NinjaOne. A
 * tenant or organization that cannot be read is reported and left out; the others go on.
 */
export async function readOrgs(session: JobSession, links: readonly Link[]): Promise<{ reads: OrgRead[]; problems: DocsProblem[] }> {
  const [{ http: cipp }, { http: ninja }] = await Promise.all([session.cipp(), session.ninjaone()]);
  const reads: OrgRead[] = [];
  const problems: DocsProblem[] = [];
  const results = mapConcurrent(links, READ_CONCURRENCY, async (link) => {
    try {
      const id = link.targetId;
      const deviceRead = collect(listIntuneDevices(cipp, id)).then(
        (devices): { devices: IntuneDevice[] } | { error: ApiError } => ({ devices }),
        (error: unknown) => {
          if (error instanceof ApiError) return { error };
          throw error;
        },
      );
      // Licences first: they name each user's SKUs.
      const userRead = collect(listLicenses(cipp, id)).then(async (licences) => ({ licences, users: await collect(listUsers(cipp, id, { skuNames: skuNamesOf(licences) })) }));
      const [{ licences, users }, live, { extras, failed }, devices] = await Promise.all([userRead, listOrganizationDocuments(ninja, link.orgId), readCippExtras(cipp, id, USER_EXTRAS), deviceRead]);
      const org = { id: link.orgId, name: link.orgName };
      const subject = `Microsoft 365 tenant ${link.targetName}`;
      const partial = failed.map((f) => ({ org, subject, reason: extraFailure(f.read, f.error, "that field of its user documents is") }));
      if ("error" in devices) partial.push({ org, subject, reason: `could not read Intune devices (${devices.error.message}): the devices field of its user documents is left as last written; tried again next run` });
      const read = { link, users, licences, live, extras, ...("devices" in devices ? { devices: devices.devices } : {}), complete: partial.length === 0 };
      return { ok: true as const, read, partial };
    } catch (error) {
      if (error instanceof ApiError) return { ok: false as const, link, error };
      throw error;
    }
  });
  for await (const r of results) {
    if (r.ok) {
      reads.push(r.read);
      problems.push(...r.partial);
    }
    else problems.push({ org: { id: r.link.orgId, name: r.link.orgName }, subject: `Microsoft 365 tenant ${r.link.targetName}`, reason: `${r.error.message}; tried again next run` });
  }
  reads.sort((a, b) => a.link.orgId - b.link.orgId);
  return { reads, problems };
}
