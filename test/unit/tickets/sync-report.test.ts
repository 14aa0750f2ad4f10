import { describe, expect, it } from "vitest";
import type { TicketsOutcome } from "../../../src/jobs/tickets/apply.js";
import type { TicketsJobPlan } from "../../../src/jobs/tickets/plan/job-plan.js";
import { planNotices } from "../../../src/jobs/tickets/plan/notices.js";
import { planTableRows, ticketsReport, ticketsSyncJson } from "../../../src/jobs/tickets/report.js";
import type { ClearAlertAction, RecordAction, ResolveAction, TicketSyncPlan } from "../../../src/jobs/tickets/plan/index.js";
import { alert, link, plan, settings, T0, world } from "./builders.js";

const COUNTS = { planned: 1, applied: 0, failed: 0, skipped: 0 };

function jobPlan(p: TicketSyncPlan): TicketsJobPlan {
  return { plan: p, boardId: 1, cursor: {}, read: { mode: "incremental", settledDue: [], dueOf: {} }, notices: [], alertUpdatedAt: {}, learnedTenantIds: {} };
}

/** One of each kind the planner gives from alerts alone: a create, a deferral over the cap, an unmapped tenant, a skipped type. */
function mixedPlan(): TicketSyncPlan {
  const alerts = [
    alert({ id: "AAAAAAAA-0000-4000-8000-000000000001", severity: "critical" }),
    alert({ id: "AAAAAAAA-0000-4000-8000-000000000002", severity: "warning", workload: { id: "w-2", name: "PC-07" } }),
    alert({ id: "AAAAAAAA-0000-4000-8000-000000000003", tenantId: "99" }),
    alert({ id: "AAAAAAAA-0000-4000-8000-000000000004", type: "LicenseExpired" }),
  ];
  return plan(world({ alerts }), settings({ maxTicketsPerRun: 1 }));
}

/** Effect actions the alerts alone do not give; the report only reads their kind, key, ids and reason. */
function bookkeepingPlan(): TicketSyncPlan {
  const a = alert({ id: "BBBBBBBB-0000-4000-8000-000000000001" });
  const l = link("key-1", a, 5001);
  const resolve = { kind: "resolve", key: "key-1", reason: "alert cleared", alertId: a.id, ticketId: 5001, link: l } as ResolveAction;
  const clear = { kind: "clear-alert", key: "key-2", reason: "ticket resolved", alertIds: ["A1", "A2"], tenantId: "56", ticketId: 5002, adopted: false, link: l } as ClearAlertAction;
  const record = { kind: "record", key: "key-3", reason: "ticket closed in NinjaOne", ticketId: 5003, adopted: false, link: l } as RecordAction;
  const actions = [resolve, clear, record];
  return {
    actions,
    counts: { create: 0, reopen: 0, resolve: 1, "clear-alert": 1, adopt: 0, record: 1, deferred: 0, unmapped: 0, skip: 0 },
    unmappedTenants: [],
  };
}

describe("ticketsSyncJson", () => {
  it("shows each planned action in a stable shape, a create with its organization and subject", () => {
    const p = mixedPlan();
    const json = ticketsSyncJson(jobPlan(p), COUNTS, true, null, undefined);
    expect(json.plan).toEqual(p.counts);
    expect(json.unmappedTenants).toEqual(["99"]);
    expect(json.actions.map((a) => a.kind)).toEqual(["create", "deferred", "unmapped", "skip"]);
    expect(json.actions[0]).toEqual({
      kind: "create",
      key: p.actions[0]?.key,
      target: "alert AAAAAAAA-0000-4000-8000-000000000001 (org 42)",
      reason: p.actions[0]?.reason,
      alertId: "AAAAAAAA-0000-4000-8000-000000000001",
      organizationId: 42,
      subject: expect.stringMatching(/^Acronis: Backup failed on SRV-01 \[ninja-bridge:alert:[0-9a-f]{24}\]$/),
    });
    // Only the listed fields: the ticket body and link are the planner's internals.
    const listed = ["kind", "key", "target", "reason", "alertId", "ticketId", "organizationId", "subject"];
    for (const action of json.actions) expect(Object.keys(action).filter((k) => !listed.includes(k)), action.key).toEqual([]);
  });

  it("joins the alert ids of a clear-alert and gives the ticket of each status change", () => {
    const json = ticketsSyncJson(jobPlan(bookkeepingPlan()), COUNTS, false, null, undefined);
    expect(json.actions).toEqual([
      { kind: "resolve", key: "key-1", target: "ticket 5001", reason: "alert cleared", alertId: "BBBBBBBB-0000-4000-8000-000000000001", ticketId: 5001 },
      { kind: "clear-alert", key: "key-2", target: "ticket 5002", reason: "ticket resolved", alertId: "A1,A2", ticketId: 5002 },
      { kind: "record", key: "key-3", target: "ticket 5003", reason: "ticket closed in NinjaOne", ticketId: 5003 },
    ]);
  });

  it("reports no outcome and the stored cursor for a dry run", () => {
    const json = ticketsSyncJson(jobPlan(mixedPlan()), COUNTS, true, null, "2026-03-01T00:00:00Z");
    expect(json).toMatchObject({ dryRun: true, counts: COUNTS, applied: null, cursor: "2026-03-01T00:00:00Z" });
    expect(ticketsSyncJson(jobPlan(mixedPlan()), COUNTS, true, null, undefined).cursor).toBeNull();
  });

  it("reports what was applied and failed, and the cursor the run stored, else the one it found", () => {
    const outcome: TicketsOutcome = {
      counts: { planned: 2, applied: 1, failed: 1, skipped: 0 },
      applied: [{ kind: "create", key: "k1", ticketId: 7 }],
      failed: [{ kind: "resolve", key: "k2", ticketId: 8, error: "409" }],
      cursor: "2026-03-02T00:00:00.000000000Z",
    };
    const json = ticketsSyncJson(jobPlan(mixedPlan()), outcome.counts, false, outcome, "2026-03-01T00:00:00Z");
    expect(json.applied).toEqual({ applied: outcome.applied, failed: outcome.failed });
    expect(json.cursor).toBe("2026-03-02T00:00:00.000000000Z");
    expect(ticketsSyncJson(jobPlan(mixedPlan()), outcome.counts, false, { ...outcome, cursor: undefined }, "2026-03-01T00:00:00Z").cursor).toBe("2026-03-01T00:00:00Z");
  });
});

