import { UsageError } from "../../../errors.js";

export interface Lookup<T> {
  /** What is looked up, for messages: "NinjaOne organization", "Acronis tenant". */
  what: string;
  idOf: (item: T) => string;
  /** Every name the item answers to (a tenant's display name and default domain). */
  namesOf: (item: T) => readonly string[];
  describe: (item: T) => string;
  /** What to do when nothing matches, as one sentence. */
  notFoundHint: string;
}

/** Names compare case-insensitively but otherwise exactly: a person typed one of them. */
export function nameKey(name: string): string {
  return name.normalize("NFC").trim().toLowerCase();
}

function sameName(a: string, b: string): boolean {
  return nameKey(a) === nameKey(b);
}

/** The item with the id `query`, else every item with that exact (case-insensitive) name. */
export function matchIdOrName<T>(items: readonly T[], query: string, lookup: Pick<Lookup<T>, "idOf" | "namesOf">): T[] {
  const byId = items.find((item) => sameName(lookup.idOf(item), query));
  if (byId !== undefined) return [byId];
  return items.filter((item) => lookup.namesOf(item).some((name) => sameName(name, query)));
}

/**
 * The one item a person meant by `query`: an id first, else an exact (case-insensitive) name.
 * Nothing found, or a name several items share, is a usage error that says what to type instead.
 */
export function findByIdOrName<T>(items: readonly T[], query: string, lookup: Lookup<T>): T {
  const byName = matchIdOrName(items, query, lookup);
  const [only] = byName;
  if (only !== undefined && byName.length === 1) return only;
  if (byName.length === 0) {
    throw new UsageError(`no ${lookup.what} has the id or name "${query}"`, { hint: lookup.notFoundHint });
  }
  throw new UsageError(`"${query}" names ${byName.length} ${lookup.what}s: ${byName.map(lookup.describe).join(", ")}`, {
    hint: `give the ${lookup.what}'s id instead`,
  });
}
