import type { CustomFieldDefinition } from "../../../clients/ninjaone/custom-fields.js";
import { sectionEntries, type FieldWrite, type ReadonlyStateDocument } from "../../../state/index.js";
import type { TargetService } from "../../../services.js";
import type { JobCounts } from "../../job.js";
import { deviceCountUpdates, emptiedOrgs, emptiedOrgsReason, orgDeviceCounts } from "../../shared/estates/emptied-orgs.js";
import type { NinjaEstate } from "../../shared/estates/ninja-estate.js";
import { linksOf, type Link } from "../../shared/mappings.js";
import { knownTenantSets } from "../../shared/estates/acronis-batches.js";
import { excludedOrgIds } from "../../shared/exclusions.js";
import type { FieldsJobSettings } from "../settings.js";
import { checkMappings, type ActiveMapping } from "./active-mappings.js";
import { freshCippTenants, type CippTenantRead } from "./cipp-freshness.js";
import { desiredAcronisFields, type AcronisOrgStatuses } from "./desired-acronis.js";
import { desiredCippFields, type CippTenantData } from "./desired-cipp.js";
import { orderOrgs, orderWrites, type WrittenRecord } from "./write-order.js";
import { fieldWriteKey, planFieldWrites, type DesiredEntityFields, type FieldHashCache, type FieldHashEntry, type FieldValue, type DriftFinding, type FieldWritePlan } from "./index.js";
import { sharedBlankFields, sharedNames, sharedText } from "./shared-values.js";
import { isFailure, type SyncProblem } from "./problems.js";
import { selectOrgIds } from "./select-orgs.js";
import { forgettable, type LinkChange, type LinkFinding } from "../../shared/devices/links.js";
import { byOrganization } from "../../shared/devices/by-organization.js";
import { deviceNamer } from "./entity-names.js";
import { fieldOwners, staleByMapping, staleInBatch, type ClearAction, type StaleContext, type StaleFields } from "./stale.js";

/** The plan of one batch of linked organizations (of all of them when the job does not batch). */
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
  /** Renames, moves, deletions and swapped hardware seen on recorded device links. */
  linkFindings: LinkFinding[];
  /** Device links to record when the plan is applied (never by a dry run). */
  linkChanges: LinkChange[];
  /** Links the plan records (new or refreshed, not gone), counted here so the report needs no linkChanges once applied. */
  linksRecorded: number;
  /** First batch only: gone links older than --forget-after days, and their deleted devices' cached values, to drop. */
  forget: { links: string[]; fieldWrites: string[] };
  /** First batch only: what NinjaOne listed per organization, and the organizations it listed empty where it should not have; apply records them. */
  deviceCounts: { orgs: Array<{ id: number; devices: number }>; at: string } | null;
  /** Acronis customers' numeric tenant ids learned by this batch's reads, where they changed: apply records them. */
  acronisTenantSets: Record<string, string[]>;
  /** Values we wrote that nothing stands behind any more (source unmapped, organization unlinked, device no longer paired), to clear. */
  clears: ClearAction[];
}

/** What every batch shares: which mappings can be written, the NinjaOne devices, and which linked organizations to sync. */
export interface FieldsBasis {
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
  /** Every NinjaOne organization's name, to say where a linked device moved. */
  orgNames: Map<number, string>;
  /** When the plan was made: new device links are recorded as made then. */
  at: string;
  forget: FieldsSyncPlan["forget"];
  /** The device field holding the Entra device id, when one is set and Intune devices are paired this run. */
  entraIdField?: string;
  /** The mapped Acronis customers' numeric tenant ids the state knows, to read them many at once. */
  acronisTenantSets: Map<string, readonly string[]>;
  /** Role field API name → the device roles that have it; such a field is written to those devices only. */
  roleFields: ReadonlyMap<string, ReadonlySet<number>>;
  /** What stale values are judged by; null when this run clears none (the compliance lane). */
  stale: StaleContext | null;
  /** First batch only: values of unmapped sources and unlinked organizations. */
  staleByMapping: StaleFields;
}

