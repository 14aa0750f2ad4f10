import type { DocumentTemplate, OrganizationDocument } from "../../../clients/ninjaone/documents.js";
import type { CippLicense } from "../../../clients/cipp/licenses.js";
import type { CippUser } from "../../../clients/cipp/users.js";
import type { IntuneDevice } from "../../../clients/cipp/devices.js";
import { userActivityFacts, type CippExtras } from "../../shared/cipp-extras.js";
import { UsageError } from "../../../errors.js";
import type { ReadonlyStateDocument } from "../../../state/index.js";
import type { Link } from "../../shared/mappings.js";
import { tenantDocuments } from "./documents.js";
import { planOrg, type DocAction, type DocOrg } from "./plan-org.js";
import { DOC_KINDS, findTemplate, templateDifferences, type DocKind } from "./templates.js";

/** The cursor of a tenant's last full docs run, for sync.cippRefreshMinutes. */
export function docsCursorName(tenantId: string): string {
  return `docs.cipp:${tenantId.toLowerCase()}`;
}

/** Tenants whose documents were all written within `minutes` of `now`; 0 minutes means none. */
export function freshTenants(cursors: ReadonlyStateDocument["cursors"], links: readonly Link[], now: Date, minutes: number): Set<string> {
  const fresh = new Set<string>();
  if (minutes <= 0) return fresh;
  for (const link of links) {
    const at = Date.parse(cursors[docsCursorName(link.targetId)]?.updatedAt ?? "");
    if (!Number.isNaN(at) && at >= now.getTime() - minutes * 60_000 && at <= now.getTime()) fresh.add(link.targetId);
  }
  return fresh;
}

/** The links `--org` names (ids or names, case-insensitive); all when none is named. */
export function selectLinks(links: readonly Link[], wanted: readonly string[] | undefined): Link[] {
  if (wanted === undefined || wanted.length === 0) return [...links];
  return wanted.map((raw) => {
    const text = raw.trim().toLowerCase();
    const hits = links.filter((l) => String(l.orgId) === text || l.orgName.trim().toLowerCase() === text);
    const [only] = hits;
    if (only === undefined) throw new UsageError(`no organization mapped to a Microsoft 365 tenant has the id or name "${raw}"`, { hint: "see `ninja-bridge orgs list`" });
    if (hits.length > 1) throw new UsageError(`${hits.length} mapped organizations are called "${raw}"`, { hint: `give its id instead: ${hits.map((l) => l.orgId).join(", ")}` });
    return only;
  });
}

/** Why the templates cannot be written to, each a sentence; empty when both are fit. */
export function templateProblems(templates: readonly DocumentTemplate[], names: Readonly<Record<DocKind, string>>): { ids: Partial<Record<DocKind, number>>; problems: string[] } {
  const ids: Partial<Record<DocKind, number>> = {};
  const problems: string[] = [];
  for (const kind of DOC_KINDS) {
    const found = findTemplate(templates, names[kind]);
    if (found.kind === "missing") problems.push(`no document template is called "${names[kind]}"`);
    else if (found.kind === "ambiguous") problems.push(`${found.ids.length} document templates are called "${names[kind]}" (ids ${found.ids.join(", ")}); the job will not guess`);
    else {
      const diff = templateDifferences(found.template, kind);
      if (diff.length > 0) problems.push(`template "${found.template.name}" (id ${found.template.id}) ${diff.join("; ")}`);
      else ids[kind] = found.template.id;
    }
  }
  return { ids, problems };
}

export interface OrgRead {
  link: Link;
  users: CippUser[];
  licences: CippLicense[];
  live: OrganizationDocument[];
  /** Intune devices, for each user's devices; undefined when they could not be read. */
  devices?: IntuneDevice[];
  extras?: CippExtras;
  /** False when some read failed: the tenant is read again next run, whatever sync.cippRefreshMinutes says. */
  complete?: boolean;
}

export interface DocsProblem {
  org: DocOrg;
  subject: string;
  reason: string;
}

export interface DocsPlan {
  actions: DocAction[];
  unchanged: number;
  /** Organizations whose archives the safety limit held back, with how many. */
  held: { org: DocOrg; count: number }[];
  problems: DocsProblem[];
  /** Tenants read this run, to record once their organization's writes all landed. */
  read: { orgId: number; tenantId: string }[];
  /** Tenants left out as read within the freshness window. */
  fresh: number;
  orgs: number;
}

export function planDocs(
  reads: readonly OrgRead[],
  state: ReadonlyStateDocument,
  options: { templateIds: Readonly<Record<DocKind, number>>; licensedOnly: boolean; maxArchive: number },
): Omit<DocsPlan, "problems" | "fresh"> {
  const plan: Omit<DocsPlan, "problems" | "fresh"> = { actions: [], unchanged: 0, held: [], read: [], orgs: reads.length };
  const records = Object.values(state.docs?.documents ?? {});
  for (const r of reads) {
    const org = { id: r.link.orgId, name: r.link.orgName };
    const planned = planOrg({
      org,
      desired: tenantDocuments(r.users, r.licences, options.licensedOnly, (u) => userActivityFacts(u, r.extras ?? {}, r.devices)),
      records: records.filter((d) => d.ninjaOrgId === org.id),
      live: r.live,
      templateIds: options.templateIds,
      maxArchive: options.maxArchive,
    });
    plan.actions.push(...planned.actions);
    plan.unchanged += planned.unchanged;
    if (planned.heldArchives > 0) plan.held.push({ org, count: planned.heldArchives });
    if (r.complete !== false) plan.read.push({ orgId: org.id, tenantId: r.link.targetId });
  }
  return plan;
}