describe("ticketsReport (the --json document and the report under sync)", () => {
  it("holds every job's shared keys beside the tickets keys, each action with its kind, target and reason", () => {
    const report = ticketsReport(jobPlan(mixedPlan()), true, null, 1);
    expect(report).toMatchObject({ job: "tickets", dryRun: true, counts: { planned: 1, applied: 0, failed: 0, skipped: 3 }, problems: [], applied: null, read: "incremental", cursor: null });
    expect(report.plan).toMatchObject({ create: 1, deferred: 1, unmapped: 1, skip: 1 });
    expect(report.notes).toContainEqual(expect.stringMatching(/^alert storm: 1 alert\(s\) over the cap of 1 /));
    expect(report.actions.map((a) => [a.kind, a.target])).toEqual([
      ["create", "alert AAAAAAAA-0000-4000-8000-000000000001 (org 42)"],
      ["deferred", "alert AAAAAAAA-0000-4000-8000-000000000002"],
      ["unmapped", "alert AAAAAAAA-0000-4000-8000-000000000003 (Acronis tenant 99)"],
      ["skip", "alert AAAAAAAA-0000-4000-8000-000000000004"],
    ]);
    for (const action of report.actions) expect(action.reason).not.toBe("");
  });

  it("counts what landed and names each failed action as a problem", () => {
    const outcome: TicketsOutcome = {
      counts: { planned: 2, applied: 1, failed: 1, skipped: 0 },
      applied: [{ kind: "record", key: "key-3", ticketId: 5003 }],
      failed: [{ kind: "resolve", key: "key-1", ticketId: 5001, error: "ninjaone PUT: 500" }],
      cursor: undefined,
    };
    const report = ticketsReport(jobPlan(bookkeepingPlan()), false, outcome, 25);
    expect(report).toMatchObject({ job: "tickets", dryRun: false, counts: outcome.counts, applied: { applied: outcome.applied, failed: outcome.failed } });
    expect(report.problems).toEqual([{ subject: "ticket 5001", reason: "ninjaone PUT: 500" }]);
  });
});

describe("planTableRows", () => {
  it("lists only what changes: a new ticket as new, the rest by ticket number and alert", () => {
    expect(planTableRows(mixedPlan()).map((r) => r.slice(0, 3))).toEqual([["create", "new", "AAAAAAAA-0000-4000-8000-000000000001"]]);
    expect(planTableRows(bookkeepingPlan())).toEqual([
      ["resolve", "#5001", "BBBBBBBB-0000-4000-8000-000000000001", "alert cleared"],
      ["clear-alert", "#5002", "A1, A2", "ticket resolved"],
      ["record", "#5003", "", "ticket closed in NinjaOne"],
    ]);
  });
});

describe("planNotices", () => {
  it("warns of deferred alerts with the cap and how to raise it, of unmapped tenants by id, and explains skips", () => {
    const notes = planNotices(mixedPlan(), 1);
    expect(notes.map((n) => n.level)).toEqual(["warn", "warn", "info"]);
    expect(notes[0]?.text).toMatch(/^alert storm: 1 alert\(s\) over the cap of 1 ticket\(s\)/);
    expect(notes[0]?.text).toContain("--max-tickets <n>");
    expect(notes[1]?.text).toMatch(/^1 alert\(s\) from 1 Acronis tenant\(s\) not mapped/);
    expect(notes[1]?.text).toContain("(tenant ids 99)");
    expect(notes[2]?.text).toMatch(/^1 alert\(s\) or ticket\(s\) left alone/);
  });

  it("says nothing when nothing was left out", () => {
    expect(planNotices(plan(world({ alerts: [alert()], now: T0 })), 25)).toEqual([]);
    expect(planNotices(bookkeepingPlan(), 25)).toEqual([]);
  });
});
