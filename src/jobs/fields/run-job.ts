import { isConfigured } from "../../clients/connect.js";
import { collect } from "../../clients/async-lists.js";
import { listCustomFieldDefinitions } from "../../clients/ninjaone/custom-fields.js";
import type { ReadonlyStateDocument, StateHandle } from "../../state/index.js";
import type { NinjaEstate } from "../shared/estates/ninja-estate.js";
import { fieldHashCache, planFieldWrites, type DriftFinding, type FieldWritePlan } from "./plan/index.js";
import type { JobCounts, JobHooks } from "../job.js";
import type { JobSession } from "../shared/session.js";
import { linksOf, type Link } from "../shared/mappings.js";
import { checkMappings, type ActiveMapping } from "./plan/active-mappings.js";
import { applyFieldWrites, type FieldWriteOutcome } from "./apply.js";
import { freshCippTenants, recordCippReads, type CippTenantRead } from "./plan/cipp-freshness.js";
import { desiredAcronisFields } from "./plan/desired-acronis.js";
import { cippReadsNeeded, desiredCippFields } from "./plan/desired-cipp.js";
import { isFailure, type SyncProblem } from "./plan/problems.js";
import { deviceCountUpdates, emptiedOrgs, emptiedOrgsReason, orgDeviceCounts, recordDeviceCounts } from "../shared/estates/emptied-orgs.js";
import { readAcronisStatuses, readCippTenants } from "./read.js";
import { selectOrgIds } from "./plan/select-orgs.js";
import type { FieldsSettings } from "./settings.js";
import type { TargetService } from "../../services.js";

export type SourceChoice = TargetService | "all";
export const SOURCE_CHOICES: readonly SourceChoice[] = ["acronis", "cipp", "all"];

export interface FieldsSyncOptions {
  /** Which sources to sync; default all. */
  source?: SourceChoice;
  /** Only these organizations (ids or names); default every mapped one. */
  orgs?: readonly string[];
  /** Rewrite every field, changed or not. */
  full?: boolean;
  /** Leave out Microsoft 365 tenants read (with every write landed) within this many minutes; default 0, read all. */
  cippFreshForMinutes?: number;
  /** The clock for that window; default now. */
  now?: Date;
}

export interface FieldsSyncPlan {
  /** Services synced in this run: mapped, chosen and configured. */
  services: TargetService[];
  /** The mappings that are written. */
  mappings: Array<{ sourceId: string; fieldName: string; fieldType: string }>;
  /** Mapped fields that cannot be written now; each counts as a failed item. */
  blocked: DriftFinding[];
  /** Chosen services with mappings but no connection settings in this profile. */
  notConfigured: TargetService[];
  /** Organizations whose fields are synced, per service. */
  orgs: Array<{ service: TargetService; id: number; name: string; target: string }>;
  writes: FieldWritePlan;
  problems: SyncProblem[];
  full: boolean;
  /** Set when there is nothing to do at all, and why. */
  skippedBecause?: string;
  /** Microsoft 365 tenants read this run, with their organization: apply records them as fresh. */
  cippRead: CippTenantRead[];
  /** Microsoft 365 tenants left out because they were read within the freshness window. */
  cippFresh: number;
  /** The organization of each device a write goes to, so a failed write keeps its tenant from counting as fresh. */
  orgOfDevice: Record<string, number>;
  /** First batch only: what NinjaOne listed per organization, and the organizations it listed empty where it should not have; apply records them. */
  deviceCounts: { orgs: Array<{ id: number; devices: number }>; at: string } | null;
}

export interface FieldsSyncOutcome extends FieldWriteOutcome {
  counts: JobCounts;
}

interface Prepared {
  services: TargetService[];
  notConfigured: TargetService[];
  active: ActiveMapping[];
  blocked: DriftFinding[];
  devices: NinjaEstate["devices"];
  acronisLinks: Link[];
  cippLinks: Link[];
  cippFresh: number;
  /** Mapped organizations NinjaOne no longer lists, or lists no devices for where it did. */
  problems: SyncProblem[];
  full: boolean;
  deviceCounts: NonNullable<FieldsSyncPlan["deviceCounts"]>;
}

/**
 * The part of a plan every batch shares: which mappings can be written (field definitions
 * read once), the NinjaOne estate, and which linked organizations to sync. Returns the
 * finished (empty) plan when there is nothing to do.
 */
