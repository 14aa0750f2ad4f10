import { describe, expect, it } from "vitest";
import { buildOrgRows, unmappedRows } from "../../../src/jobs/orgs/plan/list-rows.js";
import { acronisTarget, link, links, m365Target } from "./fixtures.js";

const orgs = [
  { id: 2, name: "beta" },
  { id: 1, name: "Alpha" },
  { id: 3, name: "ALPHA" },
];

describe("organization list rows", () => {
  it("lists every organization by name, then id, with its device count and links", () => {
    const rows = buildOrgRows({
      orgs: [{ id: 2, name: "beta" }, { id: 1, name: "Alpha" }],
      deviceCounts: new Map([[1, 4]]),
      links: links([link("acronis", 1, "a-1")], [link("cipp", 2, "m-2", { target: "beta.com" })]),
      liveTargets: { acronis: [acronisTarget("a-1")], cipp: [m365Target("m-2", "Beta", "beta.com")] },
    });
    expect(rows).toEqual([
      { id: 1, name: "Alpha", devices: 4, acronis: { targetId: "a-1", targetName: "Tenant a-1", source: "manual" }, m365: null, excluded: [], flags: [] },
      { id: 2, name: "beta", devices: 0, acronis: null, m365: { targetId: "m-2", targetName: "beta.com", source: "manual" }, excluded: [], flags: [] },
    ]);
  });

  it("lists a mapped organization NinjaOne no longer has, with no device count", () => {
    const rows = buildOrgRows({ orgs: [], deviceCounts: new Map(), links: links([link("acronis", 9, "a-9", { org: "Gone Inc" })]), liveTargets: {} });
    expect(rows).toMatchObject([{ id: 9, name: "Gone Inc", devices: null, flags: ["org-gone"] }]);
  });

  it("flags organizations whose names differ only in case as duplicates", () => {
    const rows = buildOrgRows({ orgs, deviceCounts: new Map(), links: links(), liveTargets: {} });
    expect(rows.map((r) => [r.id, r.flags])).toEqual([
      [1, ["duplicate-name"]],
      [3, ["duplicate-name"]],
      [2, []],
    ]);
  });

  it("does not count a deleted organization's recorded name as a duplicate of a live one", () => {
    const rows = buildOrgRows({ orgs: [{ id: 1, name: "Alpha" }], deviceCounts: new Map(), links: links([link("acronis", 7, "a-7", { org: "Alpha" })]), liveTargets: {} });
    expect(rows.map((r) => r.flags)).toEqual([[], ["org-gone"]]);
  });

  it("flags a link whose tenant is gone only for services that were read", () => {
    const input = { orgs: [{ id: 1, name: "Alpha" }], deviceCounts: new Map(), links: links([link("acronis", 1, "a-1")], [link("cipp", 1, "m-1")]) };
    expect(buildOrgRows({ ...input, liveTargets: { acronis: [] } })[0]?.flags).toEqual(["acronis-target-gone"]);
    expect(buildOrgRows({ ...input, liveTargets: { acronis: [], cipp: [] } })[0]?.flags).toEqual(["acronis-target-gone", "m365-target-gone"]);
  });

  it("keeps live organizations missing a link to a configured service as unmapped, not deleted ones", () => {
    const rows = buildOrgRows({
      orgs: [{ id: 1, name: "Alpha" }, { id: 2, name: "Beta" }],
      deviceCounts: new Map(),
      links: links([link("acronis", 1, "a-1"), link("acronis", 9, "a-9")], [link("cipp", 2, "m-2")]),
      liveTargets: {},
    });
    expect(unmappedRows(rows, ["acronis"]).map((r) => r.id)).toEqual([2]);
    expect(unmappedRows(rows, ["acronis", "cipp"]).map((r) => r.id)).toEqual([1, 2]);
    expect(unmappedRows(rows, [])).toEqual([]);
  });
});
