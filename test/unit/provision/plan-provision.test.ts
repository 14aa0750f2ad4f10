import { describe, expect, it } from "vitest";
import { planProvision, resolveOrg, type PlanTenant, type ProvisionPlanInput } from "../../../src/jobs/provision/plan/plan-provision.js";
import { UsageError } from "../../../src/errors.js";
import { AT, doc, mapAcronis, settings } from "./builders.js";
import { recordExclusion } from "../../../src/jobs/shared/exclusions.js";

const ORGS = [
  { id: 1, name: "Contoso" },
  { id: 2, name: "Fabrikam, Inc." },
  { id: 5, name: "Alpine Ski House" },
];

function plan(parts: Partial<ProvisionPlanInput>) {
  return planProvision({ orgs: ORGS, tenants: [], state: doc(), settings: settings(), selection: { kind: "all-unmapped" }, ...parts });
}

function kinds(parts: Partial<ProvisionPlanInput>): string[] {
  return plan(parts).actions.map((a) => `${a.org.id}:${a.kind}`);
}

describe("planProvision", () => {
  it("creates a customer for every unmapped organization, with all steps in order", () => {
    const result = plan({ state: doc((d) => mapAcronis(d, 1, "Contoso", "t-1", "Contoso")) });
    expect(result.actions.map((a) => `${a.org.id}:${a.kind}`)).toEqual(["2:create", "5:create"]);
    expect(result.actions[1]).toMatchObject({
      tenant: { id: null, name: "Alpine Ski House" },
      mode: "production",
      adminEmail: "admin+alpine-ski-house@msp.example",
      mfa: false,
      steps: ["tenant", "mfa", "services", "pricing", "user", "role", "activation", "map"],
    });
  });

  it("refuses an organization whose normalised name an unmapped customer already carries, naming the customer", () => {
    const tenants: PlanTenant[] = [{ id: "t-fab", name: "FABRIKAM INC" }];
    const refused = plan({ tenants }).actions.find((a) => a.org.id === 2);
    expect(refused).toMatchObject({ kind: "refuse", steps: [], candidates: [{ id: "t-fab", name: "FABRIKAM INC" }] });
    expect(refused?.reason).toContain("orgs map");
  });

  it("does not count a customer mapped to another organization as a duplicate, unless it holds the exact name", () => {
    const state = doc((d) => {
      mapAcronis(d, 9, "Fabrikam Europe", "t-fab", "Fabrikam");
      mapAcronis(d, 8, "Someone", "t-alp", "alpine ski house");
    });
    const tenants = [
      { id: "t-fab", name: "Fabrikam" },
      { id: "t-alp", name: "alpine ski house" },
    ];
    const actions = plan({ state, tenants }).actions;
    expect(actions.find((a) => a.org.id === 2)?.kind).toBe("create");
    expect(actions.find((a) => a.org.id === 5)).toMatchObject({ kind: "refuse", reason: expect.stringContaining("mapped to organization 8") });
  });

  it("adopts the customer that carries this organization's internal tag instead of refusing it", () => {
    const tenants = [{ id: "t-new", name: "Alpine Ski House", internalTag: "ninja-org:5" }];
    expect(plan({ tenants }).actions.find((a) => a.org.id === 5)).toMatchObject({
      kind: "adopt",
      tenant: { id: "t-new" },
      steps: ["mfa", "services", "pricing", "user", "role", "activation", "map"],
    });
  });

  it("refuses a same-name customer tagged for another organization", () => {
    const tenants = [{ id: "t-x", name: "Alpine Ski House", internalTag: "ninja-org:77" }];
    expect(plan({ tenants }).actions.find((a) => a.org.id === 5)?.kind).toBe("refuse");
  });

  it("resumes a recorded half-done organization with its unrecorded steps, with the settings it started with", () => {
    const state = doc((d) => {
      d.provisioning["5"] = {
        ninjaOrgId: 5,
        ninjaOrgName: "Alpine Ski House",
        acronisTenantId: "t-5",
        acronisTenantName: "Alpine Ski House",
        origin: "provisioned",
        status: "provisioning",
        mode: "trial",
        adminEmail: "first@msp.example",
        mfa: true,
        steps: { tenant: AT, services: AT },
        createdAt: AT,
      };
    });
    expect(plan({ state }).actions.find((a) => a.org.id === 5)).toMatchObject({
      kind: "resume",
      tenant: { id: "t-5" },
      mode: "trial",
      adminEmail: "first@msp.example",
      mfa: true,
      steps: ["mfa", "pricing", "user", "role", "activation", "map"],
    });
  });

  it("skips a named organization that is already mapped", () => {
    const state = doc((d) => mapAcronis(d, 1, "Contoso", "t-1", "Contoso"));
    expect(plan({ state, selection: { kind: "orgs", refs: ["contoso"] } }).actions).toMatchObject([{ kind: "skip", tenant: { id: "t-1" } }]);
  });

  it("flags a plan that needs an admin e-mail when none is configured", () => {
    const noEmail = { ...settings(), adminEmail: undefined };
    expect(plan({ settings: noEmail })).toMatchObject({ missingAdminEmail: true });
    expect(plan({})).toMatchObject({ missingAdminEmail: false });
  });

  it("provisions nothing new inside sync while auto-provision is off", () => {
    const state = doc((d) => {
      d.orgsSeen["1"] = { ninjaOrgId: 1, name: "Contoso", firstSeenAt: AT, lastSeenAt: AT };
    });
    expect(kinds({ state, selection: { kind: "appeared" } })).toEqual([]);
  });

  it("provisions only the organizations that appeared since the last run when auto-provision is on", () => {
    const state = doc((d) => {
      d.orgsSeen["1"] = { ninjaOrgId: 1, name: "Contoso", firstSeenAt: AT, lastSeenAt: AT };
      d.orgsSeen["2"] = { ninjaOrgId: 2, name: "Fabrikam, Inc.", firstSeenAt: AT, lastSeenAt: AT };
    });
    expect(kinds({ state, settings: settings({ autoProvision: true }), selection: { kind: "appeared" } })).toEqual(["5:create"]);
  });
});

