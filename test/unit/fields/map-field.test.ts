import { describe, expect, it } from "vitest";
import { ConfigError, UsageError } from "../../../src/errors.js";
import { checkMappings } from "../../../src/jobs/fields/plan/active-mappings.js";
import { mapField, orderFieldChoices, sourceOrThrow, unmapField } from "../../../src/jobs/fields/plan/map-field.js";
import { emptyFieldsSettings, parseFieldsSettings } from "../../../src/jobs/fields/settings.js";
import { field } from "./builders.js";

const definitions = [field("backupStatus", "TEXT"), field("legacy", "TEXT", ["NODE"], "READ_ONLY"), field("score", "NUMERIC"), field("orgNotes", "TEXT", ["ORGANIZATION"])];
const status = sourceOrThrow("acronis.protection-status");

describe("mapField", () => {
  it("maps a fitting field by its API name and reports the field it replaced", () => {
    const first = mapField(emptyFieldsSettings(), status, "backupStatus", definitions);
    expect(first).toMatchObject({ kind: "mapped", unchanged: false, settings: { mappings: { "acronis.protection-status": "backupStatus" } } });
    if (first.kind !== "mapped") throw new Error("not mapped");
    const again = mapField(first.settings, status, "backupStatus", definitions);
    expect(again).toMatchObject({ kind: "mapped", unchanged: true });
    const moved = mapField({ ...first.settings, mappings: { "acronis.protection-status": "orgNotes" } }, status, "backupStatus", definitions);
    expect(moved).toMatchObject({ kind: "mapped", replaced: "orgNotes" });
  });

  it("refuses a field with every reason that applies, and stores nothing", () => {
    const outcome = mapField(emptyFieldsSettings(), status, "orgNotes", [field("orgNotes", "NUMERIC", ["ORGANIZATION"], "READ_ONLY")]);
    expect(outcome.kind).toBe("refused");
    if (outcome.kind !== "refused") return;
    expect(outcome.refusals.map((r) => r.problem)).toEqual(["type", "scope", "permission"]);
  });

  it("warns when another source already writes the same field", () => {
    const settings = { ...emptyFieldsSettings(), mappings: { "acronis.agent-version": "backupStatus" } };
    expect(mapField(settings, status, "backupStatus", definitions)).toMatchObject({ kind: "mapped", sharedWith: ["acronis.agent-version"] });
  });

  it("offers free fields first and a field another source writes last, saying who writes it", () => {
    const fitting = [field("backupStatus", "TEXT"), field("spare", "TEXT"), field("mine", "TEXT"), field("other", "TEXT")];
    const settings = { ...emptyFieldsSettings(), mappings: { "acronis.agent-version": "backupStatus", "acronis.protection-status": "mine", "acronis.last-backup": "other" } };
    const choices = orderFieldChoices(settings, status, fitting);
    expect(choices.map((c) => [c.definition.name, c.usedBy])).toEqual([
      ["spare", []],
      // The source's own current field is no clash.
      ["mine", []],
      ["backupStatus", ["acronis.agent-version"]],
      ["other", ["acronis.last-backup"]],
    ]);
  });

  it("names the fields to look at when the field does not exist, and the sources when the source does not", () => {
    expect(() => mapField(emptyFieldsSettings(), status, "nope", definitions)).toThrow(UsageError);
    const error = (() => {
      try {
        sourceOrThrow("acronis.everything");
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).hint).toContain("sources are: acronis.agent-version");
  });

  it("unmaps a source and says which field it wrote", () => {
    const settings = { ...emptyFieldsSettings(), mappings: { "acronis.protection-status": "backupStatus" } };
    expect(unmapField(settings, "Acronis.Protection-Status")).toEqual({ settings: emptyFieldsSettings(), removed: "backupStatus" });
    expect(unmapField(emptyFieldsSettings(), "acronis.protection-status")).toEqual({ settings: emptyFieldsSettings() });
  });
});

describe("checkMappings", () => {
  it("keeps fitting mappings of the chosen services and blocks the ones NinjaOne no longer lets us write", () => {
    const settings = { ...emptyFieldsSettings(), mappings: { "acronis.protection-status": "backupStatus", "acronis.protection-plan": "legacy", "acronis.agent-version": "gone", "cipp.device-compliance": "backupStatus" } };
    const { active, blocked } = checkMappings(settings, definitions, ["acronis"]);
    expect(active.map((m) => [m.source.id, m.field.name])).toEqual([["acronis.protection-status", "backupStatus"]]);
    expect(blocked.map((b) => [b.sourceId, b.problem])).toEqual([
      ["acronis.agent-version", "deleted"],
      ["acronis.protection-plan", "permission"],
    ]);
  });
});

describe("parseFieldsSettings", () => {
  it("fills in defaults for a missing or partial document", () => {
    expect(parseFieldsSettings(undefined, "config.json")).toEqual(emptyFieldsSettings());
    expect(parseFieldsSettings({ mappings: { "acronis.last-backup": "lastBackup" } }, "config.json")).toEqual({ mappings: { "acronis.last-backup": "lastBackup" }, licensedUsersOnly: false });
  });

  it("refuses a bad document with a ConfigError naming the field", () => {
    expect(() => parseFieldsSettings({ mappings: { "acronis.last-backup": 7 } }, "config.json")).toThrow(ConfigError);
    expect(() => parseFieldsSettings({ licensedUsersOnly: "yes" }, "config.json")).toThrow(/jobs\.<profile>\.fields\.licensedUsersOnly/);
  });
});
