import { describe, expect, it } from "vitest";
import { checkMappings } from "../../../src/jobs/orgs/plan/check-mappings.js";
import { diffLinks } from "../../../src/jobs/orgs/plan/mapping-diff.js";
import { acronisTarget, link, links, m365Target } from "./fixtures.js";

const orgs = [
  { id: 1, name: "Org 1" },
  { id: 2, name: "Org 2" },
];

describe("checking the recorded mappings", () => {
  it("finds nothing when both sides still exist under the recorded names", () => {
    const recorded = links([link("acronis", 1, "a-1")], [link("cipp", 2, "m-2", { target: "two.com" })]);
    expect(checkMappings({ links: recorded, orgs, liveTargets: { acronis: [acronisTarget("a-1")], cipp: [m365Target("m-2", "Two", "two.com")] } })).toEqual([]);
  });

  it("finds a deleted organization and a deleted tenant", () => {
    const recorded = links([link("acronis", 9, "a-1"), link("acronis", 1, "a-gone")]);
    const findings = checkMappings({ links: recorded, orgs, liveTargets: { acronis: [acronisTarget("a-1")] } });
    expect(findings.map((f) => `${f.kind} ${f.orgId}`)).toEqual(["target-gone 1", "org-gone 9"]);
  });

  it("finds names that drifted on either side", () => {
    const recorded = links([link("acronis", 1, "a-1", { org: "Old" })]);
    const findings = checkMappings({ links: recorded, orgs, liveTargets: { acronis: [acronisTarget("a-1", "Renamed")] } });
    expect(findings.map((f) => f.detail)).toEqual(['recorded as "Old", NinjaOne now says "Org 1"', 'recorded as "Tenant a-1", now "Renamed"']);
  });

  it("finds a tenant mapped to two organizations, once for each", () => {
    const findings = checkMappings({ links: links([link("acronis", 1, "a-1"), link("acronis", 2, "a-1")]), orgs, liveTargets: {} });
    expect(findings.map((f) => `${f.kind} ${f.orgId}: ${f.detail}`)).toEqual(["target-mapped-twice 1: also mapped to organization 2", "target-mapped-twice 2: also mapped to organization 1"]);
  });

  it("does not call a tenant gone for a service whose tenants were not read", () => {
    expect(checkMappings({ links: links([], [link("cipp", 1, "m-1")]), orgs, liveTargets: {} })).toEqual([]);
  });

  it("reports each way a mapping file differs from the state", () => {
    const recorded = links([link("acronis", 1, "a-1"), link("acronis", 2, "a-2")]);
    const file = links([link("acronis", 1, "a-9")], [link("cipp", 2, "m-2")]);
    const findings = checkMappings({ links: recorded, orgs, liveTargets: {}, fileChanges: diffLinks(recorded, file) });
    expect(findings.map((f) => `${f.kind} ${f.service} ${f.orgId}: ${f.detail}`)).toEqual([
      "file-differs acronis 1: the file differs from the state: target a-1 → a-9",
      'file-differs acronis 2: the state maps it to a-2 ("Tenant a-2"); the file does not',
      'file-differs cipp 2: the file maps it to m-2 ("Tenant m-2"); the state does not',
    ]);
  });
});
