/**
 * One copy of each repeated string for as long as the pool is kept: JSON.parse makes a string
 * per occurrence, so a value that recurs across 50,000 records (a model, a field name) is
 * otherwise held 50,000 times (issue 21). Give a pool the life of one listing or one load.
 */
export function stringPool(): <T extends string | null>(text: T) => T {
  const seen = new Map<string, string>();
  return <T extends string | null>(text: T): T => {
    if (text === null) return text;
    const known = seen.get(text);
    if (known !== undefined) return known as T;
    seen.set(text, text);
    return text;
  };
}
