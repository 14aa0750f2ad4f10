import { describe, expect, it } from "vitest";
import { alertKey, markerTag, markerTags, parseMarker, keyDigest } from "../../../src/jobs/tickets/plan/alert-key.js";

const base = { tenantId: "56", type: "BackupFailed", workload: { id: "5C350066-2BA6-4EEB-AA91-1213DD35F033" }, plan: { id: "p1" } };

describe("alert key", () => {
  it("is tenant, type and workload, with the workload id compared case-insensitively", () => {
    expect(alertKey(base)).toBe("56/BackupFailed/5c350066-2ba6-4eeb-aa91-1213dd35f033");
    expect(alertKey({ ...base, workload: { id: base.workload.id.toLowerCase() } })).toBe(alertKey(base));
  });

  it("falls back to the plan, then to the tenant itself, when the alert names no resource", () => {
    expect(alertKey({ ...base, workload: undefined })).toBe("56/BackupFailed/p1");
    expect(alertKey({ tenantId: "56", type: "StorageQuotaExceeded" })).toBe("56/StorageQuotaExceeded/tenant");
  });

  it("keeps keys apart when a type id contains the separator", () => {
    expect(alertKey({ tenantId: "5", type: "a/b", workload: { id: "c" } })).not.toBe(alertKey({ tenantId: "5", type: "a", workload: { id: "b/c" } }));
  });
});

describe("ticket marker", () => {
  it("is recognised among a ticket's other tags", () => {
    const key = alertKey(base);
    expect(parseMarker(["vip", ...markerTags(key)])).toBe(keyDigest(key));
    expect(markerTags(key)).toContain(markerTag(key));
  });

  it("is absent from tickets ninja-bridge did not raise", () => {
    expect(parseMarker(["ninja-bridge", "ninja-bridge:alert:zz", "ninja-bridge:alert:"])).toBeUndefined();
  });

  it("differs between keys and stays short", () => {
    const other = alertKey({ ...base, type: "BackupDidNotStart" });
    expect(markerTag(other)).not.toBe(markerTag(alertKey(base)));
    expect(markerTag(alertKey({ tenantId: "1", type: "x".repeat(500) })).length).toBeLessThanOrEqual(43);
  });
});
