import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { linkOfOrg, linkOfTarget, linksOf, recordLink, removeLink, type Link } from "../../../src/jobs/shared/mappings.js";
import { StateDocumentSchema, emptyState } from "../../../src/state/index.js";

const at = "2026-11-22T10:00:00.000Z";
const acronis = (orgId: number, targetId: string): Link => ({
  service: "acronis",
  orgId,
  orgName: `Org ${orgId}`,
  targetId,
  targetName: `Tenant ${targetId}`,
  source: "manual",
  mappedAt: at,
});

describe("mappings in the state file", () => {
  it("records an Acronis link and an M365 link in their sections, valid against the state schema", () => {
    const doc = emptyState(new Date(at), randomUUID());
    recordLink(doc, acronis(2, "t-2"));
    recordLink(doc, { ...acronis(2, "m-2"), service: "cipp", targetName: "fabrikam.com" });
    expect(StateDocumentSchema.safeParse(doc).success).toBe(true);
    expect(doc.mappings.acronis["2"]?.acronisTenantId).toBe("t-2");
    expect(doc.mappings.m365["2"]?.m365DefaultDomain).toBe("fabrikam.com");
    expect(linkOfOrg(doc, "cipp", 2)?.targetId).toBe("m-2");
    expect(linkOfTarget(doc, "acronis", "t-2")?.orgId).toBe(2);
  });

  it("lists links in organization id order", () => {
    const doc = emptyState(new Date(at), randomUUID());
    recordLink(doc, acronis(10, "t-10"));
    recordLink(doc, acronis(3, "t-3"));
    expect(linksOf(doc, "acronis").map((l) => l.orgId)).toEqual([3, 10]);
  });

  it("refuses to map one target to two organizations", () => {
    const doc = emptyState(new Date(at), randomUUID());
    recordLink(doc, acronis(1, "t-1"));
    expect(() => recordLink(doc, acronis(2, "t-1"))).toThrow(/already mapped to organization 1/);
  });

  it("replaces an organization's own link and removes it on unmap", () => {
    const doc = emptyState(new Date(at), randomUUID());
    recordLink(doc, acronis(1, "t-1"));
    recordLink(doc, acronis(1, "t-9"));
    expect(linksOf(doc, "acronis")).toHaveLength(1);
    expect(removeLink(doc, "acronis", 1)).toBe(true);
    expect(removeLink(doc, "acronis", 1)).toBe(false);
  });
});
