import { describe, expect, it } from "vitest";
import { RequestCounter } from "../../../../src/sandbox/core/request-counts.js";

describe("RequestCounter", () => {
  it("counts per service, route and status class", () => {
    const counter = new RequestCounter();
    counter.record("ninjaone", "GET /v2/organizations", 200);
    counter.record("ninjaone", "GET /v2/organizations", 429);
    counter.record("ninjaone", "GET /v2/devices", "dropped");
    counter.record("cipp", "GET /api/ListTenants", 503);
    const counts = counter.snapshot();
    expect(counts.total).toBe(4);
    expect(counts.services.ninjaone.byRoute["GET /v2/organizations"]).toEqual({ total: 2, byStatus: { "2xx": 1, "4xx": 1 } });
    expect(counts.services.ninjaone.byStatus).toEqual({ "2xx": 1, "4xx": 1, dropped: 1 });
    expect(counts.services.cipp.byStatus).toEqual({ "5xx": 1 });
    expect(counts.services.acronis.total).toBe(0);
  });

  it("starts from zero after a reset, leaving earlier snapshots alone", () => {
    const counter = new RequestCounter();
    counter.record("acronis", "GET /x", 200);
    const before = counter.snapshot();
    counter.reset();
    expect(counter.snapshot().total).toBe(0);
    expect(before.total).toBe(1);
  });
});