async function prepareFieldsSync(session: JobSession, state: ReadonlyStateDocument, settings: FieldsSettings, options: FieldsSyncOptions): Promise<Prepared | FieldsSyncPlan> {
  const choice = options.source ?? "all";
  const full = options.full === true;
  const chosen: TargetService[] = choice === "all" ? ["acronis", "cipp"] : [choice];
  const empty = (skippedBecause: string, extra: Partial<FieldsSyncPlan> = {}): FieldsSyncPlan => ({
    services: [],
    mappings: [],
    blocked: [],
    notConfigured: [],
    orgs: [],
    writes: { actions: [], counts: { entitiesWritten: 0, entitiesUnchanged: 0, fieldsWritten: 0, fieldsUnchanged: 0 } },
    problems: [],
    full,
    skippedBecause,
    cippRead: [],
    cippFresh: 0,
    orgOfDevice: {},
    deviceCounts: null,
    ...extra,
  });
  const mappedServices = chosen.filter((service) => Object.keys(settings.mappings).some((id) => id.startsWith(`${service}.`)));
  if (mappedServices.length === 0) {
    return empty(`no ${choice === "all" ? "" : `${choice} `}source is mapped to a NinjaOne field; map one with \`ninja-bridge fields map <source> <field>\``);
  }
  const config = await session.ctx.config();
  const notConfigured = mappedServices.filter((s) => !isConfigured(config, session.ctx.env, s));
  const services = mappedServices.filter((s) => !notConfigured.includes(s));
  if (services.length === 0) return empty(`${notConfigured.join(" and ")} ${notConfigured.length === 1 ? "is" : "are"} not configured in profile "${session.ctx.profile}"`, { notConfigured });

  const ninja = await session.ninjaone();
  const [definitions, estate] = await Promise.all([collect(listCustomFieldDefinitions(ninja.http)), session.ninjaEstate({ devices: true })]);
  const { active, blocked } = checkMappings(settings, definitions, services);
  const only = selectOrgIds(estate.orgs, options.orgs);
  const names = new Map(estate.orgs.map((o) => [o.id, o.name]));
  const problems: SyncProblem[] = [];
  const now = options.now ?? new Date();
  const emptied = emptiedOrgs(state, estate.orgs, estate.devices, now);
  const emptiedById = new Map(emptied.map((o) => [o.id, o]));
  const linksFor = (service: TargetService): Link[] =>
    linksOf(state, service).flatMap((link) => {
      if (only !== undefined && !only.has(link.orgId)) return [];
      const name = names.get(link.orgId);
      const org = { id: link.orgId, name: name ?? link.orgName };
      if (name === undefined) {
        problems.push({ service, kind: "missing-org", org, subject: `organization ${link.orgName}`, reason: "NinjaOne no longer lists this organization; nothing is written for it" });
        return [];
      }
      const gone = emptiedById.get(link.orgId);
      if (gone !== undefined) {
        problems.push({ service, kind: "no-devices", org, subject: `organization ${name}`, reason: `${emptiedOrgsReason([gone])}; nothing is written for it this run` });
        return [];
      }
      return [{ ...link, orgName: name }];
    });
  const servicesWithActive = services.filter((s) => active.some((m) => m.source.service === s));
  const acronisLinks = servicesWithActive.includes("acronis") ? linksFor("acronis") : [];
  const mappedCipp = servicesWithActive.includes("cipp") ? linksFor("cipp") : [];
  const fresh = freshCippTenants(state.cursors, mappedCipp.map((l) => l.targetId), now, options.cippFreshForMinutes ?? 0);
  const cippLinks = mappedCipp.filter((l) => !fresh.has(l.targetId));
  const deviceCounts = { orgs: orgDeviceCounts(estate.orgs, estate.devices), at: now.toISOString() };
  return { services, notConfigured, active, blocked, devices: estate.devices, acronisLinks, cippLinks, cippFresh: fresh.size, problems, full, deviceCounts };
}

/** Reads the sources of some linked organizations and plans their writes against the state's hash cache. */
async function planLinks(session: JobSession, state: ReadonlyStateDocument, settings: FieldsSettings, prep: Prepared, acronisLinks: Link[], cippLinks: Link[], first: boolean): Promise<FieldsSyncPlan> {
  const { active, devices, full } = prep;
  const cippMappings = active.filter((m) => m.source.service === "cipp");
  const [acronis, cipp] = await Promise.all([
    acronisLinks.length > 0 ? readAcronisStatuses(session, acronisLinks) : Promise.resolve({ orgs: [], problems: [] }),
    cippLinks.length > 0 ? readCippTenants(session, cippLinks, cippReadsNeeded(cippMappings)) : Promise.resolve({ tenants: [], problems: [] }),
  ]);
  const fromAcronis = desiredAcronisFields(acronis.orgs, devices, active);
  const fromCipp = desiredCippFields(cipp.tenants, devices, active, { licensedUsersOnly: settings.licensedUsersOnly });
  const writes = planFieldWrites([...fromAcronis.desired, ...fromCipp.desired], fieldHashCache(Object.values(state.fieldWrites)), { full });
  const deviceIds = new Set(writes.actions.filter((a) => a.kind === "write" && a.scope === "device").map((a) => a.entityId));
  const orgOfDevice: Record<string, number> = {};
  for (const d of devices) if (deviceIds.has(d.id)) orgOfDevice[String(d.id)] = d.organizationId;
  const cippUnread = new Set(cipp.problems.map((p) => p.org.id));
  return {
    cippRead: cippLinks.filter((l) => !cippUnread.has(l.orgId)).map((l) => ({ tenantId: l.targetId, orgId: l.orgId })),
    cippFresh: first ? prep.cippFresh : 0,
    orgOfDevice,
    deviceCounts: first ? prep.deviceCounts : null,
    services: prep.services,
    mappings: active.map(mappingRow),
    blocked: first ? prep.blocked : [],
    notConfigured: prep.notConfigured,
    orgs: [...acronisLinks, ...cippLinks].map((l) => ({ service: l.service, id: l.orgId, name: l.orgName, target: l.targetName })),
    writes,
    problems: [...(first ? prep.problems : []), ...acronis.problems, ...cipp.problems, ...fromAcronis.problems, ...fromCipp.problems],
    full,
  };
}

