/**
 * `build`, run once per list and kept while the list lives. A job asks for the same listing's
 * index organization after organization, batch after batch; building it each time made a run's
 * cost grow with the square of the estate (50,000 devices, 2,000 organizations).
 */
export function perList<T, R>(build: (list: readonly T[]) => R): (list: readonly T[]) => R {
  const built = new WeakMap<readonly T[], R>();
  return (list) => {
    if (built.has(list)) return built.get(list) as R;
    const result = build(list);
    built.set(list, result);
    return result;
  };
}