/** The plan of a run with nothing to do, and why. */
export function skippedPlan(full: boolean, skippedBecause: string, notConfigured: TargetService[] = []): FieldsSyncPlan {
  return {
    services: [],
    mappings: [],
    blocked: [],
    notConfigured,
    orgs: [],
    writes: { actions: [], counts: { entitiesWritten: 0, entitiesUnchanged: 0, fieldsWritten: 0, fieldsUnchanged: 0 } },
    problems: [],
    full,
    skippedBecause,
    cippRead: [],
    cippFresh: 0,
    orgOfDevice: {},
    deviceCounts: null,
    linkFindings: [],
    linkChanges: [],
    linksRecorded: 0,
    forget: { links: [], fieldWrites: [] },
    acronisTenantSets: {},
    clears: [],
  };
}

/** The services this run writes, or the plan that says why there is nothing to do (nothing read yet). */
export function chooseServices(settings: FieldsJobSettings): { services: TargetService[]; notConfigured: TargetService[] } | FieldsSyncPlan {
  const { source, full } = settings;
  const chosen: TargetService[] = source === "all" ? ["acronis", "cipp"] : [source];
  const mapped = chosen.filter((service) => Object.keys(settings.mappings).some((id) => id.startsWith(`${service}.`)));
  if (mapped.length === 0) {
    return skippedPlan(full, `no ${source === "all" ? "" : `${source} `}source is mapped to a NinjaOne field; map one with \`ninja-bridge fields map <source> <field>\``);
  }
  const notConfigured = mapped.filter((s) => !settings.configured.includes(s));
  const services = mapped.filter((s) => !notConfigured.includes(s));
  if (services.length === 0) return skippedPlan(full, `${notConfigured.join(" and ")} ${notConfigured.length === 1 ? "is" : "are"} not configured in profile "${settings.profile}"`, notConfigured);
  return { services, notConfigured };
}

/**
 * Which mappings can be written (from the field definitions) and which linked organizations
 * to sync: those `--org` names, that NinjaOne still lists with their devices, and (for CIPP)
 * whose tenant was not read within the freshness window.
 */
