import { describe, expect, it } from "vitest";
import { UsageError } from "../../../src/errors.js";
import { anyOrgMatches, findOrg, linkedOrgs } from "../../../src/jobs/orgs/plan/find-org.js";
import { findTarget, targetNameOf } from "../../../src/jobs/orgs/plan/find-target.js";
import { acronisTarget, link, links, m365Target } from "./fixtures.js";

const orgs = [
  { id: 1, name: "Contoso" },
  { id: 2, name: "Fabrikam" },
  { id: 3, name: "fabrikam" },
  { id: 12, name: "1" },
];

function thrown(fn: () => unknown): UsageError {
  try {
    fn();
  } catch (error) {
    if (error instanceof UsageError) return error;
    throw error;
  }
  throw new Error("expected a usage error");
}

describe("finding an organization", () => {
  it("finds an organization by its id before any name", () => {
    expect(findOrg(orgs, "1")).toEqual({ id: 1, name: "Contoso" });
  });

  it("finds an organization by its exact name regardless of case and surrounding spaces", () => {
    expect(findOrg(orgs, "  CONTOSO ")).toEqual({ id: 1, name: "Contoso" });
  });

  it("does not find an organization by part of its name", () => {
    expect(thrown(() => findOrg(orgs, "Cont")).message).toBe('no NinjaOne organization has the id or name "Cont"');
  });

  it("refuses a name several organizations share, listing each with its id", () => {
    const error = thrown(() => findOrg(orgs, "FABRIKAM"));
    expect(error.message).toBe('"FABRIKAM" names 2 NinjaOne organizations: 2 "Fabrikam", 3 "fabrikam"');
    expect(error.hint).toContain("id");
  });

  it("tells whether any organization answers to a query without throwing", () => {
    expect(anyOrgMatches(orgs, "contoso")).toBe(true);
    expect(anyOrgMatches(orgs, "Northwind")).toBe(false);
  });

  it("lists the organizations the links name once each, as recorded, in id order", () => {
    const recorded = links([link("acronis", 4, "a", { org: "Old name" })], [link("cipp", 4, "m", { org: "New name" }), link("cipp", 2, "n")]);
    expect(linkedOrgs(recorded)).toEqual([
      { id: 2, name: "Org 2" },
      { id: 4, name: "Old name" },
    ]);
  });
});

describe("finding a tenant", () => {
  const m365 = [m365Target("m-1", "Contoso", "contoso.com"), m365Target("m-2", "Contoso Ltd", "contosoltd.com")];

  it("finds a Microsoft 365 tenant by its default domain", () => {
    expect(findTarget(m365, "cipp", "CONTOSOLTD.com").id).toBe("m-2");
  });

  it("finds an Acronis tenant by id and by name", () => {
    const tenants = [acronisTarget("8f2e", "Contoso"), acronisTarget("9a1b", "Adatum")];
    expect(findTarget(tenants, "acronis", "9A1B").name).toBe("Adatum");
    expect(findTarget(tenants, "acronis", "adatum").id).toBe("9a1b");
  });

  it("points at the interactive picker of the right service when nothing matches", () => {
    expect(thrown(() => findTarget(m365, "cipp", "fabrikam")).hint).toContain("--interactive --cipp");
  });

  it("records a Microsoft 365 tenant by its default domain and an Acronis tenant by its name", () => {
    expect(targetNameOf(m365Target("m-1", "Contoso", "contoso.com"))).toBe("contoso.com");
    expect(targetNameOf(acronisTarget("a", "Contoso"))).toBe("Contoso");
  });
});
