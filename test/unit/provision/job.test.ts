import { describe, expect, it } from "vitest";
import { ProfileConfig } from "../../../src/config/profile-config.js";
import { AuthenticationError, ConflictError } from "../../../src/errors.js";
import type { HttpClient } from "../../../src/http/index.js";
import { outcomeAtStop, type JobActionEvent, type JobRun } from "../../../src/jobs/job.js";
import { provisionJob } from "../../../src/jobs/provision/index.js";
import type { ProvisionOutcome } from "../../../src/jobs/provision/apply.js";
import { planProvision, type ProvisionJobPlan } from "../../../src/jobs/provision/plan/plan-provision.js";
import type { ProvisionJobSettings } from "../../../src/jobs/provision/settings.js";
import { NOT_TRIED } from "../../../src/jobs/shared/apply-loop.js";
import type { JobSession } from "../../../src/jobs/shared/session.js";
import type { StateDocument, StateHandle } from "../../../src/state/index.js";
import { doc, settings } from "./builders.js";

const ORGS = [1, 2, 3, 4, 5, 6].map((id) => ({ id, name: `Org ${id}` }));

/** A run whose Acronis client answers every request with `fail`; the state is held in memory. */
function fakeRun(fail: () => Error, events: JobActionEvent[] = []): { run: JobRun<ProvisionJobSettings>; state: StateDocument } {
  const state = doc();
  const http = { request: async () => Promise.reject(fail()) } as unknown as HttpClient;
  const session = { acronis: async () => ({ http, ownTenantId: async () => "partner" }), forget: () => undefined } as unknown as JobSession;
  const handle = { data: state, update: async (edit: (d: StateDocument) => void) => edit(state) } as unknown as StateHandle;
  const run: JobRun<ProvisionJobSettings> = {
    session,
    state: handle,
    settings: { profile: settings(), selection: { kind: "all-unmapped" } },
    dryRun: false,
    yes: true,
    hooks: { onAction: (e) => events.push(e) },
    logger: { debug() {}, info() {}, warn() {} },
  };
  return { run, state };
}

function planFor(run: JobRun<ProvisionJobSettings>): ProvisionJobPlan {
  return { ...planProvision({ orgs: ORGS, tenants: [], state: run.state.data, settings: run.settings.profile, selection: run.settings.selection }), orgs: ORGS, services: [] };
}

describe("the provision job", () => {
  it("has nothing to do under sync while Acronis is not configured, and provisions the organizations that appeared once it is", async () => {
    const config = await ProfileConfig.open("default", { backend: { path: "/mem/config.json", store: {} } });
    expect(provisionJob.settings(config, {})).toEqual({ unconfigured: "Acronis is not configured" });
    expect(provisionJob.settings(config, { NINJA_BRIDGE_ACRONIS_URL: "https://eu2-cloud.acronis.com" })).toMatchObject({ selection: { kind: "appeared" }, profile: { mode: "production" } });
  });

  it("stops at an error every organization would meet, reporting those not started as not tried, with what landed tied to the error", async () => {
    const { run, state } = fakeRun(() => new AuthenticationError("the token was refused", { service: "acronis", method: "POST", path: "/api/2/tenants", status: 401 }));
    const error = await provisionJob.apply(run, planFor(run)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    const landed = outcomeAtStop(error) as ProvisionOutcome;
    expect(landed.counts).toEqual({ planned: 6, applied: 0, failed: 6, skipped: 0 });
    expect(landed.results.filter((r) => r.error === NOT_TRIED).length).toBeGreaterThan(0);
    // The organizations were noted as seen before any was provisioned.
    expect(Object.keys(state.orgsSeen)).toHaveLength(6);
  });

  it("keeps a failed organization's step and hint, and goes on with the others", async () => {
    const events: JobActionEvent[] = [];
    const { run } = fakeRun(() => new ConflictError("the name is taken", { service: "acronis", method: "POST", path: "/api/2/tenants", status: 409, hint: "rename the organization" }), events);
    const outcome = await provisionJob.apply(run, planFor(run));
    expect(outcome.counts).toEqual({ planned: 6, applied: 0, failed: 6, skipped: 0 });
    expect(outcome.results.map((r) => [r.action.org.id, r.failedStep, r.error])).toEqual(ORGS.map((o) => [o.id, "tenant", "the name is taken; rename the organization"]));
    expect(events[0]).toMatchObject({ job: "provision", action: "create-tenant", result: "failed", detail: "tenant: the name is taken; rename the organization" });
  });

  it("gives the shared report keys beside its own in --json", () => {
    const { run } = fakeRun(() => new Error("unused"));
    const report = provisionJob.report({ ...run, dryRun: true }, planFor(run), null);
    expect(Object.keys(report).sort()).toEqual(["actions", "applied", "counts", "dryRun", "job", "notes", "plan", "problems", "results", "services"]);
    expect(report).toMatchObject({ job: "provision", dryRun: true, counts: { planned: 6 }, applied: null, results: null, problems: [], notes: [] });
    expect([...report.actions][0]).toEqual({ kind: "create", target: "Org 1 (org 1) → Org 1", reason: "no Acronis customer is mapped to this organization" });
  });
});
