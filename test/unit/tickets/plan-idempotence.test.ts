import { describe, expect, it } from "vitest";
import { alertKey, keyDigest, parseMarker } from "../../../src/jobs/tickets/plan/alert-key.js";
import { effectActions } from "../../../src/jobs/tickets/plan/plan.js";
import type { TicketAction } from "../../../src/jobs/tickets/plan/types.js";
import { alert, apply, DAY, dismissed, iso, link, plan, raisedAgain, settings, setTicketStatus, T0, ticket, world, type World } from "./builders.js";

const s = settings({ clearAlert: { enabled: true }, reopen: { windowDays: 2 } });

/** One key in each situation the planner acts on, plus some it only reports. */
function estate(): World {
  const now = T0 + 10 * DAY;
  const w = world({ now });
  const on = (name: string, overrides: Parameters<typeof alert>[0] = {}) => alert({ workload: { id: name, name }, ...overrides });

  w.alerts.push(on("NEW-01", { createdAt: iso(now - 1000) }));

  const cleared = on("CLEARED-01");
  w.alerts.push(dismissed(cleared, now - 5000));
  w.links.push(link(alertKey(cleared), cleared, 11));
  w.tickets.push(ticket(11, alertKey(cleared), 2000));

  const techResolved = on("TECH-01");
  w.links.push(link(alertKey(techResolved), techResolved, 12));
  w.tickets.push(ticket(12, alertKey(techResolved), 5000, { lastUpdated: (now - DAY) / 1000 }));

  const inWindow = on("REOPEN-01");
  w.alerts.push(raisedAgain(inWindow, now - 2000));
  w.links.push(link(alertKey(inWindow), inWindow, 13, { status: "resolved", alertState: "cleared", resolvedAt: iso(now - DAY), clearedAt: iso(now - DAY) }));
  w.tickets.push(ticket(13, alertKey(inWindow), 5000));

  const outside = on("RENEW-01");
  w.alerts.push(raisedAgain(outside, now - 3000));
  w.links.push(link(alertKey(outside), outside, 14, { status: "resolved", alertState: "cleared", resolvedAt: iso(now - 5 * DAY), clearedAt: iso(now - 5 * DAY) }));
  w.tickets.push(ticket(14, alertKey(outside), 6000));

  const orphan = on("ORPHAN-01");
  w.alerts.push(orphan);
  w.tickets.push(ticket(15, alertKey(orphan), 1000));

  const reopenedByTech = on("TECH-02");
  w.links.push(link(alertKey(reopenedByTech), reopenedByTech, 16, { status: "resolved", alertState: "cleared", resolvedAt: iso(now - 3 * DAY) }));
  w.tickets.push(ticket(16, alertKey(reopenedByTech), 2000));

  const renamed = on("NEWID-01");
  w.alerts.push(on("NEWID-01", { createdAt: iso(now - 4000) }));
  w.links.push(link(alertKey(renamed), renamed, 17));
  w.tickets.push(ticket(17, alertKey(renamed), 2000));

  const quiet = on("QUIET-01");
  w.links.push(link(alertKey(quiet), quiet, 18));
  w.tickets.push(ticket(18, alertKey(quiet), 2000));

  w.alerts.push(alert({ tenantId: "77" }), on("OFFLINE-01", { type: "MachineIsOffline" }));
  return w;
}

const clone = (w: World): World => structuredClone(w);
const subsetOf = <T>(items: readonly T[], mask: number): T[] => items.filter((_, i) => (mask & (1 << i)) !== 0);

