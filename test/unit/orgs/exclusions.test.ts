import { describe, expect, it } from "vitest";
import { buildMappingFile, diffExclusions, exclusionChangeText, parseMappingFile, serializeMappingFile } from "../../../src/jobs/orgs/plan/mapping-file.js";
import { excludedNote, excludedOrgIds, parseJobList, recordExclusion } from "../../../src/jobs/shared/exclusions.js";
import { UsageError } from "../../../src/errors.js";
import { doc } from "../provision/builders.js";
import { link, links } from "./fixtures.js";

describe("organization exclusions", () => {
  it("reads --jobs into the jobs in their fixed order, refusing an unknown one", () => {
    expect(parseJobList(" Tickets, fields ,")).toEqual(["fields", "tickets"]);
    expect(() => parseJobList("fields,automap")).toThrow(UsageError);
    expect(() => parseJobList(" , ")).toThrow(UsageError);
  });

  it("records, reads and removes an organization's exclusions, and names them in a job's note", () => {
    const d = doc();
    recordExclusion(d, { id: 3, name: "Northwind" }, ["tickets", "fields"], "2026-01-01T00:00:00.000Z");
    expect(d.orgExclusions?.["3"]?.jobs).toEqual(["fields", "tickets"]);
    expect([...excludedOrgIds(d, "fields")]).toEqual([3]);
    expect([...excludedOrgIds(d, "docs")]).toEqual([]);
    expect(excludedNote(d, "tickets")).toEqual(["excluded (`orgs exclude`): Northwind (org 3); tickets leaves them alone"]);
    recordExclusion(d, { id: 3, name: "Northwind" }, [], "2026-01-02T00:00:00.000Z");
    expect(d.orgExclusions).toEqual({});
    expect(excludedNote(d, "tickets")).toEqual([]);
  });
});

describe("exclusions in the mapping file", () => {
  it("writes them only when there are any, and reads them back", () => {
    const plain = buildMappingFile(links([link("acronis", 1, "a-1")]));
    expect(plain).not.toHaveProperty("exclusions");
    const file = buildMappingFile(links([link("acronis", 1, "a-1")]), [{ orgId: 3, orgName: "Northwind", jobs: ["tickets", "fields"] }]);
    expect(file.exclusions).toEqual([{ orgId: 3, orgName: "Northwind", jobs: ["fields", "tickets"] }]);
    expect(parseMappingFile(serializeMappingFile(file))).toEqual({ ok: true, file });
  });

  it("refuses an organization excluded twice and a job it does not know, naming the field", () => {
    const base = { format: "ninja-bridge/org-mappings", version: 1, acronis: [], m365: [] };
    const twice = parseMappingFile(JSON.stringify({ ...base, exclusions: [{ orgId: 3, orgName: "N", jobs: ["fields"] }, { orgId: 3, orgName: "N", jobs: ["docs"] }] }));
    expect(twice).toMatchObject({ ok: false, field: "exclusions[1].orgId" });
    expect(parseMappingFile(JSON.stringify({ ...base, exclusions: [{ orgId: 3, orgName: "N", jobs: ["automap"] }] }))).toMatchObject({ ok: false, field: "exclusions[0].jobs[0]" });
  });

  it("diffs a file's exclusions against the recorded ones, a missing list meaning none", () => {
    const recorded = new Map([
      [1, ["fields" as const]],
      [2, ["docs" as const]],
    ]);
    const changes = diffExclusions(recorded, [{ orgId: 1, orgName: "Contoso", jobs: ["fields", "tickets"] }], new Map([[2, "Fabrikam"]]));
    expect(changes).toEqual([
      { orgId: 1, orgName: "Contoso", before: ["fields"], after: ["fields", "tickets"] },
      { orgId: 2, orgName: "Fabrikam", before: ["docs"], after: [] },
    ]);
    expect(changes.map(exclusionChangeText)).toEqual(["Contoso (#1): excluded from fields → fields, tickets", "Fabrikam (#2): excluded from docs → none"]);
  });
});
