import { describe, expect, it } from "vitest";
import { acronisHarness, body, customerNamed, type Harness } from "./harness.js";

interface AlertBody {
  id: string;
  type: string;
  severity: string;
  category: string;
  updatedAt: string;
  deletedAt?: string;
  tenant: { id: string; locator: string; uuid?: string };
  details: Record<string, unknown>;
}
interface AlertPage {
  items: AlertBody[];
  paging: { cursors: { after?: string } };
}

function list(h: Harness, query: Record<string, string | string[]> = {}): AlertPage {
  return body<AlertPage>(h.api("GET", "/api/alert_manager/v1/alerts", { query }));
}

function numericId(h: Harness, name: string): string {
  const t = body<{ items: { name: string; numeric_id: string }[] }>(h.control("GET", "/tenants")).items.find((x) => x.name === name);
  return t?.numeric_id as string;
}

describe("Acronis alert list", () => {
  it("lists active alerts only, with numeric tenant ids and locators, and nanosecond timestamps", () => {
    const h = acronisHarness();
    const items = list(h).items;
    expect(items).toHaveLength(9);
    expect(items.filter((a) => a.deletedAt !== undefined)).toEqual([]);
    const a = items[0] as AlertBody;
    expect(a.tenant.id).toMatch(/^\d+$/);
    expect(a.tenant.locator).toMatch(/^\/\d+\/\d+\/$/);
    expect(a.updatedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z$/);
    expect(new Set(items.map((x) => x.type))).toEqual(new Set(["BackupFailed", "NoBackupForXDays", "MalwareDetected", "BackupDidNotStart", "MachineIsOffline", "StorageQuotaExceeded"]));
  });

  it("includes the dismissed alert with show_deleted, and only it with show_deleted_only", () => {
    const h = acronisHarness();
    expect(list(h, { show_deleted: "true" }).items).toHaveLength(10);
    const only = list(h, { show_deleted_only: "true" }).items;
    expect(only).toHaveLength(1);
    expect(only[0]?.deletedAt).toBeDefined();
  });

  it("filters by tenant, repeated type, severity comparison and update time", () => {
    const h = acronisHarness();
    const contoso = numericId(h, "Contoso");
    expect(list(h, { tenant: contoso }).items.map((a) => a.type).sort()).toEqual(["BackupFailed", "MalwareDetected", "NoBackupForXDays"]);
    expect(list(h, { tenant: `or(${contoso},${numericId(h, "Fabrikam Inc")})` }).items).toHaveLength(4);
    expect(list(h, { type: ["BackupFailed", "MalwareDetected"] }).items).toHaveLength(4);
    expect(list(h, { severity: "ge(error)" }).items.filter((a) => a.severity !== "error" && a.severity !== "critical")).toEqual([]);
    expect(list(h, { severity: "critical" }).items).toHaveLength(4);
    const newest = list(h, { order: "desc(updated_at)", limit: "1" }).items[0] as AlertBody;
    const ns = BigInt(Date.parse(newest.updatedAt.slice(0, 19) + "Z")) * 1_000_000n;
    expect(list(h, { updated_at: `gt(${ns})` }).items.map((a) => a.id)).toEqual([newest.id]);
    expect(list(h, { query: "tst-srv" }).items.map((a) => a.type)).toEqual(["BackupDidNotStart"]);
  });

  it("reads the time filters as nanoseconds, or as microseconds like Acronis' own example with alertTimeUnit", () => {
    const h = acronisHarness();
    const newest = list(h, { order: "desc(updated_at)", limit: "1" }).items[0] as AlertBody;
    const us = BigInt(Date.parse(newest.updatedAt.slice(0, 19) + "Z")) * 1_000n;
    // A microsecond value read as nanoseconds is a time in 1970: everything is newer.
    expect(list(h, { updated_at: `gt(${us})` }).items).toHaveLength(9);
    expect(body(h.control("PUT", "/options", { json: { alertTimeUnit: "microseconds" } }))).toMatchObject({ alertTimeUnit: "microseconds" });
    expect(list(h, { updated_at: `gt(${us})` }).items.map((a) => a.id)).toEqual([newest.id]);
    // The documented nanosecond value read as microseconds lies far in the future: nothing.
    expect(list(h, { updated_at: `gt(${us * 1_000n})` }).items).toEqual([]);
    expect(h.control("PUT", "/options", { json: { alertTimeUnit: "seconds" } }).status).toBe(400);
  });

  it("leaves tenant.uuid out of alerts unless the option is on", () => {
    expect(list(acronisHarness()).items.filter((a) => a.tenant.uuid !== undefined)).toEqual([]);
    const h = acronisHarness({ alertTenantUuid: true });
    const contoso = customerNamed(h, "Contoso").id;
    expect(list(h, { tenant: numericId(h, "Contoso") }).items.filter((a) => a.tenant.uuid !== contoso)).toEqual([]);
  });

  it("refuses malformed filters with the Alert Manager's error body", () => {
    const h = acronisHarness();
    const res = h.api("GET", "/api/alert_manager/v1/alerts", { query: { severity: "loud" } });
    expect(res.status).toBe(400);
    expect(body(res)).toMatchObject({ domain: "AlertManager", code: "BadRequest" });
    expect(h.api("GET", "/api/alert_manager/v1/alerts", { query: { updated_at: "gt(yesterday)" } }).status).toBe(400);
    expect(h.api("GET", "/api/alert_manager/v1/alerts", { query: { order: "sideways(type)" } }).status).toBe(400);
  });

  it("pages with cursors that replace the filters, ending with an empty page on an exact multiple", () => {
    const h = acronisHarness();
    const first = list(h, { type: "BackupFailed", limit: "1" });
    expect(first.items).toHaveLength(1);
    const second = list(h, { after: first.paging.cursors.after as string });
    expect(second.items).toHaveLength(1);
    expect(second.items[0]?.type).toBe("BackupFailed");
    expect(second.items[0]?.id).not.toBe(first.items[0]?.id);
    const third = list(h, { after: second.paging.cursors.after as string });
    expect(third.items).toEqual([]);
    expect(third.paging.cursors).toEqual({});
    expect(h.api("GET", "/api/alert_manager/v1/alerts", { query: { after: "garbage" } }).status).toBe(400);
  });

  it("pages an ordered list in that order", () => {
    const h = acronisHarness();
    const all = list(h, { order: "asc(created_at)" }).items.map((a) => a.id);
    const paged: string[] = [];
    let page = list(h, { order: "asc(created_at)", limit: "4" });
    paged.push(...page.items.map((a) => a.id));
    while (page.paging.cursors.after !== undefined) {
      page = list(h, { after: page.paging.cursors.after });
      paged.push(...page.items.map((a) => a.id));
    }
    expect(paged).toEqual(all);
  });
});

