export interface SearchItem<T> {
  value: T;
  /** What the list shows, and what a typed term is looked for in. */
  label: string;
}

/** Items whose label holds every word of the term, case-insensitively; all of them for no term. */
export function filterBySearch<T>(items: readonly SearchItem<T>[], term: string | undefined): SearchItem<T>[] {
  const words = (term ?? "").toLowerCase().split(/\s+/).filter((w) => w !== "");
  return items.filter((item) => {
    const label = item.label.toLowerCase();
    return words.every((w) => label.includes(w));
  });
}