/**
 * Reads what the mapped fields need (field definitions, NinjaOne devices, the mapped
 * tenants' statuses and summaries) and plans one PATCH per device or organization carrying
 * only changed values. No prompt, no printing.
 */
export async function planFieldsSync(session: JobSession, state: ReadonlyStateDocument, settings: FieldsSettings, options: FieldsSyncOptions = {}): Promise<FieldsSyncPlan> {
  const prep = await prepareFieldsSync(session, state, settings, options);
  if (!("active" in prep)) return prep;
  return planLinks(session, state, settings, prep, prep.acronisLinks, prep.cippLinks, true);
}

/**
 * The same plan cut into batches of linked organizations, each read only when asked for,
 * so a caller can write one batch while the next is being read: the reads of Acronis and
 * CIPP then overlap NinjaOne's writes instead of coming all before them. Blocked mappings
 * and gone organizations come with the first batch only.
 */
export async function* planFieldsSyncInBatches(
  session: JobSession,
  state: () => ReadonlyStateDocument,
  settings: FieldsSettings,
  options: FieldsSyncOptions & { batchSize: number },
): AsyncGenerator<FieldsSyncPlan> {
  const prep = await prepareFieldsSync(session, state(), settings, options);
  if (!("active" in prep)) {
    yield prep;
    return;
  }
  const orgIds = [...new Set([...prep.acronisLinks, ...prep.cippLinks].map((l) => l.orgId))].sort((a, b) => a - b);
  if (orgIds.length === 0) {
    yield await planLinks(session, state(), settings, prep, [], [], true);
    return;
  }
  for (let i = 0; i < orgIds.length; i += options.batchSize) {
    const batch = new Set(orgIds.slice(i, i + options.batchSize));
    const pick = (links: Link[]) => links.filter((l) => batch.has(l.orgId));
    yield await planLinks(session, state(), settings, prep, pick(prep.acronisLinks), pick(prep.cippLinks), i === 0);
  }
}

function mappingRow(m: ActiveMapping): FieldsSyncPlan["mappings"][number] {
  return { sourceId: m.source.id, fieldName: m.field.name, fieldType: m.field.type };
}

/**
 * What a plan amounts to before it is applied: one planned item per PATCH; blocked
 * mappings, and tenants whose read failed or organizations listed without their devices,
 * count as failed (they wait for the next run); devices and tenants left out on purpose
 * (unmatched, contested, refused) as skipped.
 */
export function fieldsPlanCounts(plan: FieldsSyncPlan): JobCounts {
  const failures = plan.problems.filter(isFailure).length;
  return {
    planned: plan.writes.actions.filter((a) => a.kind === "write").length,
    applied: 0,
    failed: plan.blocked.length + failures,
    skipped: plan.problems.length - failures,
  };
}

/**
 * Sends the planned PATCHes, a few at a time within the NinjaOne client's rate limit, and
 * records each success in the state as it lands; a failed PATCH records nothing and is
 * planned again by the next run. No prompt, no printing.
 */
export async function applyFieldsSync(session: JobSession, state: StateHandle, plan: FieldsSyncPlan, hooks: JobHooks = {}, options: { concurrency?: number; now?: () => Date } = {}): Promise<FieldsSyncOutcome> {
  const base = fieldsPlanCounts(plan);
  for (const b of plan.blocked) {
    hooks.onAction?.({ job: "fields", action: "write-fields", target: `${b.fieldName} (${b.sourceId})`, result: "failed", detail: `${b.reason}; ${b.fix}` });
  }
  for (const p of plan.problems) {
    hooks.onAction?.({ job: "fields", action: "write-fields", target: `${p.subject} (org ${p.org.id})`, result: "skipped", detail: p.reason });
  }
  const now = options.now ?? (() => new Date());
  const recordReads = async (failed: FieldWriteOutcome["failed"]) => {
    const counts = plan.deviceCounts === null ? [] : deviceCountUpdates(state.data, plan.deviceCounts.orgs, new Date(plan.deviceCounts.at));
    if (plan.cippRead.length === 0 && counts.length === 0) return;
    await state.update((draft) => {
      if (plan.cippRead.length > 0) recordCippReads(draft, plan.cippRead, failed, plan.orgOfDevice, now());
      recordDeviceCounts(draft, counts);
    });
  };
  if (base.planned === 0) {
    await recordReads([]);
    return { counts: base, written: [], failed: [] };
  }
  const { http } = await session.ninjaone();
  const outcome = await applyFieldWrites(http, state, plan.writes.actions, hooks, options);
  await recordReads(outcome.failed);
  return { ...outcome, counts: { ...base, applied: outcome.written.length, failed: base.failed + outcome.failed.length } };
}
