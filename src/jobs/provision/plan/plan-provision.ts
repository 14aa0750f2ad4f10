import type { OfferingItem } from "../../../clients/acronis/tenant-admin.js";
import { UsageError } from "../../../errors.js";
import type { ReadonlyStateDocument } from "../../../state/index.js";
import { exactNameKey, normalizeName } from "../../shared/names/normalize-name.js";
import { linksOf } from "../../shared/mappings.js";
import { excludedOrgIds } from "../../shared/exclusions.js";
import type { JobCounts } from "../../job.js";
import { adminEmailFor } from "../../shared/acronis-customers/admin-email.js";
import { orgsAppearedSince } from "./orgs-seen.js";
import type { PlanOrg } from "../../shared/acronis-customers/read.js";
import type { ProvisionSettings } from "../../shared/acronis-customers/settings.js";
import { internalTagOf, isUnfinished, PROVISIONING_STEPS, remainingSteps, type ProvisionStep } from "./steps.js";

/** An Acronis customer under the partner; `internalTag` is known only for tenants read one by one. */
export interface PlanTenant {
  id: string;
  name: string;
  internalTag?: string | null;
}

/** Which organizations to provision: named ones, every unmapped one, or (in `sync`) the new ones. */
export type ProvisionSelection = { kind: "orgs"; refs: readonly string[] } | { kind: "all-unmapped" } | { kind: "appeared" };

export type ProvisionActionKind = "create" | "resume" | "adopt" | "refuse" | "skip";

export interface ProvisionAction {
  kind: ProvisionActionKind;
  org: PlanOrg;
  /** The tenant to create (id null) or the one found or recorded. */
  tenant: { id: string | null; name: string };
  mode: ProvisionSettings["mode"];
  /** Null when no admin e-mail is configured. */
  adminEmail: string | null;
  mfa: boolean;
  /** The steps this run will take, in order (empty for refuse and skip). */
  steps: ProvisionStep[];
  /** Why, for a person. */
  reason: string;
  /** Unmapped customers that already carry this organization's name (refuse only). */
  candidates?: Array<{ id: string; name: string }>;
}

export interface ProvisionPlan {
  actions: ProvisionAction[];
  /** Set when some action needs an admin e-mail and none is configured. */
  missingAdminEmail: boolean;
}

/** The plan with what apply needs besides the actions. */
export interface ProvisionJobPlan extends ProvisionPlan {
  /** Every NinjaOne organization listed now; apply records them as seen. */
  orgs: PlanOrg[];
  /** The offering items each new customer gets; empty when no action enables services. */
  services: OfferingItem[];
}

export interface ProvisionPlanInput {
  orgs: readonly PlanOrg[];
  tenants: readonly PlanTenant[];
  state: ReadonlyStateDocument;
  settings: ProvisionSettings;
  selection: ProvisionSelection;
}

const WORK: ReadonlySet<ProvisionActionKind> = new Set(["create", "resume", "adopt"]);

/** Actions that change something in Acronis. */
export function isWork(action: ProvisionAction): boolean {
  return WORK.has(action.kind);
}

/** What a plan would do, for dry runs and summaries. */
export function provisionPlanCounts(plan: ProvisionPlan): JobCounts {
  const planned = plan.actions.filter(isWork).length;
  return { planned, applied: 0, failed: 0, skipped: plan.actions.filter((a) => a.kind === "refuse").length };
}

/** Unmapped customers that carry the name of an organization to provision: read one by one, their internal_tag tells a customer a killed run created from a real duplicate. */
export function lookalikeIds(plan: ProvisionPlan): Set<string> {
  return new Set(plan.actions.flatMap((a) => a.candidates ?? []).map((c) => c.id));
}

/** Whether some customer is to get services, so the partner's offer must be read first. */
export function needsServices(plan: ProvisionPlan): boolean {
  return plan.actions.some((a) => isWork(a) && a.steps.includes("services"));
}

/**
 * Decides, per selected organization, whether to create its customer, resume one a
 * previous run left half-done, adopt one a killed run created but never recorded (it
 * carries our internal_tag), or refuse: an unmapped customer with the same normalised name
 * is the duplicate the vendor warns about, and mapping it (`orgs map`) is the fix.
 */
export function planProvision(input: ProvisionPlanInput): ProvisionPlan {
  const mapped = new Map(linksOf(input.state, "acronis").map((l) => [l.orgId, l]));
  const mappedTenants = new Map(linksOf(input.state, "acronis").map((l) => [l.targetId, l]));
  const excluded = excludedOrgIds(input.state, "provision");
  const tenants = indexTenants(input.tenants, mappedTenants);
  const actions = selectOrgs(input, mapped).map((org) =>
    excluded.has(org.id) ? excludedAction(org, input.settings) : decide(org, input, mapped, mappedTenants, tenants),
  );
  return { actions, missingAdminEmail: actions.some((a) => isWork(a) && a.adminEmail === null && a.steps.includes("user")) };
}

function selectOrgs(input: ProvisionPlanInput, mapped: ReadonlyMap<number, unknown>): PlanOrg[] {
  const unfinished = (org: PlanOrg) => {
    const record = input.state.provisioning[String(org.id)];
    return record !== undefined && isUnfinished(record);
  };
  switch (input.selection.kind) {
    case "orgs":
      return uniqueById(input.selection.refs.map((ref) => resolveOrg(input.orgs, ref)));
    case "all-unmapped":
      return input.orgs.filter((org) => !mapped.has(org.id));
    case "appeared": {
      if (!input.settings.autoProvision) return input.orgs.filter(unfinished);
      const appeared = new Set(orgsAppearedSince(input.state.orgsSeen, input.orgs).map((o) => o.id));
      return input.orgs.filter((org) => unfinished(org) || (appeared.has(org.id) && !mapped.has(org.id)));
    }
  }
}

