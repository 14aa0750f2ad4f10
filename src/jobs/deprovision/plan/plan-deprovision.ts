import type { ReadonlyStateDocument } from "../../../state/index.js";
import { linksOf } from "../../shared/mappings.js";
import { excludedOrgIds } from "../../shared/exclusions.js";
import type { JobCounts } from "../../job.js";
import type { PlanOrg } from "../../shared/acronis-customers/read.js";
import { plural } from "../../../plural.js";

/** A mapped Acronis customer as deprovisioning sees it; absent from the map when Acronis no longer has it. */
export interface DeprovisionTenant {
  id: string;
  name: string;
  enabled: boolean;
  /** RFC3339; the tenant's own last update, which for a disabled tenant is when it was disabled. */
  updatedAt: string | null;
}

export type DeprovisionActionKind = "disable" | "delete" | "reenable" | "wait" | "hold" | "gone";

export interface DeprovisionAction {
  kind: DeprovisionActionKind;
  org: PlanOrg;
  tenant: { id: string; name: string };
  reason: string;
  /** When the customer was disabled (delete, wait and hold). */
  disabledAt?: string;
  /** When it may be deleted (wait), if deletes are on. */
  deleteFrom?: string;
  /** A disabled customer with no record of who disabled it: the record is written from the tenant's own time. */
  recordDisabled?: boolean;
}

export interface DeprovisionPlan {
  actions: DeprovisionAction[];
  /** Set when a safety rule stops the whole run: nothing is applied. */
  stop?: { reason: string; hint: string };
}

export interface DeprovisionRules {
  /** Null never deletes. */
  deleteAfterDays: number | null;
  /** The most customers one run may disable. */
  maxDisables: number;
  /** Deletes need --yes or a person's confirmation; without either a due delete is held. */
  allowDeletes: boolean;
}

export interface DeprovisionPlanInput {
  orgs: readonly PlanOrg[];
  state: ReadonlyStateDocument;
  tenants: ReadonlyMap<string, DeprovisionTenant>;
  rules: DeprovisionRules;
  now: Date;
  /**
   * Whose clock `now` is: Acronis' (its Date header), the clock the disable times were read
   * on, or the local one when Acronis told no time. Unset: local.
   */
  clock?: "acronis" | "local";
}

const DAY_MS = 86_400_000;

/** Actions that change something in Acronis or in the state file. */
export function isDeprovisionWork(action: DeprovisionAction): boolean {
  return action.kind === "disable" || action.kind === "delete" || action.kind === "reenable" || action.recordDisabled === true;
}

export function deprovisionPlanCounts(plan: DeprovisionPlan): JobCounts {
  const planned = plan.stop === undefined ? plan.actions.filter(isDeprovisionWork).length : 0;
  return { planned, applied: 0, failed: 0, skipped: plan.actions.filter((a) => a.kind === "hold").length };
}

/**
 * The mapped customers whose disable time must be read one by one: the organization is gone,
 * the customer is disabled, and no record says we disabled it. A tenant's own update time is
 * when it was disabled, and the listing does not carry it.
 */
export function unexplainedDisables(input: Pick<DeprovisionPlanInput, "orgs" | "state" | "tenants">): string[] {
  if (input.orgs.length === 0) return [];
  const present = new Set(input.orgs.map((o) => o.id));
  return linksOf(input.state, "acronis")
    .filter((l) => {
      const record = input.state.provisioning[String(l.orgId)];
      const tenant = input.tenants.get(l.targetId);
      return !present.has(l.orgId) && tenant !== undefined && !tenant.enabled && !(record?.status === "disabled" && record.acronisTenantId === l.targetId);
    })
    .map((l) => l.targetId);
}

/**
 * A mapped organization gone from NinjaOne gets its customer disabled; a customer disabled
 * for `deleteAfterDays` gets deleted; an organization back in NinjaOne before that gets its
 * customer re-enabled. An empty organization list, or more disables than allowed, stops
 * the run: an API that lists nothing is a fault, not an instruction.
 */
export function planDeprovision(input: DeprovisionPlanInput): DeprovisionPlan {
  const present = new Set(input.orgs.map((o) => o.id));
  const excluded = excludedOrgIds(input.state, "deprovision");
  const actions: DeprovisionAction[] = [];
  for (const link of linksOf(input.state, "acronis").filter((l) => !excluded.has(l.orgId))) {
    const org = { id: link.orgId, name: link.orgName };
    const record = input.state.provisioning[String(link.orgId)];
    const tenant = input.tenants.get(link.targetId);
    const ref = { id: link.targetId, name: tenant?.name ?? link.targetName };
    const disabledByUs = record?.status === "disabled" && record.acronisTenantId === link.targetId;
    if (present.has(link.orgId)) {
      if (!disabledByUs) continue;
      actions.push(
        tenant === undefined
          ? { kind: "gone", org, tenant: ref, reason: "the organization is back, but Acronis no longer has its customer" }
          : { kind: "reenable", org, tenant: ref, reason: "the organization is back in NinjaOne" },
      );
      continue;
    }
    if (tenant === undefined) {
      actions.push({ kind: "gone", org, tenant: ref, reason: "the organization is gone from NinjaOne and Acronis no longer has its customer" });
    } else if (tenant.enabled) {
      actions.push({ kind: "disable", org, tenant: ref, reason: "the organization is gone from NinjaOne" });
    } else {
      const recorded = disabledByUs ? record?.disabledAt : undefined;
      actions.push(afterDisable(org, ref, recorded ?? tenant.updatedAt ?? input.now.toISOString(), recorded === undefined, input));
    }
  }

  if (input.orgs.length === 0) {
    return {
      actions,
      stop: {
        reason: "NinjaOne returned no organizations, so every mapped customer would look deleted",
        hint: "check the NinjaOne connection and its permissions (`ninja-bridge auth test ninjaone`); nothing was changed",
      },
    };
  }
  const disables = actions.filter((a) => a.kind === "disable").length;
  if (disables > input.rules.maxDisables) {
    return {
      actions,
      stop: {
        reason: `${disables} customers would be disabled, more than the limit of ${input.rules.maxDisables} per run`,
        hint: `check that these organizations were really deleted in NinjaOne; if so, run again with --max-deprovision ${disables}`,
      },
    };
  }
  return { actions };
}

function afterDisable(org: PlanOrg, tenant: { id: string; name: string }, disabledAt: string, recordDisabled: boolean, input: DeprovisionPlanInput): DeprovisionAction {
  const base = { org, tenant, disabledAt, ...(recordDisabled ? { recordDisabled } : {}) };
  const days = input.rules.deleteAfterDays;
  if (days === null) return { ...base, kind: "wait", reason: "disabled; deleting is off" };
  const due = Date.parse(disabledAt) + days * DAY_MS;
  const deleteFrom = new Date(due).toISOString();
  const clock = input.clock === "acronis" ? "by Acronis' clock" : "by the local clock";
  if (input.now.getTime() < due) return { ...base, kind: "wait", deleteFrom, reason: `disabled; deleted from ${deleteFrom.slice(0, 10)} (after ${plural(days, "day")}, ${clock})` };
  if (!input.rules.allowDeletes) return { ...base, kind: "hold", reason: `disabled ${days}+ days ago ${clock}; deleting needs --yes or a confirmation` };
  return { ...base, kind: "delete", reason: `disabled ${days}+ days ago ${clock}` };
}
