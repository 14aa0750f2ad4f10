import { deleteTenant, getTenant, setTenantEnabled } from "../../clients/acronis/tenant-admin.js";
import { mapConcurrent } from "../../clients/async-lists.js";
import { BridgeError, NotFoundError } from "../../errors.js";
import type { HttpClient } from "../../http/index.js";
import type { ReadonlyStateDocument, StateHandle } from "../../state/index.js";
import type { JobCounts, JobHooks } from "../job.js";
import type { JobSession } from "../shared/session.js";
import { linksOf, removeLink } from "../shared/mappings.js";
import { isDeprovisionWork, planDeprovision, type DeprovisionAction, type DeprovisionPlan, type DeprovisionRules, type DeprovisionTenant } from "./plan-deprovision.js";
import { markDeleted, markDisabled, markReenabled } from "./records.js";

export interface DeprovisionJobOptions {
  rules: DeprovisionRules;
  /** The local clock; a customer's disable time is Acronis' own (its `updated_at`). */
  now: Date;
}

export interface DeprovisionResult {
  action: DeprovisionAction;
  result: "applied" | "failed";
  error?: string;
}

export interface DeprovisionOutcome {
  results: DeprovisionResult[];
  counts: JobCounts;
}

/** A safety rule stopped the run before anything changed (exit 1). */
export class DeprovisionStopped extends BridgeError {}

const CONCURRENCY = 4;

/**
 * Reads NinjaOne's organizations and Acronis' customers (shared through the session). A
 * disabled customer of a gone organization that no record says we disabled is read one by
 * one for its own update time, which is when it was disabled.
 */
export async function planDeprovisionJob(session: JobSession, state: ReadonlyStateDocument, options: DeprovisionJobOptions): Promise<DeprovisionPlan> {
  const [ninja, acronis] = await Promise.all([session.ninjaEstate({ devices: false }), session.acronisEstate({ devices: false })]);
  const orgs = ninja.orgs.map((o) => ({ id: o.id, name: o.name }));
  const tenants = new Map<string, DeprovisionTenant>(acronis.targets.map((t) => [t.id, { id: t.id, name: t.name, enabled: t.enabled, updatedAt: null }]));
  const present = new Set(orgs.map((o) => o.id));
  const unexplained = linksOf(state, "acronis").filter((l) => {
    const record = state.provisioning[String(l.orgId)];
    const tenant = tenants.get(l.targetId);
    return !present.has(l.orgId) && tenant !== undefined && !tenant.enabled && !(record?.status === "disabled" && record.acronisTenantId === l.targetId);
  });
  if (unexplained.length > 0 && orgs.length > 0) {
    const http = (await session.acronis()).http;
    for await (const t of mapConcurrent(unexplained, CONCURRENCY, (l) => getTenant(http, l.targetId))) {
      tenants.set(t.id, { id: t.id, name: t.name, enabled: t.enabled, updatedAt: t.updatedAt?.toISOString() ?? null });
    }
  }
  return planDeprovision({ orgs, state, tenants, rules: options.rules, now: options.now });
}

export function deprovisionPlanCounts(plan: DeprovisionPlan): JobCounts {
  const planned = plan.stop === undefined ? plan.actions.filter(isDeprovisionWork).length : 0;
  return { planned, applied: 0, failed: 0, skipped: plan.actions.filter((a) => a.kind === "hold").length };
}

/** Disables, deletes and re-enables as planned, recording each as it lands. A stopped plan changes nothing. */
export async function applyDeprovisionJob(session: JobSession, state: StateHandle, plan: DeprovisionPlan, hooks: JobHooks, now: () => Date = () => new Date()): Promise<DeprovisionOutcome> {
  if (plan.stop !== undefined) throw new DeprovisionStopped(`deprovision stopped: ${plan.stop.reason}`, { hint: plan.stop.hint });
  const work = plan.actions.filter(isDeprovisionWork);
  const counts = deprovisionPlanCounts(plan);
  for (const held of plan.actions.filter((a) => a.kind === "hold")) {
    hooks.onAction?.({ job: "deprovision", action: "delete-tenant", target: label(held), result: "skipped", detail: held.reason });
  }
  if (work.length === 0) return { results: [], counts };
  const http = (await session.acronis()).http;
  const results: DeprovisionResult[] = [];
  for await (const result of mapConcurrent(work, CONCURRENCY, (action) => applyOne(http, state, action, now))) {
    results.push(result);
    hooks.onAction?.({
      job: "deprovision",
      action: `${result.action.kind}-tenant`,
      target: label(result.action),
      result: result.result,
      ...(result.error === undefined ? {} : { detail: result.error }),
    });
    hooks.onProgress?.(results.length, work.length);
  }
  session.forget("acronis");
  const failed = results.filter((r) => r.result === "failed").length;
  return { results, counts: { ...counts, applied: results.length - failed, failed } };
}

function label(action: DeprovisionAction): string {
  return `${action.org.name} (org ${action.org.id}) → ${action.tenant.name}`;
}

async function applyOne(http: HttpClient, state: StateHandle, action: DeprovisionAction, now: () => Date): Promise<DeprovisionResult> {
  try {
    await change(http, state, action, now);
    return { action, result: "applied" };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const hint = error instanceof BridgeError && error.hint !== undefined ? `; ${error.hint}` : "";
    return { action, result: "failed", error: `${message}${hint}` };
  }
}

/** Each change reads the tenant's current version first: Acronis refuses an update or delete made with a stale one. */
async function change(http: HttpClient, state: StateHandle, action: DeprovisionAction, now: () => Date): Promise<void> {
  const orgId = action.org.id;
  const at = () => now().toISOString();
  if (action.recordDisabled === true && action.disabledAt !== undefined) {
    const disabledAt = action.disabledAt;
    await state.update((d) => markDisabled(d, action, disabledAt, at()));
  }
  switch (action.kind) {
    case "disable": {
      const tenant = await getTenant(http, action.tenant.id);
      const disabled = tenant.enabled ? await setTenantEnabled(http, tenant, false) : tenant;
      const disabledAt = disabled.updatedAt?.toISOString() ?? at();
      await state.update((d) => markDisabled(d, action, disabledAt, at()));
      return;
    }
    case "reenable": {
      const tenant = await getTenant(http, action.tenant.id);
      if (!tenant.enabled) await setTenantEnabled(http, tenant, true);
      await state.update((d) => markReenabled(d, orgId, at()));
      return;
    }
    case "delete": {
      let tenant;
      try {
        tenant = await getTenant(http, action.tenant.id);
      } catch (error) {
        // Already gone: a run that died after the delete, or a person who deleted it.
        if (!(error instanceof NotFoundError)) throw error;
      }
      if (tenant?.enabled === true) throw new BridgeError(`${action.tenant.name} was enabled again outside ninja-bridge; not deleted`);
      if (tenant !== undefined) await deleteTenant(http, tenant);
      await state.update((d) => {
        markDeleted(d, orgId, at());
        removeLink(d, "acronis", orgId);
      });
      return;
    }
    case "wait":
    case "hold":
    case "gone":
      return;
  }
}
