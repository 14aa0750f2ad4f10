import { describe, expect, it } from "vitest";
import { diffLinks } from "../../../src/jobs/orgs/plan/mapping-diff.js";
import { changeRow, listRow, mapPlanLines } from "../../../src/jobs/orgs/plan/plan-text.js";
import { filterBySearch } from "../../../src/jobs/orgs/plan/search-filter.js";
import { link, links } from "./fixtures.js";

describe("plan text", () => {
  it("says what a forced map replaces and unlinks", () => {
    const lines = mapPlanLines({ kind: "link", link: link("acronis", 1, "a-1"), replaces: link("acronis", 1, "a-0"), unlinks: link("acronis", 2, "a-1") });
    expect(lines).toEqual([
      "map Org 1 (#1) → Acronis tenant Tenant a-1 (a-1)",
      "replaces its link to Tenant a-0 (a-0)",
      "unlinks Org 2 (#2) from Tenant a-1 (a-1) (--force)",
    ]);
  });

  it("shows a deleted organization's row with a dash for devices and links", () => {
    expect(listRow({ id: 9, name: "Gone", devices: null, acronis: null, m365: null, excluded: [], flags: ["org-gone"] })).toEqual([9, "Gone", "-", "-", "-", "-", "org-gone"]);
  });

  it("lists the jobs an organization is excluded from", () => {
    expect(listRow({ id: 3, name: "Kept out", devices: 2, acronis: null, m365: null, excluded: ["fields", "tickets"], flags: [] })).toEqual([3, "Kept out", 2, "-", "-", "fields, tickets", ""]);
  });

  it("shows a change's before and after, with the reason for a change", () => {
    const changes = diffLinks(links([link("acronis", 1, "a-1")], [link("cipp", 3, "m-3")]), links([link("acronis", 1, "a-2")], []));
    expect(changes.map(changeRow)).toEqual([
      ["change", "acronis", "Org 1 (#1)", "Tenant a-1 (a-1)", "Tenant a-2 (a-2): target a-1 → a-2"],
      ["remove", "m365", "Org 3 (#3)", "Tenant m-3 (m-3)", "-"],
    ]);
  });
});

describe("searching a picker list", () => {
  const items = ["Contoso (#1)", "Contoso Ltd (#7)", "Fabrikam (#2)"].map((label, value) => ({ label, value }));

  it("keeps items holding every typed word, in any case", () => {
    expect(filterBySearch(items, "ltd CONT").map((i) => i.value)).toEqual([1]);
  });

  it("keeps every item when nothing is typed", () => {
    expect(filterBySearch(items, undefined)).toHaveLength(3);
    expect(filterBySearch(items, "  ")).toHaveLength(3);
  });
});