/** An organization `orgs exclude` left out of provisioning: named in the plan, never created. */
function excludedAction(org: PlanOrg, settings: ProvisionSettings): ProvisionAction {
  return { kind: "skip", org, tenant: { id: null, name: "" }, mode: settings.mode, adminEmail: null, mfa: settings.mfa, steps: [], reason: "excluded from provision (`orgs exclude`)" };
}

function uniqueById(orgs: PlanOrg[]): PlanOrg[] {
  return [...new Map(orgs.map((o) => [o.id, o])).values()];
}

/** An organization by id, by name as written (any case), or by normalised name; never a guess between two. */
export function resolveOrg(orgs: readonly PlanOrg[], ref: string): PlanOrg {
  const trimmed = ref.trim();
  if (/^\d+$/.test(trimmed)) {
    const byId = orgs.find((o) => o.id === Number(trimmed));
    if (byId !== undefined) return byId;
  }
  for (const key of [exactNameKey, normalizeName]) {
    const found = orgs.filter((o) => key(o.name) === key(trimmed));
    if (found.length === 1) return found[0] as PlanOrg;
    if (found.length > 1) {
      throw new UsageError(`"${ref}" names ${found.length} NinjaOne organizations: ${found.map((o) => `${o.name} (${o.id})`).join(", ")}`, {
        hint: "name the organization by its id",
      });
    }
  }
  throw new UsageError(`no NinjaOne organization "${ref}"`, { hint: "run `ninja-bridge orgs list` to see the organizations and their ids" });
}

/** The customers by what `decide` looks them up by, built once: a partner may hold thousands, and every selected organization asks. */
interface TenantIndex {
  /** Unmapped customers by internal_tag, the first of each. */
  unmappedByTag: Map<string, PlanTenant>;
  /** Unmapped customers by normalised name. */
  unmappedByName: Map<string, PlanTenant[]>;
  /** Every customer by its name as written (any case), the first of each. */
  byExactName: Map<string, PlanTenant>;
}

function indexTenants(tenants: readonly PlanTenant[], mappedTenants: ReadonlyMap<string, unknown>): TenantIndex {
  const index: TenantIndex = { unmappedByTag: new Map(), unmappedByName: new Map(), byExactName: new Map() };
  for (const t of tenants) {
    const exact = exactNameKey(t.name);
    if (!index.byExactName.has(exact)) index.byExactName.set(exact, t);
    if (mappedTenants.has(t.id)) continue;
    if (typeof t.internalTag === "string" && !index.unmappedByTag.has(t.internalTag)) index.unmappedByTag.set(t.internalTag, t);
    const key = normalizeName(t.name);
    const same = index.unmappedByName.get(key);
    if (same === undefined) index.unmappedByName.set(key, [t]);
    else same.push(t);
  }
  return index;
}

function decide(
  org: PlanOrg,
  input: ProvisionPlanInput,
  mapped: ReadonlyMap<number, { targetName: string; targetId: string }>,
  mappedTenants: ReadonlyMap<string, { orgId: number }>,
  tenants: TenantIndex,
): ProvisionAction {
  const { settings } = input;
  const adminEmail = settings.adminEmail === undefined ? null : adminEmailFor(settings.adminEmail, org);
  const base = { org, mode: settings.mode, adminEmail, mfa: settings.mfa };
  const record = input.state.provisioning[String(org.id)];

  if (record !== undefined && isUnfinished(record)) {
    const steps = remainingSteps(record.steps);
    return {
      kind: "resume",
      org,
      tenant: { id: record.acronisTenantId, name: record.acronisTenantName },
      mode: record.mode ?? settings.mode,
      adminEmail: record.adminEmail ?? adminEmail,
      mfa: record.mfa ?? settings.mfa,
      steps,
      reason: `a previous run stopped before: ${steps[0] ?? "map"}`,
    };
  }
  const link = mapped.get(org.id);
  if (link !== undefined) {
    return { ...base, kind: "skip", tenant: { id: link.targetId, name: link.targetName }, steps: [], reason: `already mapped to Acronis customer ${link.targetName}` };
  }

  const tag = internalTagOf(org.id);
  const ours = tenants.unmappedByTag.get(tag);
  if (ours !== undefined) {
    return {
      ...base,
      kind: "adopt",
      tenant: { id: ours.id, name: ours.name },
      steps: PROVISIONING_STEPS.filter((s) => s !== "tenant"),
      reason: "a previous run created this customer but stopped before recording it",
    };
  }

  const candidates = (tenants.unmappedByName.get(normalizeName(org.name)) ?? []).map((t) => ({ id: t.id, name: t.name }));
  if (candidates.length > 0) {
    return {
      ...base,
      kind: "refuse",
      tenant: { id: null, name: org.name },
      steps: [],
      candidates,
      reason: `an unmapped Acronis customer with the same name already exists (${candidates.map((c) => c.name).join(", ")}); creating another would duplicate it; map it with \`ninja-bridge orgs map\` instead`,
    };
  }
  const holder = tenants.byExactName.get(exactNameKey(org.name));
  if (holder !== undefined) {
    const owner = mappedTenants.get(holder.id);
    return {
      ...base,
      kind: "refuse",
      tenant: { id: null, name: org.name },
      steps: [],
      reason: `the name is taken by Acronis customer ${holder.name}${owner === undefined ? "" : `, mapped to organization ${owner.orgId}`}; Acronis names are unique`,
    };
  }
  return { ...base, kind: "create", tenant: { id: null, name: org.name }, steps: [...PROVISIONING_STEPS], reason: "no Acronis customer is mapped to this organization" };
}
