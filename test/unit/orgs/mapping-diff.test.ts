import { describe, expect, it } from "vitest";
import { applySteps, countDestructive, diffLinks } from "../../../src/jobs/orgs/plan/mapping-diff.js";
import { link, links } from "./fixtures.js";

describe("the difference between recorded and wanted links", () => {
  it("finds adds, target changes, renames and removals in service then organization order", () => {
    const current = links([link("acronis", 3, "a-3"), link("acronis", 1, "a-1"), link("acronis", 2, "a-2")], [link("cipp", 5, "m-5")]);
    const wanted = links([link("acronis", 1, "a-9"), link("acronis", 2, "a-2", { org: "Two" }), link("acronis", 4, "a-4")], [link("cipp", 5, "m-5")]);
    expect(diffLinks(current, wanted).map((c) => `${c.kind} ${c.service} ${c.orgId}${c.kind === "change" ? `: ${c.reason}` : ""}`)).toEqual([
      "change acronis 1: target a-1 → a-9",
      'change acronis 2: organization name "Org 2" → "Two"',
      "remove acronis 3",
      "add acronis 4",
    ]);
  });

  it("ignores when and by what a link was recorded", () => {
    const recorded = link("acronis", 1, "a-1");
    expect(diffLinks(links([recorded]), links([{ ...recorded, source: "import", mappedAt: "2030-01-01T00:00:00.000Z" }]))).toEqual([]);
  });

  it("removes both links before recording either when two organizations swap tenants", () => {
    const changes = diffLinks(links([link("acronis", 1, "a-1"), link("acronis", 2, "a-2")]), links([link("acronis", 1, "a-2"), link("acronis", 2, "a-1")]));
    expect(applySteps(changes).map((s) => `${s.kind} ${s.link.orgId}→${s.link.targetId}`)).toEqual(["unlink 1→a-1", "unlink 2→a-2", "link 1→a-2", "link 2→a-1"]);
  });

  it("re-records a renamed link without unlinking it first", () => {
    const changes = diffLinks(links([link("acronis", 1, "a-1")]), links([link("acronis", 1, "a-1", { target: "New" })]));
    expect(applySteps(changes).map((s) => s.kind)).toEqual(["link"]);
  });

  it("counts removals and moves as destructive, and adds and renames not", () => {
    const changes = diffLinks(
      links([link("acronis", 1, "a-1"), link("acronis", 2, "a-2"), link("acronis", 3, "a-3")]),
      links([link("acronis", 1, "a-9"), link("acronis", 2, "a-2", { org: "Two" }), link("acronis", 4, "a-4")]),
    );
    expect(countDestructive(changes)).toBe(2);
  });
});
