import { normalizeName } from "./normalize-name.js";

/** Edit distance where an adjacent swap counts once (optimal string alignment). */
export function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  const at = (i: number, j: number) => d[i]?.[j] ?? 0;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, at(i - 2, j - 2) + 1);
      (d[i] as number[])[j] = best;
    }
  }
  return at(a.length, b.length);
}

/** The nearest name by edit distance, judged as commander judges a mistyped command (at most 3 edits, over 40% kept). */
export function closest(word: string, names: readonly string[]): string | undefined {
  const scored = names.map((n) => ({ n, d: editDistance(word, n) })).filter((s) => s.d <= 3 && (s.n.length - s.d) / s.n.length > 0.4);
  scored.sort((a, b) => a.d - b.d);
  return scored[0]?.n;
}

/**
 * Whether two organization names are close enough that an operator should look before they
 * are treated as different customers: equal after normalising, one normalised name the other's
 * leading words ("Contoso" and "Contoso Europe"), or a few typos apart (at most one edit per
 * five letters, so "Fabrikam" and "Fabrikan" are close but "Acme" and "Apex" are not).
 */
export function namesAreClose(a: string, b: string): boolean {
  const x = normalizeName(a);
  const y = normalizeName(b);
  if (x === y) return true;
  const [shorter, longer] = x.length <= y.length ? [x, y] : [y, x];
  if (shorter.length >= 3 && longer.startsWith(`${shorter} `)) return true;
  const squash = (s: string) => s.replace(/ /g, "");
  const limit = Math.floor(Math.min(x.length, y.length) / 5);
  return limit > 0 && editDistance(squash(x), squash(y)) <= limit;
}
