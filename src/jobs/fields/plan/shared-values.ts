/**
 * One frozen copy of each list of field names and each reason that a fields run keeps for its
 * report. On 50,000 devices the writes have a few dozen distinct ones, each otherwise held once
 * per write (issue 21). Bounded by the combinations of mapped fields, so it is never emptied.
 */
const cache = new Map<string, unknown>();

function shared<T>(key: string, make: () => T): T {
  if (cache.has(key)) return cache.get(key) as T;
  const value = make();
  cache.set(key, value);
  return value;
}

export function sharedNames(names: readonly string[]): readonly string[] {
  return shared(`names\u0000${names.join("\u0000")}`, () => Object.freeze([...names]));
}

/** The field names as the keys of a report's `fields` (the values themselves are not kept). */
export function sharedBlankFields(names: readonly string[]): Readonly<Record<string, "">> {
  return shared(`blank\u0000${names.join("\u0000")}`, () => Object.freeze(Object.fromEntries(names.map((name) => [name, ""] as const))));
}

/** The one copy of `text`, so a reason built piece by piece is not kept as a tree of fragments per write. */
export function sharedText(text: string): string {
  return shared(`text\u0000${text}`, () => text);
}
