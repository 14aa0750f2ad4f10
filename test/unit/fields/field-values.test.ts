import { describe, expect, it } from "vitest";
import { fieldValueFor, findSource, parseTimestamp, type FieldSource } from "../../../src/jobs/fields/plan/index.js";

function source(id: string): FieldSource {
  const found = findSource(id);
  if (found === undefined) throw new Error(`no source ${id}`);
  return found;
}

const lastBackup = source("acronis.last-backup");
const status = source("acronis.protection-status");
const summary = source("cipp.tenant-summary");

describe("parseTimestamp", () => {
  it("reads RFC 3339 with nanoseconds as integer milliseconds, dropping the digits past the millisecond", () => {
    expect(parseTimestamp("2026-01-05T20:41:42.352636392Z")).toEqual({ ok: true, epochMs: 1767645702352 });
  });

  it("reads a naive time as UTC, not as the local zone", () => {
    expect(parseTimestamp("2020-08-04T12:47:03")).toEqual({ ok: true, epochMs: Date.UTC(2020, 7, 4, 12, 47, 3) });
  });

  it("applies a numeric zone offset", () => {
    expect(parseTimestamp("2026-01-05T03:00:00+01:00")).toEqual({ ok: true, epochMs: Date.UTC(2026, 0, 5, 2, 0, 0) });
    expect(parseTimestamp("2026-01-05T03:00:00-0530")).toEqual({ ok: true, epochMs: Date.UTC(2026, 0, 5, 8, 30, 0) });
  });

  it("reads numbers as epoch seconds, fractions included", () => {
    expect(parseTimestamp(1717430000.5)).toEqual({ ok: true, epochMs: 1717430000500 });
  });

  it("refuses text that is not a time and dates that do not exist", () => {
    expect(parseTimestamp("yesterday").ok).toBe(false);
    expect(parseTimestamp("2026-02-30T00:00:00Z").ok).toBe(false);
    expect(parseTimestamp(Number.NaN).ok).toBe(false);
  });
});

describe("fieldValueFor", () => {
  it("writes a time to a DATE_TIME field as integer epoch milliseconds", () => {
    const result = fieldValueFor(lastBackup, "2026-01-05T02:00:48.123456Z", "DATE_TIME");
    expect(result).toEqual({ kind: "value", value: 1767578448123 });
    expect(result.kind === "value" && Number.isInteger(result.value)).toBe(true);
  });

  it("writes a time to a DATE field as midnight UTC of its day", () => {
    expect(fieldValueFor(lastBackup, "2026-01-05T23:59:59Z", "DATE")).toEqual({ kind: "value", value: Date.UTC(2026, 0, 5) });
  });

  it("writes epoch seconds and Date objects the same way as ISO text", () => {
    const iso = fieldValueFor(lastBackup, "2026-01-05T02:00:48Z", "DATE_TIME");
    expect(fieldValueFor(lastBackup, 1767578448, "DATE_TIME")).toEqual(iso);
    expect(fieldValueFor(lastBackup, new Date("2026-01-05T02:00:48Z"), "DATE_TIME")).toEqual(iso);
  });

  it("reports an unreadable time as invalid instead of writing it", () => {
    expect(fieldValueFor(lastBackup, "soon", "DATE_TIME")).toEqual({ kind: "invalid", reason: '"soon" is not an ISO 8601 time' });
  });

  it("leaves a missing value unwritten, because NinjaOne does not clear fields through the API", () => {
    expect(fieldValueFor(lastBackup, null, "DATE_TIME")).toEqual({ kind: "absent", reason: "Acronis last backup has no value" });
    expect(fieldValueFor(status, "   ", "TEXT").kind).toBe("absent");
  });

  it("writes text trimmed, folding line breaks into spaces for a single-line field only", () => {
    expect(fieldValueFor(status, "  Plan A\r\nPlan B ", "TEXT")).toEqual({ kind: "value", value: "Plan A Plan B" });
    expect(fieldValueFor(status, "Plan A\r\nPlan B", "TEXT_MULTILINE")).toEqual({ kind: "value", value: "Plan A\nPlan B" });
  });

  it("writes HTML to a WYSIWYG field as an object with an html key", () => {
    expect(fieldValueFor(summary, "<p>12 users</p>", "WYSIWYG")).toEqual({ kind: "value", value: { html: "<p>12 users</p>" } });
  });
});
