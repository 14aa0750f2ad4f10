import { describe, expect, it } from "vitest";
import { ProfileConfig } from "../../../src/config/profile-config.js";
import { AuthenticationError, ConflictError } from "../../../src/errors.js";
import type { HttpClient } from "../../../src/http/index.js";
import type { DeprovisionOutcome } from "../../../src/jobs/deprovision/apply.js";
import { deprovisionJob } from "../../../src/jobs/deprovision/index.js";
import { planDeprovision, type DeprovisionPlan, type DeprovisionTenant } from "../../../src/jobs/deprovision/plan/plan-deprovision.js";
import type { DeprovisionJobSettings } from "../../../src/jobs/deprovision/settings.js";
import { outcomeAtStop, type JobActionEvent, type JobRun } from "../../../src/jobs/job.js";
import { NOT_TRIED } from "../../../src/jobs/shared/apply-loop.js";
import type { JobSession } from "../../../src/jobs/shared/session.js";
import type { StateDocument, StateHandle } from "../../../src/state/index.js";
import { doc, mapAcronis } from "../provision/builders.js";

const NOW = new Date("2026-03-01T00:00:00.000Z");
/** Six mapped organizations gone from NinjaOne, whose customers are still enabled; one organization is left. */
const GONE = [1, 2, 3, 4, 5, 6];

function fakeRun(fail: () => Error, events: JobActionEvent[] = []): JobRun<DeprovisionJobSettings> {
  const state = doc((d) => GONE.forEach((id) => mapAcronis(d, id, `Org ${id}`, `t-${id}`, `Org ${id}`)));
  const http = { request: async () => Promise.reject(fail()) } as unknown as HttpClient;
  const session = { acronis: async () => ({ http }), forget: () => undefined } as unknown as JobSession;
  return {
    session,
    state: { data: state, update: async (edit: (d: StateDocument) => void) => edit(state) } as unknown as StateHandle,
    settings: { deleteAfterDays: null, maxDisables: 10, deletesNeedYes: true },
    dryRun: false,
    yes: false,
    hooks: { onAction: (e) => events.push(e) },
    logger: { debug() {}, info() {}, warn() {} },
  };
}

function planFor(run: JobRun<DeprovisionJobSettings>): DeprovisionPlan {
  const tenants = new Map<string, DeprovisionTenant>(GONE.map((id) => [`t-${id}`, { id: `t-${id}`, name: `Org ${id}`, enabled: true, updatedAt: null }]));
  const rules = { deleteAfterDays: run.settings.deleteAfterDays, maxDisables: run.settings.maxDisables, allowDeletes: false };
  return planDeprovision({ orgs: [{ id: 99, name: "Still here" }], state: run.state.data, tenants, rules, now: NOW });
}

describe("the deprovision job", () => {
  it("has nothing to do under sync while Acronis is not configured or deprovisioning is off, and deletes only with sync --yes once on", async () => {
    const env = { NINJA_BRIDGE_ACRONIS_URL: "https://eu2-cloud.acronis.com" };
    const config = await ProfileConfig.open("default", { backend: { path: "/mem/config.json", store: {} } });
    expect(deprovisionJob.settings(config, {})).toEqual({ unconfigured: "Acronis is not configured" });
    expect(deprovisionJob.settings(config, env)).toEqual({ unconfigured: "deprovisioning is off (turn it on with `ninja-bridge provision config --deprovision-disable on`)" });
    config.setJobSettings("provision", { deprovision: { disable: true, deleteAfterDays: 30 } });
    expect(deprovisionJob.settings(config, env)).toEqual({ deleteAfterDays: 30, maxDisables: 5, deletesNeedYes: true });
  });

  it("stops at an error every customer would meet, reporting those not started as not tried, with what landed tied to the error", async () => {
    const run = fakeRun(() => new AuthenticationError("the token was refused", { service: "acronis", method: "GET", path: "/api/2/tenants/t-1", status: 401 }));
    const error = await deprovisionJob.apply(run, planFor(run)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    const landed = outcomeAtStop(error) as DeprovisionOutcome;
    expect(landed.counts).toEqual({ planned: 6, applied: 0, failed: 6, skipped: 0 });
    expect(landed.results.filter((r) => r.error === NOT_TRIED).length).toBeGreaterThan(0);
    expect(run.state.data.provisioning).toEqual({});
  });

  it("keeps a failed change's hint and goes on with the others", async () => {
    const events: JobActionEvent[] = [];
    const run = fakeRun(() => new ConflictError("stale version", { service: "acronis", method: "GET", path: "/api/2/tenants/t-1", status: 409, hint: "run again" }), events);
    const outcome = await deprovisionJob.apply(run, planFor(run));
    expect(outcome.results.map((r) => r.error)).toEqual(GONE.map(() => "stale version; run again"));
    expect(events[0]).toMatchObject({ job: "deprovision", action: "disable-tenant", result: "failed", detail: "stale version; run again" });
  });

  it("gives the shared report keys beside its own in --json, and no results when it changed nothing", () => {
    const run = fakeRun(() => new Error("unused"));
    const plan = planFor(run);
    const report = deprovisionJob.report(run, plan, { results: [], counts: { planned: 0, applied: 0, failed: 0, skipped: 0 } });
    expect(Object.keys(report).sort()).toEqual(["actions", "applied", "counts", "dryRun", "job", "notes", "plan", "problems", "results", "stopped"]);
    expect(report).toMatchObject({ job: "deprovision", dryRun: false, applied: null, results: null, stopped: null, problems: [], notes: [] });
    expect([...report.actions][0]).toEqual({ kind: "disable", target: "Org 1 (org 1) → Org 1", reason: "the organization is gone from NinjaOne" });
  });
});
