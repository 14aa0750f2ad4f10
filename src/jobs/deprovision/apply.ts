import { deleteTenant, getTenant, setTenantEnabled } from "../../clients/acronis/tenant-admin.js";
import { BridgeError, NotFoundError } from "../../errors.js";
import type { HttpClient } from "../../http/index.js";
import type { StateDocument, StateHandle } from "../../state/index.js";
import { stoppedWith, type JobCounts, type JobRun } from "../job.js";
import { failureText } from "../shared/acronis-customers/failure.js";
import { orgLabel } from "../shared/acronis-customers/read.js";
import { applyEach, stopsTheRun } from "../shared/apply-loop.js";
import { removeLink } from "../shared/mappings.js";
import { deprovisionPlanCounts, isDeprovisionWork, type DeprovisionAction, type DeprovisionPlan } from "./plan/plan-deprovision.js";
import { markDeleted, markDisabled, markReenabled } from "./records.js";

export interface DeprovisionResult {
  action: DeprovisionAction;
  result: "applied" | "failed";
  error?: string;
}

export interface DeprovisionOutcome {
  /** One per action that changes something, in the plan's order. */
  results: DeprovisionResult[];
  counts: JobCounts;
}

/** A safety rule stopped the run before anything changed (exit 1). */
export class DeprovisionStopped extends BridgeError {}

/** Customers changed at once; Acronis counts requests per client. */
const CONCURRENCY = 4;

/** The actions that change a customer in Acronis, each recorded once it landed. */
const CHANGES: ReadonlySet<DeprovisionAction["kind"]> = new Set(["disable", "reenable", "delete"]);

/** What a change in Acronis left to record: when the customer was disabled, by Acronis' own clock. */
interface Landed {
  disabledAt?: string;
}

/**
 * Disables, deletes and re-enables as planned, one action per customer, recording each as it
 * lands. A stopped plan changes nothing. An error every action would meet stops the run: the
 * actions not started are reported as not tried, and the error is thrown with what landed.
 */
export async function applyDeprovision(run: Pick<JobRun<unknown>, "session" | "state" | "hooks">, plan: DeprovisionPlan, now: () => Date = () => new Date()): Promise<DeprovisionOutcome> {
  const { session, state, hooks } = run;
  const counts = deprovisionPlanCounts(plan);
  if (plan.stop !== undefined) {
    const nothing: DeprovisionOutcome = { results: [], counts };
    throw stoppedWith(new DeprovisionStopped(`deprovision stopped: ${plan.stop.reason}`, { hint: plan.stop.hint }), nothing);
  }
  for (const held of plan.actions.filter((a) => a.kind === "hold")) {
    hooks.onAction?.({ job: "deprovision", action: "delete-tenant", target: orgLabel(held.org, held.tenant), result: "skipped", detail: held.reason });
  }
  const work = plan.actions.filter(isDeprovisionWork);
  if (work.length === 0) return { results: [], counts };
  const http = (await session.acronis()).http;
  const at = () => now().toISOString();
  const loop = await applyEach(
    work,
    {
      job: "deprovision",
      describe: (action) => ({ action: `${action.kind}-tenant`, target: orgLabel(action.org, action.tenant) }),
      run: (action) => change(http, state, action, at),
      // wait and hold change nothing in Acronis: what they record (recordDisabled) landed before.
      record: async (action, landed) => {
        if (CHANGES.has(action.kind)) await state.update((d) => recordChange(d, action, landed, at()));
      },
    },
    { concurrency: CONCURRENCY, hooks },
  );
  session.forget("acronis");
  const failed = new Map(loop.failed.map((f) => [f.action, f.error]));
  const results = work.map((action): DeprovisionResult => {
    const error = failed.get(action);
    return error === undefined ? { action, result: "applied" } : { action, result: "failed", error };
  });
  const outcome = { results, counts: { ...counts, applied: results.length - failed.size, failed: failed.size } };
  if (loop.stop !== undefined) throw stoppedWith(loop.stop, outcome);
  return outcome;
}

/**
 * One customer's change in Acronis. Each reads the tenant's current version first: Acronis
 * refuses an update or delete made with a stale one. A failure keeps its hint in its message;
 * an error every action would meet keeps its kind, so the loop stops.
 */
async function change(http: HttpClient, state: StateHandle, action: DeprovisionAction, at: () => string): Promise<Landed> {
  try {
    return await changeTenant(http, state, action, at);
  } catch (error) {
    throw stopsTheRun(error) ? error : new BridgeError(failureText(error));
  }
}

async function changeTenant(http: HttpClient, state: StateHandle, action: DeprovisionAction, at: () => string): Promise<Landed> {
  if (action.recordDisabled === true && action.disabledAt !== undefined) {
    const disabledAt = action.disabledAt;
    await state.update((d) => markDisabled(d, action, disabledAt, at()));
  }
  switch (action.kind) {
    case "disable": {
      const tenant = await getTenant(http, action.tenant.id);
      const disabled = tenant.enabled ? await setTenantEnabled(http, tenant, false) : tenant;
      // Without the tenant's own update time, Acronis' clock after the disable, then ours: the delete counts days on Acronis' clock.
      return { disabledAt: disabled.updatedAt?.toISOString() ?? http.serviceNow()?.toISOString() ?? at() };
    }
    case "reenable": {
      const tenant = await getTenant(http, action.tenant.id);
      if (!tenant.enabled) await setTenantEnabled(http, tenant, true);
      return {};
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
      return {};
    }
    case "wait":
    case "hold":
    case "gone":
      return {};
  }
}

/** What landed, in the state file (inside `StateHandle.update`). */
function recordChange(draft: StateDocument, action: DeprovisionAction, landed: Landed, at: string): void {
  const orgId = action.org.id;
  switch (action.kind) {
    case "disable":
      markDisabled(draft, action, landed.disabledAt ?? at, at);
      return;
    case "reenable":
      markReenabled(draft, orgId, at);
      return;
    case "delete":
      markDeleted(draft, orgId, at);
      removeLink(draft, "acronis", orgId);
      return;
    case "wait":
    case "hold":
    case "gone":
      return;
  }
}