describe("Acronis alert dismissal", () => {
  it("dismisses one alert with 204, after which it is 404 unless show_deleted", () => {
    const h = acronisHarness();
    const a = list(h).items[0] as AlertBody;
    expect(h.api("DELETE", `/api/alert_manager/v1/alerts/${a.id}`).status).toBe(204);
    expect(h.api("GET", `/api/alert_manager/v1/alerts/${a.id}`).status).toBe(404);
    const shown = body<AlertBody>(h.api("GET", `/api/alert_manager/v1/alerts/${a.id}`, { query: { show_deleted: "true" } }));
    expect(shown.deletedAt).toBeDefined();
    expect(h.api("DELETE", `/api/alert_manager/v1/alerts/${a.id}`).status).toBe(404);
    expect(h.api("DELETE", "/api/alert_manager/v1/alerts/nope").status).toBe(400);
  });

  it("seeds alert ids in both cases and finds an alert only under its own spelling unless alertIdsAnyCase is on", () => {
    const h = acronisHarness();
    const items = list(h).items;
    const lower = items.find((a) => a.id === a.id.toLowerCase());
    expect(lower).toBeDefined();
    expect(items.map((a) => a.id)).toContainEqual(expect.stringMatching(/^[^a-z]+$/));
    const id = (lower as AlertBody).id;
    expect(h.api("GET", `/api/alert_manager/v1/alerts/${id.toUpperCase()}`).status).toBe(404);
    expect(h.api("DELETE", `/api/alert_manager/v1/alerts/${id.toUpperCase()}`).status).toBe(404);
    expect(list(h, { id: id.toUpperCase() }).items).toEqual([]);
    expect(h.api("DELETE", `/api/alert_manager/v1/alerts/${id}`).status).toBe(204);

    const kind = acronisHarness({ alertIdsAnyCase: true });
    expect(kind.api("DELETE", `/api/alert_manager/v1/alerts/${id.toUpperCase()}`).status).toBe(204);
  });

  it("dismisses every alert matching a filter", () => {
    const h = acronisHarness();
    expect(h.api("DELETE", "/api/alert_manager/v1/alerts", { query: { type: "MalwareDetected" } }).status).toBe(204);
    expect(list(h, { type: "MalwareDetected" }).items).toEqual([]);
    expect(list(h).items).toHaveLength(7);
  });

  it("reports the active count and last change in stats", () => {
    const h = acronisHarness();
    const before = body(h.api("GET", "/api/alert_manager/v1/stats"));
    expect(before["count"]).toBe(9);
    h.advance(60);
    h.api("DELETE", `/api/alert_manager/v1/alerts/${(list(h).items[0] as AlertBody).id}`);
    const after = body(h.api("GET", "/api/alert_manager/v1/stats"));
    expect(after["count"]).toBe(8);
    expect(after["modifiedAt"]).not.toBe(before["modifiedAt"]);
  });
});

