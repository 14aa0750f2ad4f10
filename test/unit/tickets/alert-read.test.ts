import { describe, expect, it } from "vitest";
import { dueName, dueTenants, missedChanges, parseSince, planAlertRead, statsText } from "../../../src/jobs/tickets/plan/alert-read.js";
import { emptyState } from "../../../src/state/schema.js";

const NOW = new Date("2026-03-01T12:00:00Z");
const base = { now: NOW, fullReadHours: 24, lastFullRead: "2026-03-01T06:00:00.000Z" };

describe("where the alert read starts", () => {
  it("reads everything on the first run, and since the cursor minus the overlap after", () => {
    expect(planAlertRead({ ...base, cursor: undefined })).toMatchObject({ mode: "first", after: undefined });
    expect(planAlertRead({ ...base, cursor: "2026-03-01T11:00:00.123456789Z" })).toMatchObject({ mode: "incremental", after: "2026-03-01T10:55:00.123456789Z", notes: [] });
  });

  it("clamps a cursor beyond now and a little skew, and says so", () => {
    const ahead = planAlertRead({ ...base, cursor: "2026-03-01T12:04:59Z" });
    expect(ahead).toMatchObject({ previous: "2026-03-01T12:04:59Z", notes: [] });
    const future = planAlertRead({ ...base, cursor: "2100-01-01T00:00:00Z" });
    expect(future).toMatchObject({ mode: "incremental", previous: "2026-03-01T12:00:00.000000000Z", after: "2026-03-01T11:55:00.000000000Z" });
    expect(future.notes[0]).toMatchObject({ level: "warn", text: expect.stringContaining("lies in the future") });
  });

  it("judges the cursor against Acronis' own clock when it told its time, so a service clock ahead of ours is no cursor in the future", () => {
    const cursor = "2026-03-04T11:59:00Z";
    const ahead = planAlertRead({ ...base, cursor, acronisNow: new Date("2026-03-04T12:00:00Z") });
    expect(ahead).toMatchObject({ previous: cursor, notes: [] });
    expect(planAlertRead({ ...base, cursor }).notes[0]).toMatchObject({ level: "warn" });
  });

  it("reads everything once the last full read is older than the setting, never with 0", () => {
    const cursor = "2026-03-01T11:00:00Z";
    expect(planAlertRead({ ...base, cursor, lastFullRead: "2026-02-28T12:00:00.000Z" }).mode).toBe("full");
    expect(planAlertRead({ ...base, cursor, lastFullRead: "2026-02-28T12:00:01.000Z" }).mode).toBe("incremental");
    expect(planAlertRead({ ...base, cursor, lastFullRead: undefined }).mode).toBe("full");
    expect(planAlertRead({ ...base, cursor, lastFullRead: undefined, fullReadHours: 0 }).mode).toBe("incremental");
  });

  it("reads from --since instead of the cursor", () => {
    const since = new Date("2026-02-22T12:00:00Z");
    expect(planAlertRead({ ...base, cursor: "2026-03-01T11:00:00Z", since })).toMatchObject({ mode: "since", after: "2026-02-22T12:00:00.000Z", previous: "2026-03-01T11:00:00Z" });
  });
});

describe("a missed incremental read", () => {
  const stats = { count: 7, modifiedAt: "2026-03-01T11:30:00.000000000Z" };
  const cursor = "2026-03-01T11:00:00Z";

  it("is told by stats that moved while nothing newer than the cursor came back", () => {
    expect(missedChanges("6@2026-03-01T10:00:00.000000000Z", stats, cursor, [])).toBe(true);
    expect(missedChanges("6@2026-03-01T10:00:00.000000000Z", stats, cursor, [{ updatedAt: "2026-03-01T10:58:00Z" }])).toBe(true);
    expect(missedChanges("6@2026-03-01T10:00:00.000000000Z", stats, cursor, [{ updatedAt: "2026-03-01T11:30:00Z" }])).toBe(false);
  });

  it("is not assumed when the stats did not move or were never stored", () => {
    expect(missedChanges(statsText(stats), stats, cursor, [])).toBe(false);
    expect(missedChanges(undefined, stats, cursor, [])).toBe(false);
    expect(missedChanges("6@", undefined, cursor, [])).toBe(false);
  });
});

describe("due tenants", () => {
  it("are kept under the tenant's locator and read back with its numeric id", () => {
    const name = dueName({ tenantId: "56", tenantLocator: "/1/50/56/" });
    expect(name).toBe("tickets.acronis-alerts.due:/1/50/56/");
    expect(dueName({ tenantId: "57", tenantLocator: null })).toBe("tickets.acronis-alerts.due:/57/");
    const state = emptyState(NOW, "00000000-0000-4000-8000-000000000000");
    state.cursors[name] = { name, cursor: "2026-02-01T00:00:00Z", updatedAt: NOW.toISOString() };
    state.cursors["tickets.acronis-alerts"] = { name: "tickets.acronis-alerts", cursor: "2026-03-01T00:00:00Z", updatedAt: NOW.toISOString() };
    expect(dueTenants(state)).toEqual([{ name, tenantId: "56", tenantLocator: "/1/50/56/", tenantUuid: null, since: "2026-02-01T00:00:00Z" }]);
  });
});

describe("--since", () => {
  it("takes an ISO time or a span back from now", () => {
    expect(parseSince("7d", NOW).toISOString()).toBe("2026-02-22T12:00:00.000Z");
    expect(parseSince("90m", NOW).toISOString()).toBe("2026-03-01T10:30:00.000Z");
    expect(parseSince("2w", NOW).toISOString()).toBe("2026-02-15T12:00:00.000Z");
    expect(parseSince("2026-02-01T00:00:00Z", NOW).toISOString()).toBe("2026-02-01T00:00:00.000Z");
  });

  it("refuses anything else, and a time in the future", () => {
    expect(() => parseSince("last tuesday", NOW)).toThrow("--since must be an ISO time");
    expect(() => parseSince("7y", NOW)).toThrow("--since must be");
    expect(() => parseSince("2027-01-01", NOW)).toThrow("lies in the future");
  });
});
