import { describe, expect, it } from "vitest";
import type { StatusChange } from "../../../../src/sandbox/acronis/status-churn.js";
import { generateEstate } from "../../../../src/sandbox/seed/generate-estate.js";
import { acronisHarness, body, context, type Harness } from "./harness.js";

const SMALL = { seed: 11, orgs: 40, devicesPerOrg: 8, alerts: 20 };
const estate = generateEstate(SMALL);

interface Churn {
  at: string;
  protectedWorkloads: number;
  changed: number;
  workloads: StatusChange[];
}

interface Status {
  context: { id: string; name: string };
  aggregate: { status: string };
  policies: Record<string, string>[];
}

function harness(): Harness {
  return acronisHarness({}, context(estate, "generated", SMALL));
}

function churn(h: Harness, json: unknown): Churn {
  const res = h.control("POST", "/statuses/churn", { json });
  expect(res.status).toBe(200);
  return body<Churn>(res);
}

function statuses(h: Harness): Map<string, Status> {
  const items = body<{ items: Status[] }>(h.api("GET", "/api/resource_management/v4/resource_statuses", { query: { limit: "1000" } })).items;
  return new Map(items.map((s) => [s.context.id, s]));
}

function lastSuccess(s: Status): string | undefined {
  const backup = s.policies.find((p) => p["type"]?.startsWith("policy.backup."));
  return backup?.["last_success_run_time"] ?? backup?.["last_success_run"];
}

describe("Acronis status churn (control)", () => {
  it("runs backups on the requested share of protected workloads, and the API shows each answered change", () => {
    const h = harness();
    h.advance(3600);
    const result = churn(h, { share: 0.1 });
    expect(result.protectedWorkloads).toBeGreaterThan(50);
    expect(result.changed).toBe(Math.round(result.protectedWorkloads * 0.1));
    expect(new Set(result.workloads.map((w) => w.id)).size).toBe(result.changed);
    const after = statuses(h);
    const devices = new Map(estate.devices.map((d) => [d.id, d]));
    for (const change of result.workloads) {
      expect(change.status !== undefined || change.lastBackup !== undefined).toBe(true);
      const status = after.get(change.id) as Status;
      if (change.status !== undefined) expect(status.aggregate.status).toBe(change.status.to);
      if (change.lastBackup !== undefined) {
        expect(change.lastBackup.to).toBe(result.at);
        expect(lastSuccess(status)).toBe(result.at);
      } else expect(lastSuccess(status)).not.toBe(result.at);
      expect(devices.get(change.ninjaDeviceId as number)?.systemName).toBe(status.context.name);
    }
    // Both kinds of change occur: recoveries and fresh backups move the last backup, failures only the status.
    expect(result.workloads.some((w) => w.lastBackup === undefined)).toBe(true);
    expect(result.workloads.some((w) => w.lastBackup !== undefined && w.status === undefined)).toBe(true);
  });

  it("picks the same workloads from the same seed, and a new sample on the next churn", () => {
    const first = churn(harness(), { count: 12 });
    const again = harness();
    expect(churn(again, { count: 12 })).toEqual(first);
    const second = churn(again, { count: 12 });
    expect(second.workloads.map((w) => w.id)).not.toEqual(first.workloads.map((w) => w.id));
  });

  it("changes at most every protected workload, none for a share of 0, and at least one for a tiny share", () => {
    const h = harness();
    const all = churn(h, { count: 100_000 });
    expect(all.changed).toBe(all.protectedWorkloads);
    expect(churn(h, { share: 0 }).changed).toBe(0);
    expect(churn(h, { share: 0.000001 }).changed).toBe(1);
  });

  it("refuses a body without exactly one of share and count, or with a share above 1", () => {
    const h = harness();
    for (const json of [{}, { share: 0.1, count: 3 }, { share: 2 }, { count: -1 }, { share: 0.1, seed: 3 }]) {
      expect(h.control("POST", "/statuses/churn", { json }).status).toBe(400);
    }
  });
});