describe("Acronis alert catalogues and control", () => {
  it("requires os_type for alert types and hides disabled categories by default", () => {
    const h = acronisHarness();
    expect(h.api("GET", "/api/alert_manager/v1/types").status).toBe(400);
    const types = body<{ items: { id: string }[] }>(h.api("GET", "/api/alert_manager/v1/types", { query: { os_type: "linux" } })).items.map((t) => t.id);
    expect(types).toContain("BackupFailed");
    expect(types).not.toContain("MalwareDetected");
    const cats = body<{ items: { name: string }[] }>(h.api("GET", "/api/alert_manager/v1/categories")).items.map((c) => c.name);
    const all = body<{ items: unknown[] }>(h.api("GET", "/api/alert_manager/v1/categories", { query: { include_disabled: "true" } })).items;
    expect(all.length).toBe(cats.length + 1);
  });

  it("raises an alert through control and the API, and re-raises a dismissed one under the same id", () => {
    const h = acronisHarness();
    const tenant = numericId(h, "Woodgrove Bank");
    const raised = h.control("POST", "/alerts", { json: { type: "BackupFailed", tenantID: tenant, details: { resourceName: "WGB-SRV01" } } });
    const id = body<{ id: string }>(raised).id;
    expect(list(h, { id }).items[0]?.tenant.id).toBe(tenant);
    expect(h.control("POST", `/alerts/${id}/clear`).status).toBe(204);
    expect(body<{ items: AlertBody[] }>(h.control("GET", "/alerts", { query: { dismissed: "true" } })).items.map((a) => a.id)).toContain(id);
    h.advance(5);
    const again = h.api("POST", "/api/alert_manager/v1/alerts", { json: { id, type: "BackupFailed", tenantID: tenant, details: {} } });
    expect(body(again)).toEqual({ id });
    const back = list(h, { id }).items[0] as AlertBody;
    expect(back.deletedAt).toBeUndefined();
    expect(back.details["resourceName"]).toBe("WGB-SRV01");
  });

  it("refuses to raise an alert without a type or for an unknown tenant", () => {
    const h = acronisHarness();
    expect(h.control("POST", "/alerts", { json: { details: {} } }).status).toBe(400);
    expect(h.control("POST", "/alerts", { json: { type: "BackupFailed", tenantID: "999999" } }).status).toBe(400);
    expect(h.control("POST", "/alerts/00000000-0000-4000-8000-000000000000/clear").status).toBe(404);
  });

  it("keeps the cleared demo alert on Tailspin's TST Holdings tenant", () => {
    const h = acronisHarness();
    const dismissed = body<{ items: AlertBody[] }>(h.control("GET", "/alerts", { query: { dismissed: "true" } })).items;
    expect(dismissed).toHaveLength(1);
    expect(dismissed[0]?.tenant.uuid).toBe(customerNamed(h, "TST Holdings").id);
  });
});
