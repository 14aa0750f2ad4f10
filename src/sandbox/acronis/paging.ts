/**
 * Acronis-style cursor paging. A cursor carries the query it was made for and a position in
 * the (append-only) candidate list, so passing `after` alone replaces every other filter, as
 * the reference describes. A full page always carries an `after` cursor, even when nothing
 * follows, so a client must be ready for a last page that is empty.
 */

interface CursorBody {
  q: string;
  p: number;
}

export function encodeCursor(query: URLSearchParams, position: number): string {
  const q = new URLSearchParams(query);
  q.delete("after");
  return Buffer.from(JSON.stringify({ q: q.toString(), p: position } satisfies CursorBody)).toString("base64url");
}

export function decodeCursor(cursor: string): { query: URLSearchParams; position: number } | undefined {
  try {
    const body = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as Partial<CursorBody>;
    if (typeof body.q !== "string" || typeof body.p !== "number" || !Number.isInteger(body.p) || body.p < 0) return undefined;
    return { query: new URLSearchParams(body.q), position: body.p };
  } catch {
    return undefined;
  }
}

export interface Page<T> {
  items: T[];
  /** Position after the last item taken, when the page is full. */
  next: number | undefined;
}

/** Up to `limit` items from `start` that pass `keep`; touches only what it returns or skips. */
export function takePage<T>(candidates: readonly T[], start: number, limit: number, keep: (item: T) => boolean): Page<T> {
  const items: T[] = [];
  let i = start;
  for (; i < candidates.length && items.length < limit; i++) {
    const item = candidates[i] as T;
    if (keep(item)) items.push(item);
  }
  return { items, next: items.length === limit && limit > 0 ? i : undefined };
}

/**
 * The effective query of a list request: the cursor's query when `after` is given (with the
 * request's own `limit` still honoured), else the request's. Undefined for a bad cursor.
 */
export function effectiveQuery(query: URLSearchParams): { query: URLSearchParams; position: number } | undefined {
  const after = query.get("after");
  if (after === null) return { query, position: 0 };
  const decoded = decodeCursor(after);
  if (decoded === undefined) return undefined;
  const limit = query.get("limit");
  if (limit !== null) decoded.query.set("limit", limit);
  return decoded;
}
