import { normalizeName } from "./normalize-name.js";

/** Edit distance where an adjacent swap counts once (optimal string alignment), in three rolling rows. */
export function editDistance(a: string, b: string): number {
  let before = new Uint32Array(b.length + 1);
  let previous = Uint32Array.from({ length: b.length + 1 }, (_, j) => j);
  let current = new Uint32Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, (previous[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, (before[j - 2] as number) + 1);
      current[j] = best;
    }
    [before, previous, current] = [previous, current, before];
  }
  return previous[b.length] as number;
}

/** The nearest name by edit distance, judged as commander judges a mistyped command (at most 3 edits, over 40% kept). */
export function closest(word: string, names: readonly string[]): string | undefined {
  const scored = names.map((n) => ({ n, d: editDistance(word, n) })).filter((s) => s.d <= 3 && (s.n.length - s.d) / s.n.length > 0.4);
  scored.sort((a, b) => a.d - b.d);
  return scored[0]?.n;
}

/** A name prepared for `keysAreClose`, so comparing every pair of two long lists normalises each name once. */
export interface CloseKey {
  normalised: string;
  /** The normalised name without spaces, which the edit distance is taken on. */
  squashed: string;
}

export function closeKey(name: string): CloseKey {
  const normalised = normalizeName(name);
  return { normalised, squashed: normalised.replace(/ /g, "") };
}

/**
 * Whether two organization names are close enough that an operator should look before they
 * are treated as different customers: equal after normalising, one normalised name the other's
 * leading words ("Contoso" and "Contoso Europe"), or a few typos apart (at most one edit per
 * five letters, so "Fabrikam" and "Fabrikan" are close but "Acme" and "Apex" are not).
 */
export function keysAreClose(a: CloseKey, b: CloseKey): boolean {
  const x = a.normalised;
  const y = b.normalised;
  if (x === y) return true;
  const [shorter, longer] = x.length <= y.length ? [x, y] : [y, x];
  if (shorter.length >= 3 && longer.startsWith(`${shorter} `)) return true;
  const limit = Math.floor(shorter.length / 5);
  // The distance is at least the difference in length: most pairs end here, before any table.
  return limit > 0 && Math.abs(a.squashed.length - b.squashed.length) <= limit && editDistance(a.squashed, b.squashed) <= limit;
}

export function namesAreClose(a: string, b: string): boolean {
  return keysAreClose(closeKey(a), closeKey(b));
}