describe("re-planning", () => {
  const base = estate();
  const first = plan(clone(base), s);
  const effects = effectActions(first);

  it("starts from one action of each kind the estate calls for", () => {
    expect(first.counts).toMatchObject({ create: 2, resolve: 1, "clear-alert": 1, reopen: 1, adopt: 1, record: 2, unmapped: 1, skip: 1 });
  });

  it("gives exactly the remaining actions after any subset of the plan was applied", () => {
    expect(effects.length).toBe(8);
    for (let mask = 0; mask < 1 << effects.length; mask++) {
      const w = clone(base);
      const applied = subsetOf(effects, mask);
      for (const action of applied) apply(w, action);
      const remaining = effects.filter((a) => !applied.includes(a));
      expect(effectActions(plan(w, s)), `after applying ${applied.map((a) => `${a.kind}:${a.key}`).join(", ")}`).toEqual(remaining);
    }
  });

  it("keeps reporting what it does not act on after everything was applied", () => {
    const w = clone(base);
    for (const action of effects) apply(w, action);
    const again = plan(w, s);
    expect(effectActions(again)).toEqual([]);
    expect(again.counts).toMatchObject({ unmapped: 1, skip: 1 });
  });

  it("never duplicates a ticket when every action stops after its API call, and converges on the next run", () => {
    const w = clone(base);
    const before = new Map(w.tickets.map((t) => [t.id, t]));
    for (const action of effects) apply(w, action, true);
    const recovery = plan(w, s);
    expect(recovery.counts.create).toBe(0);
    for (const action of effectActions(recovery)) apply(w, action);
    expect(effectActions(plan(w, s))).toEqual([]);
    const created = effects.filter((a): a is Extract<TicketAction, { kind: "create" }> => a.kind === "create");
    for (const action of created) {
      const carrying = w.tickets.filter((t) => !before.has(t.id) && parseMarker(t.tags) === keyDigest(action.key));
      expect(carrying, action.key).toHaveLength(1);
      expect(w.links.find((l) => l.key === action.key)?.ninjaTicketId).toBe(carrying[0]?.id);
    }
  });

  it("runs a full round trip: raise, technician resolves, alert cleared, raised again within the window, then after it", () => {
    const a = alert();
    const key = alertKey(a);
    const w = world({ now: T0 + 1000, alerts: [a] });
    const step = () => {
      for (const action of effectActions(plan(w, s))) apply(w, action);
    };
    step();
    const ticketId = w.links[0]?.ninjaTicketId as number;
    expect(w.tickets).toHaveLength(1);

    w.now = T0 + DAY;
    setTicketStatus(w, ticketId, 5000, w.now - 1000);
    step();
    expect(w.alerts[0]?.dismissedAt).toBe(iso(T0 + DAY));

    w.now = T0 + 2 * DAY;
    w.alerts = w.alerts.map((x) => raisedAgain(x, w.now - 500));
    step();
    expect(w.tickets.map((t) => t.status.statusId)).toEqual([2000]);

    w.now = T0 + 3 * DAY;
    setTicketStatus(w, ticketId, 5000, w.now - 1000);
    step();
    w.now = T0 + 9 * DAY;
    w.alerts = w.alerts.map((x) => raisedAgain(x, w.now - 500));
    step();
    expect(w.tickets.map((t) => t.status.statusId)).toEqual([5000, 1000]);
    expect(w.links).toHaveLength(1);
    expect(w.links[0]).toMatchObject({ key, status: "open", alertState: "active" });
    expect(w.links[0]?.ninjaTicketId).not.toBe(ticketId);
  });

  it("ticketing resumes with the deferred alerts on the next run", () => {
    const alerts = [0, 1, 2].map((i) => alert({ workload: { id: `w${i}`, name: `PC-${i}` }, createdAt: iso(T0 + i) }));
    const w = world({ alerts });
    const capped = settings({ maxTicketsPerRun: 2 });
    const p1 = plan(w, capped);
    for (const action of effectActions(p1)) apply(w, action);
    const p2 = plan(w, capped);
    expect(p2.counts).toMatchObject({ create: 1, deferred: 0 });
    expect(p2.actions.find((x) => x.kind === "create")).toMatchObject({ alertId: p1.actions.find((x) => x.kind === "deferred")?.alertId });
  });
});
