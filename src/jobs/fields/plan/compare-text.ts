/** A stable order for names shown to people: case-insensitive, ties broken by code point so input order never matters. */
export function compareText(a: string, b: string): number {
  return a.localeCompare(b, "en", { sensitivity: "base" }) || (a < b ? -1 : a > b ? 1 : 0);
}
