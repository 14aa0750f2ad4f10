import { describe, expect, it } from "vitest";
import { FIELD_SOURCES, findSource } from "../../../src/jobs/fields/plan/index.js";

describe("field source catalogue", () => {
  it("has the thirteen sources the issue names, each with a unique kebab-case id under its service", () => {
    expect(FIELD_SOURCES.map((s) => s.id)).toEqual([
      "acronis.agent-version",
      "acronis.protection-status",
      "acronis.protection-plan",
      "acronis.last-backup",
      "acronis.next-backup",
      "acronis.last-antimalware-scan",
      "acronis.next-antimalware-scan",
      "cipp.tenant-links",
      "cipp.tenant-summary",
      "cipp.user-summary",
      "cipp.device-links",
      "cipp.device-summary",
      "cipp.device-compliance",
    ]);
    for (const s of FIELD_SOURCES) expect(s.id).toMatch(new RegExp(`^${s.service}\\.[a-z]+(-[a-z]+)*$`));
  });

  it("accepts text fields for statuses, date fields for times and WYSIWYG for summaries", () => {
    expect(findSource("acronis.protection-status")?.acceptedTypes).toEqual(["TEXT", "TEXT_MULTILINE"]);
    expect(findSource("acronis.next-backup")?.acceptedTypes).toEqual(["DATE_TIME", "DATE"]);
    expect(findSource("cipp.user-summary")?.acceptedTypes).toEqual(["WYSIWYG"]);
    expect(findSource("cipp.device-compliance")?.acceptedTypes).toEqual(["TEXT", "TEXT_MULTILINE"]);
  });

  it("puts tenant summaries on organizations and everything else on devices", () => {
    const orgLevel = FIELD_SOURCES.filter((s) => s.scope === "organization").map((s) => s.id);
    expect(orgLevel).toEqual(["cipp.tenant-links", "cipp.tenant-summary", "cipp.user-summary"]);
  });

  it("finds a source whatever the case and surrounding spaces, and nothing for an unknown id", () => {
    expect(findSource(" ACRONIS.Last-Backup ")?.id).toBe("acronis.last-backup");
    expect(findSource("acronis.lastbackup")).toBeUndefined();
  });
});
