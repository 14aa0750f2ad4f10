import { describe, expect, it } from "vitest";
import { planMap } from "../../../src/jobs/orgs/plan/map-plan.js";
import { planUnmap } from "../../../src/jobs/orgs/plan/unmap-plan.js";
import { acronisTarget, link, links } from "./fixtures.js";

const now = new Date("2026-12-01T00:00:00.000Z");
const base = { service: "acronis" as const, org: { id: 1, name: "Org 1" }, target: acronisTarget("a-1"), force: false, source: "manual" as const, now };

describe("planning a map", () => {
  it("links an unmapped organization to a free tenant, stamped with the source and time", () => {
    expect(planMap({ ...base, links: [] })).toEqual({
      kind: "link",
      link: { service: "acronis", orgId: 1, orgName: "Org 1", targetId: "a-1", targetName: "Tenant a-1", source: "manual", mappedAt: now.toISOString() },
    });
  });

  it("changes nothing when the organization already has exactly this link", () => {
    expect(planMap({ ...base, links: [link("acronis", 1, "a-1")] })).toEqual({ kind: "unchanged", link: link("acronis", 1, "a-1") });
  });

  it("records the same link again when a name has drifted, without calling it a replacement", () => {
    const plan = planMap({ ...base, target: acronisTarget("a-1", "Renamed"), links: [link("acronis", 1, "a-1")] });
    expect(plan).toMatchObject({ kind: "link", link: { targetName: "Renamed" } });
    expect(plan).not.toHaveProperty("replaces");
  });

  it("names the organization's own link it replaces", () => {
    const plan = planMap({ ...base, links: [link("acronis", 1, "a-0")] });
    expect(plan).toMatchObject({ kind: "link", replaces: { targetId: "a-0" } });
  });

  it("refuses a tenant another organization holds", () => {
    const plan = planMap({ ...base, links: [link("acronis", 2, "a-1")] });
    expect(plan).toMatchObject({ kind: "refused", heldBy: { orgId: 2 } });
  });

  it("takes a held tenant with force and names the link it unlinks", () => {
    const plan = planMap({ ...base, force: true, links: [link("acronis", 2, "a-1"), link("acronis", 1, "a-0")] });
    expect(plan).toMatchObject({ kind: "link", unlinks: { orgId: 2, targetId: "a-1" }, replaces: { targetId: "a-0" } });
  });
});

describe("planning an unmap", () => {
  it("removes the links of the services asked for and names those without one", () => {
    const recorded = links([link("acronis", 1, "a-1")], [link("cipp", 2, "m-2")]);
    expect(planUnmap(recorded, 1, ["acronis", "cipp"])).toEqual({ orgId: 1, removals: [link("acronis", 1, "a-1")], notMapped: ["cipp"] });
    expect(planUnmap(recorded, 2, ["acronis"])).toEqual({ orgId: 2, removals: [], notMapped: ["acronis"] });
  });
});