describe("resolveOrg", () => {
  it("finds an organization by id, by name in any case, or by normalised name", () => {
    expect(resolveOrg(ORGS, "5").name).toBe("Alpine Ski House");
    expect(resolveOrg(ORGS, "CONTOSO").id).toBe(1);
    expect(resolveOrg(ORGS, "Fabrikam Inc").id).toBe(2);
  });

  it("refuses a name that fits two organizations, and one that fits none", () => {
    const twins = [...ORGS, { id: 7, name: "Contoso Ltd" }];
    expect(() => resolveOrg(twins, "contoso ltd.")).toThrow(UsageError);
    expect(() => resolveOrg([{ id: 1, name: "Contoso" }, { id: 7, name: "CONTOSO Ltd" }], "Contoso GmbH")).toThrow(/names 2 NinjaOne organizations/);
    expect(() => resolveOrg(ORGS, "Woodgrove")).toThrow(/no NinjaOne organization "Woodgrove"/);
  });

  it("skips an organization excluded from provision, saying so, and still plans the others", () => {
    const state = doc((d) => recordExclusion(d, { id: 2, name: "Fabrikam, Inc." }, ["provision"], AT));
    const result = plan({ state });
    expect(result.actions.map((a) => `${a.org.id}:${a.kind}`)).toEqual(["1:create", "2:skip", "5:create"]);
    expect(result.actions[1]?.reason).toContain("excluded from provision");
    expect(kinds({ state: doc((d) => recordExclusion(d, { id: 2, name: "Fabrikam, Inc." }, ["fields"], AT)) })).toEqual(["1:create", "2:create", "5:create"]);
  });
});
