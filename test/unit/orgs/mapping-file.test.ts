import { describe, expect, it } from "vitest";
import { buildMappingFile, linksOfFile, parseMappingFile, serializeMappingFile } from "../../../src/jobs/orgs/plan/mapping-file.js";
import { link, links } from "./fixtures.js";

const recorded = links(
  [link("acronis", 7, "a-7", { org: "Seven" }), link("acronis", 2, "a-2", { org: "Two" })],
  [link("cipp", 2, "m-2", { org: "Two", target: "two.com" })],
);

describe("the mapping file", () => {
  it("holds ids and names only, sorted by organization id, with its format and version", () => {
    expect(buildMappingFile(recorded)).toEqual({
      format: "ninja-bridge/org-mappings",
      version: 1,
      acronis: [
        { orgId: 2, orgName: "Two", tenantId: "a-2", tenantName: "Tenant a-2" },
        { orgId: 7, orgName: "Seven", tenantId: "a-7", tenantName: "Tenant a-7" },
      ],
      m365: [{ orgId: 2, orgName: "Two", tenantId: "m-2", defaultDomain: "two.com" }],
    });
  });

  it("reads back what it writes, and its links equal the recorded ones apart from source and time", () => {
    const parsed = parseMappingFile(serializeMappingFile(buildMappingFile(recorded)));
    if (!parsed.ok) throw new Error(parsed.problem);
    const now = new Date("2027-01-01T00:00:00.000Z");
    const back = linksOfFile(parsed.file, "import", now);
    expect(back.acronis.map((l) => ({ ...l, source: "manual", mappedAt: recorded.acronis[0]?.mappedAt }))).toEqual([...recorded.acronis].sort((a, b) => a.orgId - b.orgId));
    expect(back.cipp[0]).toMatchObject({ source: "import", mappedAt: now.toISOString(), targetName: "two.com" });
  });

  it("writes the same bytes for the same mappings, whatever order they were recorded in", () => {
    const reversed = links([...recorded.acronis].reverse(), recorded.cipp);
    expect(serializeMappingFile(buildMappingFile(reversed))).toBe(serializeMappingFile(buildMappingFile(recorded)));
  });

  it("names the field that is wrong", () => {
    const doc = buildMappingFile(recorded);
    const text = JSON.stringify({ ...doc, m365: [{ ...doc.m365[0], orgId: "2" }] });
    expect(parseMappingFile(text)).toMatchObject({ ok: false, field: "m365[0].orgId" });
  });

  it("refuses a tenant mapped to two organizations, naming the second entry", () => {
    const doc = buildMappingFile(recorded);
    const [first, second] = doc.acronis;
    const text = JSON.stringify({ ...doc, acronis: [first, { ...second, tenantId: first?.tenantId }] });
    expect(parseMappingFile(text)).toEqual({ ok: false, field: "acronis[1].tenantId", problem: "tenantId a-2 is mapped twice (also in entry 0)" });
  });

  it("refuses an organization listed twice in one section", () => {
    const doc = buildMappingFile(recorded);
    const [first] = doc.acronis;
    const text = JSON.stringify({ ...doc, acronis: [first, { ...first, tenantId: "other" }] });
    expect(parseMappingFile(text)).toMatchObject({ ok: false, field: "acronis[1].orgId" });
  });

  it("refuses a file from a newer version with a hint to upgrade", () => {
    const text = JSON.stringify({ ...buildMappingFile(recorded), version: 2 });
    expect(parseMappingFile(text)).toMatchObject({ ok: false, field: "version", problem: expect.stringContaining("upgrade ninja-bridge") });
  });

  it("refuses text that is not JSON, and keys it does not know", () => {
    expect(parseMappingFile("{")).toMatchObject({ ok: false, field: "(document)" });
    expect(parseMappingFile(JSON.stringify({ ...buildMappingFile(recorded), extra: 1 }))).toMatchObject({ ok: false });
  });
});
