/** RFC 4180 CSV: a header line, then one line per row; a field with a comma, quote or line break is quoted. */
export function csvLines(head: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number>>): string {
  return [head, ...rows].map((row) => row.map((v) => csvField(String(v))).join(",")).join("\n");
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
