import { describe, expect, it } from "vitest";
import { planAutomap } from "../../../src/jobs/automap/plan/index.js";
import { input, linkPairs, refusals } from "./builders.js";

describe("planAutomap name pass", () => {
  it("links an organization and a tenant whose names differ only in case, punctuation and legal form", () => {
    const plan = planAutomap(input({ orgs: [{ id: 2, name: "Fabrikam, Inc." }], targets: [{ id: "t", name: "FABRIKAM" }] }));
    expect(plan.actions).toEqual([
      expect.objectContaining({ kind: "link", org: { id: 2, name: "Fabrikam, Inc." }, target: { id: "t", name: "FABRIKAM" }, evidence: expect.objectContaining({ by: "name", match: "normalised", normalisedName: "fabrikam" }) }),
    ]);
  });

  it("prefers an exact (case-insensitive) match over a normalised one, and names the one it passed over", () => {
    const plan = planAutomap(input({
      orgs: [{ id: 1, name: "Contoso" }],
      targets: [{ id: "ltd", name: "Contoso Ltd" }, { id: "plain", name: "contoso" }],
    }));
    expect(linkPairs(plan)).toEqual(["1→plain"]);
    const [link] = plan.actions;
    expect(link).toMatchObject({ evidence: { match: "exact", similarTargets: [{ id: "ltd", name: "Contoso Ltd" }] } });
    expect(link?.reason).toContain("Contoso Ltd");
  });

  it("prefers an exact match from the tenant's side too", () => {
    const plan = planAutomap(input({
      orgs: [{ id: 1, name: "Northwind Traders LLC" }, { id: 2, name: "Northwind Traders" }],
      targets: [{ id: "t", name: "northwind traders" }],
    }));
    expect(linkPairs(plan)).toEqual(["2→t"]);
  });

  it("links what is left once the exact pairs are taken, so a second run has nothing new to propose", () => {
    const plan = planAutomap(input({
      orgs: [{ id: 16, name: "McAllister Consulting Inc." }, { id: 515, name: "McAllister Consulting" }],
      targets: [{ id: "exact", name: "McAllister Consulting Inc." }, { id: "other", name: "McAllister Consulting, Inc." }],
    }));
    expect(linkPairs(plan)).toEqual(["16→exact", "515→other"]);
    expect(refusals(plan)).toEqual([]);
  });

  it("refuses an organization whose name matches two tenants equally, naming both", () => {
    const plan = planAutomap(input({
      orgs: [{ id: 6, name: "Adatum" }],
      targets: [{ id: "a", name: "Adatum GmbH" }, { id: "b", name: "Adatum AG" }],
    }));
    expect(linkPairs(plan)).toEqual([]);
    expect(refusals(plan)).toEqual([
      expect.objectContaining({ cause: "name-tie", subject: { side: "org", id: 6, name: "Adatum" }, candidates: [{ id: "a", name: "Adatum GmbH" }, { id: "b", name: "Adatum AG" }] }),
    ]);
    expect(plan.actions.filter((a) => a.kind === "unmatched")).toEqual([]);
  });

  it("refuses a tenant whose name matches two organizations equally", () => {
    const plan = planAutomap(input({
      orgs: [{ id: 1, name: "Litware Inc" }, { id: 2, name: "Litware LLC" }],
      targets: [{ id: "t", name: "Litware" }],
    }));
    expect(linkPairs(plan)).toEqual([]);
    expect(refusals(plan)).toEqual([expect.objectContaining({ cause: "name-tie", subject: { side: "target", id: "t", name: "Litware" } })]);
  });

  it("never offers already-mapped organizations or tenants as candidates, and says it skipped them", () => {
    const plan = planAutomap(input({
      orgs: [{ id: 1, name: "Contoso" }, { id: 2, name: "Contoso Ltd" }, { id: 3, name: "Fabrikam" }],
      targets: [{ id: "c", name: "Contoso" }, { id: "f1", name: "Fabrikam" }, { id: "f2", name: "Fabrikam Inc" }],
      mappedOrgIds: new Set([1]),
      mappedTargetIds: ["f1"],
    }));
    // Without the exclusions, "Contoso" would go to org 1 and "Fabrikam" to f1.
    expect(linkPairs(plan)).toEqual(["2→c", "3→f2"]);
    expect(plan.actions.filter((a) => a.kind === "skip").map((a) => a.subject)).toEqual([
      { side: "org", id: 1, name: "Contoso" },
      { side: "target", id: "f1", name: "Fabrikam" },
    ]);
  });

  it("does not match names that are only punctuation", () => {
    const plan = planAutomap(input({ orgs: [{ id: 1, name: "—" }], targets: [{ id: "t", name: "..." }] }));
    expect(linkPairs(plan)).toEqual([]);
  });

  it("reports organizations and tenants nothing matched", () => {
    const plan = planAutomap(input({ target: "cipp", orgs: [{ id: 5, name: "Alpine Ski House" }], targets: [{ id: "w", name: "Woodgrove Bank" }] }));
    expect(plan.actions).toEqual([
      { kind: "unmatched", subject: { side: "org", id: 5, name: "Alpine Ski House" }, reason: "no Microsoft 365 tenant matches by name or by devices" },
      { kind: "unmatched", subject: { side: "target", id: "w", name: "Woodgrove Bank" }, reason: "no NinjaOne organization matches by name or by devices" },
    ]);
  });
});