export function fieldsBasis(
  settings: FieldsJobSettings,
  chosen: { services: TargetService[]; notConfigured: TargetService[] },
  read: { definitions: readonly CustomFieldDefinition[]; estate: NinjaEstate },
  state: ReadonlyStateDocument,
  now: Date,
): FieldsBasis {
  const { services, notConfigured } = chosen;
  const { estate } = read;
  const checked = checkMappings(settings, read.definitions, services);
  const { active, blocked, roleFields } = withRoleFields(checked, read.definitions, settings.roleFields ?? {});
  const only = selectOrgIds(estate.orgs, settings.orgs);
  const excluded = excludedOrgIds(state, "fields");
  const names = new Map(estate.orgs.map((o) => [o.id, o.name]));
  const problems: SyncProblem[] = [];
  const emptiedById = new Map(emptiedOrgs(state, estate.orgs, estate.devices, now).map((o) => [o.id, o]));
  const linksFor = (service: TargetService): Link[] =>
    linksOf(state, service).flatMap((link) => {
      if ((only !== undefined && !only.has(link.orgId)) || excluded.has(link.orgId)) return [];
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
  const fresh = freshCippTenants(state.cursors, mappedCipp.map((l) => l.targetId), now, settings.cippFreshForMinutes);
  const cippLinks = mappedCipp.filter((l) => !fresh.has(l.targetId));
  const deviceCounts = { orgs: orgDeviceCounts(estate.orgs, estate.devices), at: now.toISOString() };
  const forget = forgettable(state, now, settings.forgetAfterDays);
  const pairsIntune = active.some((m) => m.source.service === "cipp" && m.source.scope === "device");
  const entra = settings.entraIdField !== undefined && pairsIntune && cippLinks.length > 0 ? { entraIdField: settings.entraIdField } : {};
  const stale = settings.complianceOnly ? null : staleContext(settings, read, names);
  const linked = { acronis: new Set(linksOf(state, "acronis").map((l) => l.orgId)), cipp: new Set(linksOf(state, "cipp").map((l) => l.orgId)) };
  const records = Object.values(state.fieldWrites);
  const byMapping = stale === null ? { clears: [], drop: [] } : staleByMapping(records, stale, linked, services, only);
  return { services, notConfigured, active, blocked, devices: estate.devices, acronisLinks, cippLinks, cippFresh: fresh.size, problems, full: settings.full, deviceCounts, orgNames: names, at: now.toISOString(), forget, acronisTenantSets: knownTenantSets(state), ...entra, stale, staleByMapping: byMapping, roleFields };
}

/**
 * Role fields (scope NODE_ROLE) exist only on devices of some roles, which the API does not
 * show: a mapped role field is written to the roles `fields map --roles` recorded, and is
 * blocked until they are.
 */
function withRoleFields(checked: { active: ActiveMapping[]; blocked: DriftFinding[] }, definitions: readonly CustomFieldDefinition[], recorded: Readonly<Record<string, readonly number[]>>) {
  const roleScoped = new Set(definitions.filter((d) => d.fieldScope === "NODE_ROLE").map((d) => d.name));
  const roleFields = new Map<string, ReadonlySet<number>>();
  const active: ActiveMapping[] = [];
  const blocked = [...checked.blocked];
  for (const m of checked.active) {
    const roles = recorded[m.field.name];
    if (m.source.scope === "device" && roleScoped.has(m.field.name)) {
      if (roles === undefined) {
        blocked.push({ sourceId: m.source.id, fieldName: m.field.name, problem: "scope", reason: `field ${m.field.name} is a role field, and no device role is recorded for it`, fix: `Map it again with \`fields map ${m.source.id} ${m.field.name} --roles <role>\`, naming the device roles that have it.` });
        continue;
      }
      roleFields.set(m.field.name, new Set(roles));
    }
    active.push(m);
  }
  return { active, blocked, roleFields };
}

/** Each device keeps only the role fields its role has. */
function onlyRoleFieldsOfRole(desired: readonly DesiredEntityFields[], devices: NinjaEstate["devices"], roleFields: ReadonlyMap<string, ReadonlySet<number>>): DesiredEntityFields[] {
  if (roleFields.size === 0) return [...desired];
  const roleOf = new Map(devices.map((d) => [d.id, d.nodeRoleId ?? null]));
  return desired.map((entity) => {
    if (entity.scope !== "device") return entity;
    const role = roleOf.get(entity.entityId) ?? null;
    const fields = Object.fromEntries(Object.entries(entity.fields).filter(([name]) => {
      const roles = roleFields.get(name);
      return roles === undefined || (role !== null && roles.has(role));
    }));
    return { ...entity, fields };
  });
}

function staleContext(settings: FieldsJobSettings, read: { definitions: readonly CustomFieldDefinition[]; estate: NinjaEstate }, orgNames: ReadonlyMap<number, string>): StaleContext {
  const deviceName = deviceNamer(read.estate.devices);
  return {
    ownersOf: fieldOwners(settings.mappings),
    definitions: new Map(read.definitions.map((d) => [d.name, { type: d.type, writable: d.apiPermission === "READ_WRITE" || d.apiPermission === "WRITE_ONLY" }])),
    deviceOrg: new Map(read.estate.devices.map((d) => [d.id, d.organizationId])),
    entityName: (scope, id) => (scope === "device" ? deviceName(id) : (orgNames.get(id) ?? `org ${id}`)),
  };
}

/** Whether a run with no source mapped still has values of ours to clear. */
export function hasStaleValues(basis: FieldsBasis): boolean {
  return basis.staleByMapping.clears.length > 0 || basis.staleByMapping.drop.length > 0;
}

/**
 * The linked organizations cut into batches, `size` at a time (one batch when undefined), those
 * whose values landed longest ago first (`records`: the state's field writes), then by id. With no organization to sync there is still one (empty) batch: it carries the
 * blocked mappings and the organizations left out.
 */
export function orgBatches(basis: FieldsBasis, size: number | undefined, records: readonly WrittenRecord[] = []): number[][] {
  const ids = orderOrgs([...new Set([...basis.acronisLinks, ...basis.cippLinks].map((l) => l.orgId))], records, basis.devices);
  if (size === undefined || ids.length === 0) return [ids];
  const batches: number[][] = [];
  for (let i = 0; i < ids.length; i += size) batches.push(ids.slice(i, i + size));
  return batches;
}

/** The links of one batch's organizations. */
export function batchLinks(basis: FieldsBasis, orgIds: readonly number[]): { acronis: Link[]; cipp: Link[] } {
  const batch = new Set(orgIds);
  return { acronis: basis.acronisLinks.filter((l) => batch.has(l.orgId)), cipp: basis.cippLinks.filter((l) => batch.has(l.orgId)) };
}

/** What was read of one batch's tenants. */
export interface BatchReads {
  acronisLinks: Link[];
  cippLinks: Link[];
  acronis: { orgs: AcronisOrgStatuses[]; problems: SyncProblem[]; learned: Record<string, string[]> };
  cipp: { tenants: CippTenantData[]; problems: SyncProblem[] };
  /** NinjaOne device id → the value of the Entra device id field, for the devices of the batch's CIPP organizations; empty when no field is set. */
  entraIds: Map<number, string>;
}

/**
 * One batch's writes, planned against the state's hash cache: one PATCH per device or
 * organization carrying only changed values. Blocked mappings and gone organizations come with
 * the first batch only.
 */
export function planBatch(settings: FieldsJobSettings, basis: FieldsBasis, reads: BatchReads, state: ReadonlyStateDocument, first: boolean): FieldsSyncPlan {
  const { active, devices, full } = basis;
  const { acronis, cipp, acronisLinks, cippLinks } = reads;
  const context = { links: sectionEntries(state.deviceLinks), apart: sectionEntries(state.deviceApart), orgNames: basis.orgNames, now: new Date(basis.at), ...(basis.entraIdField === undefined ? {} : { entraIds: reads.entraIds }) };
  const fromAcronis = desiredAcronisFields(acronis.orgs, devices, active, context);
  const fromCipp = desiredCippFields(cipp.tenants, devices, active, { licensedUsersOnly: settings.licensedUsersOnly, unusedLicenceExclusions: settings.unusedLicenceExclusions ?? [] }, context);
  const desired = onlyRoleFieldsOfRole([...fromAcronis.desired, ...fromCipp.desired], devices, basis.roleFields);
  // The state's own record is the hash cache: a batch looks up its entities' keys, never the whole record.
  const hashes: FieldHashCache = { get: (key) => state.fieldWrites[key]?.hash, has: (key) => Object.hasOwn(state.fieldWrites, key) };
  const planned = planFieldWrites(desired, hashes, { full });
  const batchRecords = recordsOfBatch(basis, state, batchOrgIds(reads));
  const writes = { ...planned, actions: orderWrites(planned.actions, batchRecords) };
  const deviceIds = new Set(writes.actions.filter((a) => a.kind === "write" && a.scope === "device").map((a) => a.entityId));
  const orgOfDevice: Record<string, number> = {};
  for (const d of devices) if (deviceIds.has(d.id)) orgOfDevice[String(d.id)] = d.organizationId;
  const cippUnread = new Set(cipp.problems.map((p) => p.org.id));
  const stale = batchStale(basis, reads, batchRecords, desired, first);
  return {
    cippRead: settings.complianceOnly ? [] : cippLinks.filter((l) => !cippUnread.has(l.orgId)).map((l) => ({ tenantId: l.targetId, orgId: l.orgId })),
    cippFresh: first ? basis.cippFresh : 0,
    orgOfDevice,
    deviceCounts: first ? basis.deviceCounts : null,
    services: basis.services,
    mappings: active.map(mappingRow),
    blocked: first ? basis.blocked : [],
    notConfigured: basis.notConfigured,
    orgs: [...acronisLinks, ...cippLinks].map((l) => ({ service: l.service, id: l.orgId, name: l.orgName, target: l.targetName })),
    writes,
    problems: [...(first ? basis.problems : []), ...acronis.problems, ...cipp.problems, ...fromAcronis.problems, ...fromCipp.problems],
    full,
    linkFindings: [...fromAcronis.findings, ...fromCipp.findings],
    linkChanges: [...fromAcronis.linkChanges, ...fromCipp.linkChanges],
    linksRecorded: [...fromAcronis.linkChanges, ...fromCipp.linkChanges].filter((c) => c.kind === "record" && c.link.goneAt === undefined).length,
    forget: { links: first ? basis.forget.links : [], fieldWrites: [...(first ? basis.forget.fieldWrites : []), ...stale.drop] },
    clears: stale.clears,
    acronisTenantSets: acronis.learned,
  };
}

/**
 * The stale values one batch clears: those of the organizations it read in full that it no
 * longer writes (only fields of mappings that can be written now), and with the first batch
 * those of unmapped sources and unlinked organizations.
 */
function batchStale(basis: FieldsBasis, reads: BatchReads, records: readonly FieldWrite[], desired: readonly DesiredEntityFields[], first: boolean): StaleFields {
  if (basis.stale === null) return { clears: [], drop: [] };
  const okOrgs = (links: readonly Link[], problems: readonly SyncProblem[]) => {
    const failed = new Set(problems.map((p) => p.org.id));
    return new Set(links.filter((l) => !failed.has(l.orgId)).map((l) => l.orgId));
  };
  const inBatch = staleInBatch(records, basis.stale, { acronis: okOrgs(reads.acronisLinks, reads.acronis.problems), cipp: okOrgs(reads.cippLinks, reads.cipp.problems) }, desired);
  return first ? { clears: [...basis.staleByMapping.clears, ...inBatch.clears], drop: [...basis.staleByMapping.drop, ...inBatch.drop] } : inBatch;
}

function batchOrgIds(reads: BatchReads): Set<number> {
  return new Set([...reads.acronisLinks, ...reads.cippLinks].map((l) => l.orgId));
}

/**
 * The recorded writes of the fields mapped now to one batch's organizations and their devices
 * (by the organization NinjaOne lists each device in), found by key: every batch walking the
 * whole record made a run's cost grow with the square of the estate.
 */
function recordsOfBatch(basis: FieldsBasis, state: ReadonlyStateDocument, orgIds: ReadonlySet<number>): FieldWrite[] {
  const fields = [...new Set(basis.active.map((m) => m.field.name))];
  const byOrg = byOrganization(basis.devices);
  const records: FieldWrite[] = [];
  const collect = (scope: FieldWrite["scope"], id: number) => {
    for (const field of fields) {
      const record = state.fieldWrites[fieldWriteKey(scope, id, field)];
      if (record !== undefined) records.push(record);
    }
  };
  for (const orgId of orgIds) {
    collect("organization", orgId);
    for (const device of byOrg.get(orgId) ?? []) collect("device", device.id);
  }
  return records;
}

function mappingRow(m: ActiveMapping): FieldsSyncPlan["mappings"][number] {
  return { sourceId: m.source.id, fieldName: m.field.name, fieldType: m.field.type };
}

/** The hash records an applied write no longer needs, one empty list for all of them. */
const NO_RECORDS = Object.freeze([]) as unknown as FieldHashEntry[];

/**
 * An applied batch's plan as the report reads it, kept until the run ends: the writes' field
 * names without their values (a summary is kilobytes of HTML) or hash records, no entity that
 * was skipped (the counts keep them), no link changes (recorded, and counted) or device map.
 * Every batch's whole plan held to the end was tens of megabytes on 50,000 devices.
 */
export function appliedPlanForReport(plan: FieldsSyncPlan): FieldsSyncPlan {
  const actions = plan.writes.actions.flatMap((a) =>
    a.kind === "write"
      ? [
          // Named one by one, not spread: all nine then sit in the object itself.
          {
            kind: a.kind,
            scope: a.scope,
            entityId: a.entityId,
            entityName: a.entityName,
            fields: sharedBlankFields(Object.keys(a.fields)) as Record<string, FieldValue>,
            changed: sharedNames(a.changed) as string[],
            unchanged: sharedNames(a.unchanged) as string[],
            reason: sharedText(a.reason),
            record: NO_RECORDS,
          },
        ]
      : [],
  );
  return { ...plan, writes: { counts: plan.writes.counts, actions }, linkChanges: [], orgOfDevice: {} };
}

/** The plans of every batch as one, for the report; one plan stays as it is. */
export function mergePlans(plans: readonly FieldsSyncPlan[]): FieldsSyncPlan {
  const [first, ...rest] = plans;
  if (first === undefined) throw new Error("a fields run has at least one plan");
  if (rest.length === 0) return first;
  const all = [first, ...rest];
  const sum = (key: keyof FieldWritePlan["counts"]) => all.reduce((n, p) => n + p.writes.counts[key], 0);
  return {
    ...first,
    orgs: all.flatMap((p) => p.orgs),
    blocked: all.flatMap((p) => p.blocked),
    writes: {
      actions: all.flatMap((p) => p.writes.actions),
      counts: { entitiesWritten: sum("entitiesWritten"), entitiesUnchanged: sum("entitiesUnchanged"), fieldsWritten: sum("fieldsWritten"), fieldsUnchanged: sum("fieldsUnchanged") },
    },
    problems: all.flatMap((p) => p.problems),
    cippRead: all.flatMap((p) => p.cippRead),
    linkFindings: all.flatMap((p) => p.linkFindings),
    linkChanges: all.flatMap((p) => p.linkChanges),
    linksRecorded: all.reduce((n, p) => n + p.linksRecorded, 0),
    clears: all.flatMap((p) => p.clears),
    forget: { links: all.flatMap((p) => p.forget.links), fieldWrites: all.flatMap((p) => p.forget.fieldWrites) },
    cippFresh: all.reduce((n, p) => n + p.cippFresh, 0),
    orgOfDevice: Object.assign({}, ...all.map((p) => p.orgOfDevice)) as Record<string, number>,
    acronisTenantSets: Object.assign({}, ...all.map((p) => p.acronisTenantSets)) as Record<string, string[]>,
  };
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
    planned: plan.writes.actions.filter((a) => a.kind === "write").length + plan.clears.length,
    applied: 0,
    failed: plan.blocked.length + failures,
    skipped: plan.problems.length - failures,
  };
}

export function addCounts(a: JobCounts, b: JobCounts): JobCounts {
  return { planned: a.planned + b.planned, applied: a.applied + b.applied, failed: a.failed + b.failed, skipped: a.skipped + b.skipped };
}

/** The state's device counts to update from the first batch's listing; none for a later batch. */
export function deviceCountsToRecord(plan: FieldsSyncPlan, state: ReadonlyStateDocument) {
  return plan.deviceCounts === null ? [] : deviceCountUpdates(state, plan.deviceCounts.orgs, new Date(plan.deviceCounts.at));
}
