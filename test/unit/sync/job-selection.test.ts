import { describe, expect, it } from "vitest";
import { UsageError } from "../../../src/errors.js";
import { parseJobList, SYNC_ORDER } from "../../../src/jobs/sync/job-selection.js";

describe("parseJobList", () => {
  it("puts the named jobs in run order whatever order they were typed in", () => {
    expect(parseJobList("fields,tickets,automap", "--jobs")).toEqual(["automap", "tickets", "fields"]);
  });

  it("ignores case, spaces and repeated names", () => {
    expect(parseJobList(" Fields ,fields,,PROVISION", "--jobs")).toEqual(["provision", "fields"]);
  });

  it("runs links before tenants, tenants before tickets, tickets before the field and document writes, the compliance lane right after fields, and agents (optional) last", () => {
    expect(SYNC_ORDER).toEqual(["automap", "provision", "deprovision", "tickets", "fields", "compliance", "docs", "agents"]);
  });

  it("refuses an unknown job, naming it and the jobs that exist", () => {
    const error = (() => {
      try {
        parseJobList("fields,ticket", "--jobs");
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).message).toContain("ticket");
    expect((error as UsageError).hint).toContain("tickets");
  });

  it("refuses a list that names no job", () => {
    expect(() => parseJobList(" , ", "the sync.jobs setting")).toThrow(/the sync.jobs setting names no job/);
  });
});
