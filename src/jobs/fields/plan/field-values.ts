import type { FieldSource } from "./sources.js";
import { parseTimestamp } from "./timestamps.js";
import type { FieldValue } from "./types.js";

/**
 * A value ready for NinjaOne, or why nothing is written. "absent" is not an error: the
 * reference says writing "" or null does not clear a field, so an empty value is left out.
 */
export type FieldValueResult =
  | { kind: "value"; value: FieldValue }
  | { kind: "absent"; reason: string }
  | { kind: "invalid"; reason: string };

/** What a source produced: text, a time, or HTML already built and escaped. */
export type SourceValue = string | number | Date | null | undefined;

const MS_PER_DAY = 86_400_000;

/** The value of `source` encoded for a field of `fieldType`, as the PATCH body carries it. */
export function fieldValueFor(source: FieldSource, raw: SourceValue, fieldType: string): FieldValueResult {
  if (raw === null || raw === undefined) return { kind: "absent", reason: `${source.label} has no value` };
  switch (source.valueKind) {
    case "text":
      return typeof raw === "string" ? textValue(raw, fieldType) : { kind: "invalid", reason: `${source.label} is not text` };
    case "timestamp":
      return timestampValue(raw, fieldType);
    case "html":
      return typeof raw === "string" ? wysiwygValue(raw) : { kind: "invalid", reason: `${source.label} is not HTML` };
  }
}

/** A plain string; a single-line TEXT field gets its line breaks folded into spaces. */
export function textValue(raw: string, fieldType: string): FieldValueResult {
  const multiline = fieldType === "TEXT_MULTILINE";
  const text = (multiline ? raw.replace(/\r\n?/g, "\n") : raw.replace(/\s*[\r\n]+\s*/g, " ")).trim();
  return text === "" ? { kind: "absent", reason: "the value is empty" } : { kind: "value", value: text };
}

/**
 * Integer epoch milliseconds (reference ninjaone-api §5): the moment itself for DATE_TIME,
 * midnight UTC of its day for DATE.
 */
export function timestampValue(raw: string | number | Date, fieldType: string): FieldValueResult {
  if (typeof raw === "string" && raw.trim() === "") return { kind: "absent", reason: "the time is empty" };
  const parsed = parseTimestamp(raw);
  if (!parsed.ok) return { kind: "invalid", reason: parsed.reason };
  const value = fieldType === "DATE" ? Math.floor(parsed.epochMs / MS_PER_DAY) * MS_PER_DAY : parsed.epochMs;
  return { kind: "value", value };
}

/** WYSIWYG values are written as `{ html }`; the HTML must already be escaped by its builder. */
export function wysiwygValue(html: string): FieldValueResult {
  return html.trim() === "" ? { kind: "absent", reason: "the summary is empty" } : { kind: "value", value: { html } };
}
