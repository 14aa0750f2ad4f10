/**
 * `JSON.stringify(value, null, 2)` (or, with `indent: 0`, `JSON.stringify(value)`) in pieces of
 * about `chunkBytes` each, so a 40 MB state file or `--json` report is written without ever
 * being one 40 MB string (issue 21: a fold of a 50,000-device state held the document twice
 * over as text). The text is the same, byte for byte. Objects and arrays are walked down to
 * `depth` levels; below that each value is stringified whole, so the work stays in
 * JSON.stringify's fast path, unless it holds more than a few hundred entries in all (a job's
 * 22,000 unmatched devices, four levels down in `sync --json`), which is walked too. `level`
 * indents the text as a value that many levels down in a document already being written.
 */
export function* jsonChunks(value: unknown, options: { chunkBytes?: number; depth?: number; indent?: 0 | 2; level?: number } = {}): Generator<string> {
  const chunkBytes = options.chunkBytes ?? 64 * 1024;
  const start = options.level ?? 0;
  const maxDepth = (options.depth ?? 4) + start;
  const indent = options.indent ?? 2;
  const newline = indent === 0 ? "" : "\n";
  const colon = indent === 0 ? ":" : ": ";
  let parts: string[] = [];
  let size = 0;
  const emit = (text: string): string | undefined => {
    parts.push(text);
    size += text.length;
    if (size < chunkBytes) return undefined;
    const chunk = parts.join("");
    parts = [];
    size = 0;
    return chunk;
  };

  function* walk(node: unknown, key: string, level: number): Generator<string> {
    const resolved = toJsonValue(node, key);
    const pad = " ".repeat(indent * level);
    if (resolved === null || typeof resolved !== "object" || (level >= maxDepth && isSmall(resolved))) {
      const text = indent === 0 ? JSON.stringify(resolved) : JSON.stringify(resolved, null, indent);
      const out = emit(level === 0 || !text.includes("\n") ? text : text.replaceAll("\n", `\n${pad}`));
      if (out !== undefined) yield out;
      return;
    }
    const inner = `${pad}${" ".repeat(indent)}`;
    const isArray = Array.isArray(resolved) || resolved instanceof JsonList;
    const members = isArray ? undefined : Object.entries(resolved as Record<string, unknown>).filter(([k, v]) => isSerializable(toJsonValue(v, k)));
    const entries = members ?? indexed(resolved as Iterable<unknown>);
    const [open, close] = isArray ? ["[", "]"] : ["{", "}"];
    if ((members ?? (resolved as ArrayLike<unknown>)).length === 0) {
      const out = emit(`${open}${close}`);
      if (out !== undefined) yield out;
      return;
    }
    let first = true;
    for (const [k, v] of entries) {
      const lead = `${first ? `${open}${newline}` : `,${newline}`}${inner}${isArray ? "" : `${JSON.stringify(k)}${colon}`}`;
      first = false;
      const out = emit(lead);
      if (out !== undefined) yield out;
      // An array keeps a slot JSON cannot hold (undefined, a function) as null, as JSON.stringify does.
      yield* walk(isArray && !isSerializable(toJsonValue(v, k)) ? null : v, k, level + 1);
    }
    const out = emit(`${newline}${pad}${close}`);
    if (out !== undefined) yield out;
  }

  yield* walk(value, "", start);
  if (parts.length > 0) yield parts.join("");
}

/** Entries (counted through every level) past which a value below the depth is walked rather than made into one string. */
const SMALL = 256;

/** Whether a value holds at most SMALL entries in all, looked at no further than that. */
function isSmall(value: object): boolean {
  if (value instanceof JsonList) return false;
  let count = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || typeof node !== "object") continue;
    if (node instanceof JsonList) return false;
    for (const key in node) {
      if (!Object.hasOwn(node, key)) continue;
      if (++count > SMALL) return false;
      stack.push((node as Record<string, unknown>)[key]);
    }
  }
  return true;
}

function* indexed(values: Iterable<unknown>): Generator<[string, unknown]> {
  let i = 0;
  for (const value of values) yield [String(i++), value];
}

/**
 * A list of a report made one entry at a time from what the run keeps anyway, so a 41,000-write
 * fields report is not held as three arrays of 41,000 objects until it is printed (issue 21).
 * jsonChunks walks it as it goes; JSON.stringify, through toJSON, sees the array.
 */
export class JsonList<T> implements Iterable<T> {
  constructor(
    private readonly source: readonly unknown[],
    private readonly entry: (item: never) => T,
  ) {}

  static of<S, T>(source: readonly S[], entry: (item: S) => T): JsonList<T> {
    return new JsonList<T>(source, entry as (item: never) => T);
  }

  get length(): number {
    return this.source.length;
  }

  *[Symbol.iterator](): Iterator<T> {
    for (const item of this.source) yield this.entry(item as never);
  }

  toJSON(): T[] {
    return [...this];
  }
}

/** What JSON.stringify would write for `value`, except that a JsonList stays a list to walk. */
function toJsonValue(value: unknown, key: string): unknown {
  if (value instanceof JsonList) return value;
  const candidate = value as { toJSON?: (key: string) => unknown } | null;
  return candidate !== null && typeof candidate === "object" && typeof candidate.toJSON === "function" ? candidate.toJSON(key) : value;
}

function isSerializable(value: unknown): boolean {
  return value !== undefined && typeof value !== "function" && typeof value !== "symbol";
}
