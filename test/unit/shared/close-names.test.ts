import { describe, expect, it } from "vitest";
import { closeUnmappedPairs } from "../../../src/jobs/shared/acronis-customers/close-names.js";
import { closest, editDistance, namesAreClose } from "../../../src/jobs/shared/names/similarity.js";

describe("namesAreClose", () => {
  it.each([
    ["Contoso", "CONTOSO LLC"],
    ["Contoso", "Contoso Europe"],
    ["Fabrikam", "Fabrikan"],
    ["Northwind Traders", "Northwind Tradres Ltd"],
    ["Tailspin Toys", "TailspinToys"],
  ])("takes %s and %s as close", (a, b) => {
    expect(namesAreClose(a, b)).toBe(true);
  });

  it.each([
    ["Acme", "Apex"],
    ["Contoso", "Woodgrove Bank"],
    ["AB", "AB Europe"],
    ["Tailspin Toys (HQ)", "TST Holdings"],
  ])("keeps %s and %s apart", (a, b) => {
    expect(namesAreClose(a, b)).toBe(false);
  });
});

describe("editDistance", () => {
  it.each([
    ["", "", 0],
    ["", "abc", 3],
    ["kitten", "sitting", 3],
    ["fabrikam", "fabrikan", 1],
    ["tradres", "traders", 1],
    ["ca", "abc", 3],
  ])("counts %s → %s as %i edits, an adjacent swap as one", (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
    expect(editDistance(b, a)).toBe(d);
  });
});

describe("closest", () => {
  it("suggests the nearest name within three edits and none past that", () => {
    expect(closest("BackupFaild", ["BackupFailed", "BackupDidNotStart"])).toBe("BackupFailed");
    expect(closest("Bogus", ["BackupFailed", "MachineIsOffline"])).toBeUndefined();
  });
});

describe("closeUnmappedPairs", () => {
  const orgs = [
    { id: 2, name: "Fabrikam" },
    { id: 1, name: "Contoso" },
    { id: 3, name: "Alpine Ski House" },
  ];
  const customers = [
    { id: "t-contoso-eu", name: "Contoso Europe" },
    { id: "t-fabrikan", name: "Fabrikan Ltd" },
    { id: "t-contoso", name: "Contoso" },
    { id: "t-woodgrove", name: "Woodgrove Bank" },
  ];

  it("pairs each unmapped organization with the unmapped customers whose names are close, not only equal", () => {
    const pairs = closeUnmappedPairs(orgs, customers, { orgIds: new Set(), customerIds: new Set() });
    expect(pairs.map((p) => [p.org.id, p.customer.id])).toEqual([
      [1, "t-contoso"],
      [1, "t-contoso-eu"],
      [2, "t-fabrikan"],
    ]);
  });

  it("leaves out mapped organizations and mapped customers", () => {
    const pairs = closeUnmappedPairs(orgs, customers, { orgIds: new Set([2]), customerIds: new Set(["t-contoso"]) });
    expect(pairs.map((p) => [p.org.id, p.customer.id])).toEqual([[1, "t-contoso-eu"]]);
  });
});
