import { LEGAL_SUFFIXES } from "./legal-suffixes.js";

/**
 * The key two organization names are compared on when they are not equal as written:
 * Unicode-compatible (full-width letters, ligatures), case-folded, punctuation and spacing
 * ignored, and trailing legal forms removed. A name made only of legal forms keeps its
 * last word, so no name ever normalises to nothing (and so matches every other such name).
 */
export function normalizeName(name: string): string {
  const words = foldWords(name);
  let end = words.length;
  for (;;) {
    const suffixLength = trailingSuffixLength(words, end);
    if (suffixLength === 0 || suffixLength >= end) break;
    end -= suffixLength;
  }
  return words.slice(0, end).join(" ");
}

/** The key for the exact pass: equal as written, apart from case and surrounding spaces. */
export function exactNameKey(name: string): string {
  return name.trim().toLowerCase();
}

/**
 * Splits a name into comparable words. Dots and apostrophes join (so "S.A." is "sa" and
 * "O'Brien" is "obrien"); every other non-letter, non-digit character separates words.
 */
function foldWords(name: string): string[] {
  return name
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[.'’`]/gu, "")
    .split(/[^\p{L}\p{N}\p{M}]+/u)
    .filter((word) => word.length > 0);
}

const SUFFIX_WORDS: readonly (readonly string[])[] = [...new Set(LEGAL_SUFFIXES.map((s) => foldWords(s).join(" ")))]
  .map((s) => s.split(" "))
  .sort((a, b) => b.length - a.length);

function trailingSuffixLength(words: readonly string[], end: number): number {
  for (const suffix of SUFFIX_WORDS) {
    if (suffix.length > end) continue;
    if (suffix.every((word, i) => words[end - suffix.length + i] === word)) return suffix.length;
  }
  return 0;
}
