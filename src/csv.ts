/** A cell: numbers and booleans are written as they are, null as an empty field. */
export type CsvCell = string | number | boolean | null;

/** RFC 4180 CSV: a header line, then one line per row; a field with a comma, quote or line break is quoted. */
export function csvLines(head: readonly string[], rows: ReadonlyArray<ReadonlyArray<CsvCell>>): string {
  return [head.map(csvField), ...rows.map((row) => row.map(csvField))].map((row) => row.join(",")).join("\n");
}

/**
 * A text that a spreadsheet would read as a formula (=, +, -, @, or a leading tab or carriage
 * return; OWASP's CSV injection advice) gets a leading apostrophe, so a device or user name chosen
 * by a customer cannot run in the technician's spreadsheet. Numbers are never touched.
 */
function csvField(value: CsvCell): string {
  if (value === null) return "";
  if (typeof value !== "string") return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
