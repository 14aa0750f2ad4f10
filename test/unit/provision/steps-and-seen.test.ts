import { describe, expect, it } from "vitest";
import { adminEmailFor, adminEmailProblem, loginCandidates, orgSlug } from "../../../src/jobs/shared/acronis-customers/admin-email.js";
import { orgsAppearedSince, recordOrgsSeen } from "../../../src/jobs/provision/plan/orgs-seen.js";
import { remainingSteps } from "../../../src/jobs/provision/plan/steps.js";
import { AT, doc } from "./builders.js";

describe("remainingSteps", () => {
  it("sets 2FA right after the tenant, before services and the admin user", () => {
    expect(remainingSteps({ tenant: AT })).toEqual(["mfa", "services", "pricing", "user", "role", "activation", "map"]);
  });

  it("runs only the steps not recorded, so a record from before 2FA moved up repeats nothing", () => {
    expect(remainingSteps({ tenant: AT, services: AT, pricing: AT, user: AT, role: AT, activation: AT })).toEqual(["mfa", "map"]);
  });

  it("is every step for nothing recorded and none when all are", () => {
    expect(remainingSteps(undefined)).toHaveLength(8);
    expect(remainingSteps({ tenant: AT, services: AT, pricing: AT, user: AT, role: AT, activation: AT, mfa: AT, map: AT })).toEqual([]);
  });
});

describe("orgs seen", () => {
  const orgs = [
    { id: 1, name: "Contoso" },
    { id: 2, name: "Fabrikam" },
  ];

  it("sees nothing new on a state that has seen nothing yet", () => {
    expect(orgsAppearedSince(doc().orgsSeen, orgs)).toEqual([]);
  });

  it("lists the organizations not seen by the last run", () => {
    const state = doc((d) => recordOrgsSeen(d, [orgs[0] as { id: number; name: string }], new Date(AT)));
    expect(orgsAppearedSince(state.orgsSeen, orgs)).toEqual([{ id: 2, name: "Fabrikam" }]);
  });

  it("keeps when an organization was first seen and moves when it was last seen", () => {
    const state = doc((d) => {
      recordOrgsSeen(d, orgs, new Date(AT));
      recordOrgsSeen(d, [{ id: 1, name: "Contoso Ltd" }], new Date("2026-02-01T00:00:00.000Z"));
    });
    expect(state.orgsSeen["1"]).toEqual({ ninjaOrgId: 1, name: "Contoso Ltd", firstSeenAt: AT, lastSeenAt: "2026-02-01T00:00:00.000Z" });
  });
});

describe("admin e-mail", () => {
  it("fills in the organization's id and ASCII slug", () => {
    expect(adminEmailFor("backup+{slug}-{orgId}@msp.example", { id: 4, name: "Tailspin Toys (HQ)" })).toBe("backup+tailspin-toys-hq-4@msp.example");
    expect(orgSlug({ id: 9, name: "Café Zürich GmbH" })).toBe("cafe-zurich");
    expect(orgSlug({ id: 9, name: "東京" })).toBe("org-9");
  });

  it("rejects a pattern that is not an address or names an unknown placeholder", () => {
    expect(adminEmailProblem("it@msp.example")).toBeUndefined();
    expect(adminEmailProblem("{slug}")).toBe("not an e-mail address");
    expect(adminEmailProblem("{name}@msp.example")).toContain("unknown placeholder {name}");
  });

  it("tries the address as login first, then names made from the organization", () => {
    expect(loginCandidates("it@msp.example", { id: 5, name: "Alpine Ski House" }).slice(0, 3)).toEqual(["it@msp.example", "alpine-ski-house-admin", "alpine-ski-house-admin-5"]);
  });
});
