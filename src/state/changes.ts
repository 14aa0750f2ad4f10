import { z } from "zod";
import { formatIssuePath } from "./parse.js";
import { findSecretKeyPaths } from "./secret-guard.js";
import { BULK_SECTIONS, StateDocumentSchema, type ReadonlyStateDocument, type StateDocument } from "./schema.js";

/**
 * A state document is a few containers ("the spine": the root, `mappings`, `docs`) holding
 * keyed records ("sections": fieldWrites, deviceLinks, …) of small entries. A change names one
 * unit (an entry, a top-level value, or a whole container) and its new value, or none when
 * it is deleted; it is validated, scanned for secrets and journalled on its own, so recording
 * it costs the same however big the document is (issue 21).
 */
export interface Change {
  path: string[];
  /** Absent: the unit is deleted. */
  value?: unknown;
}

type Spine = { readonly [key: string]: Spine | "section" };

function unwrapped(schema: z.ZodType): z.ZodType {
  let inner = schema;
  while (inner instanceof z.ZodDefault || inner instanceof z.ZodOptional) inner = inner.unwrap() as z.ZodType;
  return inner;
}

/** Read off the schema, so a section added to it is journalled entry by entry without more ado. */
function spineOf(schema: z.ZodObject): Spine {
  const spine: Record<string, Spine | "section"> = {};
  for (const [key, field] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
    const inner = unwrapped(field);
    if (inner instanceof z.ZodRecord) spine[key] = "section";
    else if (inner instanceof z.ZodObject) spine[key] = spineOf(inner);
  }
  return spine;
}

/** Containers (mappings, docs) and sections (mappings.acronis, fieldWrites, deviceLinks, …). */
const SPINE: Spine = spineOf(StateDocumentSchema);

/** Set by the store on every write; a mutator's own values for them are ignored, as before journals. */
const STORE_KEYS = new Set(["version", "serial", "updatedAt"]);
/** Never change once the file exists. */
const FIXED_KEYS = new Set(["lineage", "createdAt"]);

type Shape = Record<string, z.ZodType>;

/** The field schemas of the container at `path`, e.g. [] (the document) or ["docs"]. */
function containerShape(path: readonly string[]): Shape | undefined {
  let schema: z.ZodType = StateDocumentSchema;
  for (const key of path) {
    const inner = unwrapped(schema);
    if (!(inner instanceof z.ZodObject)) return undefined;
    const field = (inner.shape as Shape)[key];
    if (field === undefined) return undefined;
    schema = field;
  }
  const inner = unwrapped(schema);
  return inner instanceof z.ZodObject ? (inner.shape as Shape) : undefined;
}

function descOf(path: readonly string[]): Spine | "section" | undefined {
  let desc: Spine | "section" | undefined = SPINE;
  for (const key of path) {
    if (desc === undefined || desc === "section") return undefined;
    desc = Object.hasOwn(desc, key) ? desc[key] : undefined;
  }
  return desc;
}

export type ChangeCheck = { ok: true; value: unknown } | { ok: false; reason: string };

/**
 * Validates one change against the schema of its unit (an entry through its section's keyed
 * record, so a key that does not match the id inside is refused too) and refuses secret-like
 * keys anywhere in it. Returns the value as the schema parsed it.
 */
export function checkChange(change: Change): ChangeCheck {
  const { path } = change;
  const last = path.at(-1);
  if (last === undefined) return { ok: false, reason: "a change must name a field" };
  const parent = path.slice(0, -1);
  if (parent.length === 0 && FIXED_KEYS.has(last)) return { ok: false, reason: "lineage and createdAt never change" };
  // A deletion can only take a secret out.
  const secrets = "value" in change ? findSecretKeyPaths({ [last]: change.value }, parent) : [];
  if (secrets.length > 0) return { ok: false, reason: `it would hold a secret-like key at ${secrets.join(", ")}` };

  const parentDesc = descOf(parent);
  if (parentDesc === "section") {
    if (!("value" in change)) return { ok: true, value: undefined };
    const sectionSchema = containerShape(parent.slice(0, -1))?.[parent.at(-1) ?? ""];
    if (sectionSchema === undefined) return { ok: false, reason: `${formatIssuePath(path)} is not a field of the state` };
    // A bulk section's entry is kept as given, as the loader keeps it: zod's copy is built one
    // property at a time, which puts the later ones in a separate array (3 MB on 75,000 field writes).
    const bulk = parent.length === 1 && Object.hasOwn(BULK_SECTIONS, parent[0] as string);
    return parsed(sectionSchema, { [last]: change.value }, parent, (data) => (bulk ? change.value : (data as Record<string, unknown>)[last]));
  }
  const schema = parentDesc === undefined ? undefined : containerShape(parent)?.[last];
  if (schema === undefined) return { ok: false, reason: `${formatIssuePath(path)} is not a field of the state` };
  return parsed(schema, change.value, path, (data) => data);
}

function parsed(schema: z.ZodType, input: unknown, at: readonly string[], pick: (data: unknown) => unknown): ChangeCheck {
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, value: pick(result.data) };
  const issue = result.error.issues[0];
  const where = formatIssuePath([...at, ...(issue?.path ?? [])]);
  return { ok: false, reason: `the change is invalid at ${where}: ${issue?.message ?? "invalid"}` };
}

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/**
 * Freezes the entries (and top-level values) of a document or container but not its spine,
 * which changes in place as entries come and go: copying a section of 50,000 entries per
 * change is what made writes cost in proportion to the estate.
 */
export function freezeEntries(value: unknown, desc: Spine | "section" | undefined = SPINE): void {
  if (typeof value !== "object" || value === null) return;
  for (const [key, child] of Object.entries(value)) {
    const childDesc = desc === "section" ? undefined : desc?.[key];
    if (desc === "section" || childDesc === undefined) deepFreeze(child);
    else freezeEntries(child, childDesc);
  }
}

/** Applies validated changes to a document in place; returns how to undo them, newest last. */
export function applyChanges(doc: StateDocument, changes: readonly Change[]): () => void {
  const undo: Array<() => void> = [];
  for (const change of changes) {
    const parent = containerAt(doc, change.path.slice(0, -1), true) as Record<string, unknown>;
    const key = change.path.at(-1) as string;
    const had = Object.hasOwn(parent, key);
    const old = parent[key];
    if ("value" in change) {
      const value = change.value;
      freezeEntries({ [key]: value }, descOf(change.path.slice(0, -1)));
      parent[key] = value;
    } else {
      delete parent[key];
    }
    undo.push(() => {
      if (had) parent[key] = old;
      else delete parent[key];
    });
  }
  return () => {
    for (const step of undo.reverse()) step();
  };
}

function containerAt(doc: unknown, path: readonly string[], create: boolean): unknown {
  let node = doc as Record<string, unknown> | undefined;
  for (const key of path) {
    if (node === undefined) return undefined;
    let next = node[key] as Record<string, unknown> | undefined;
    if (next === undefined && create) {
      // A change inside a container that does not exist yet (docs before the first docs write).
      next = {};
      node[key] = next;
    }
    node = next;
  }
  return node;
}

const DELETED: unique symbol = Symbol("deleted");
const keyOf = (path: readonly string[]) => path.join("\u0000");

interface Slot {
  path: string[];
  value: unknown;
  /** The entry this slot was cloned from, so an entry only read through the draft is no change. */
  original?: unknown;
}

/**
 * A draft of the document for mutators, without copying it: reading an entry hands out a
 * private clone of it, writing or deleting one records a change. The live document is not
 * touched until the changes are on disk.
 */
export class Draft {
  private readonly slots = new Map<string, Slot>();
  private readonly proxies = new Map<string, object>();
  private readonly drafts = new WeakSet<object>();

  constructor(private readonly live: ReadonlyStateDocument) {}

  get root(): StateDocument {
    return this.container([], SPINE) as StateDocument;
  }

  /** The changes made so far, in the order first made. */
  changes(): Change[] {
    const out: Change[] = [];
    for (const slot of this.slots.values()) {
      if (slot.path.length === 1 && STORE_KEYS.has(slot.path[0] as string)) continue;
      if (slot.value === DELETED) {
        const parent = containerAt(this.live, slot.path.slice(0, -1), false) as Record<string, unknown> | undefined;
        if (parent !== undefined && Object.hasOwn(parent, slot.path.at(-1) as string)) out.push({ path: slot.path });
      } else if (!deepEqual(slot.value, "original" in slot ? slot.original : this.liveValue(slot.path))) {
        out.push({ path: slot.path, value: this.plain(slot.value) });
      }
    }
    return out;
  }

  private liveValue(path: string[]): unknown {
    const parent = containerAt(this.live, path.slice(0, -1), false) as Record<string, unknown> | undefined;
    return parent?.[path.at(-1) as string];
  }

  private has(path: string[]): boolean {
    const slot = this.slots.get(keyOf(path));
    return slot === undefined ? this.lookup(path).found : slot.value !== DELETED;
  }

  private lookup(path: string[]): { found: boolean; value?: unknown } {
    const slot = this.slots.get(keyOf(path));
    if (slot !== undefined) return slot.value === DELETED ? { found: false } : { found: true, value: slot.value };
    // A container replaced or deleted by an earlier change hides what the live document holds under it.
    for (let i = path.length - 1; i > 0; i--) {
      const above = this.slots.get(keyOf(path.slice(0, i)));
      if (above === undefined) continue;
      if (above.value === DELETED) return { found: false };
      const inside = containerAt(above.value, path.slice(i, -1), false) as Record<string, unknown> | undefined;
      const key = path.at(-1) as string;
      return inside !== undefined && Object.hasOwn(inside, key) ? { found: true, value: inside[key] } : { found: false };
    }
    const parent = containerAt(this.live, path.slice(0, -1), false) as Record<string, unknown> | undefined;
    const key = path.at(-1) as string;
    return parent !== undefined && Object.hasOwn(parent, key) ? { found: true, value: parent[key] } : { found: false };
  }

  private read(path: string[], desc: Spine | "section"): unknown {
    const slot = this.slots.get(keyOf(path));
    if (slot !== undefined) return slot.value === DELETED ? undefined : slot.value;
    const { found, value } = this.lookup(path);
    if (!found) return undefined;
    const key = path.at(-1) as string;
    const childDesc = desc === "section" ? undefined : desc[key];
    if (childDesc !== undefined && typeof value === "object" && value !== null && this.hiddenBy(path) === undefined) {
      return this.container(path, childDesc);
    }
    if (typeof value !== "object" || value === null) return value;
    const clone = structuredClone(value);
    this.slots.set(keyOf(path), { path, value: clone, original: value });
    return clone;
  }

  /** The replaced container above `path`, when a change replaced one. */
  private hiddenBy(path: string[]): Slot | undefined {
    for (let i = path.length; i > 0; i--) {
      const slot = this.slots.get(keyOf(path.slice(0, i)));
      if (slot !== undefined) return slot;
    }
    return undefined;
  }

  private write(path: string[], value: unknown): void {
    if (descOf(path) !== undefined) {
      // A container replaced or deleted whole takes the place of the changes made inside it.
      const prefix = `${keyOf(path)}\u0000`;
      for (const key of [...this.slots.keys()]) if (key.startsWith(prefix)) this.slots.delete(key);
    }
    this.slots.delete(keyOf(path));
    this.slots.set(keyOf(path), { path, value });
  }

  private keys(path: string[]): string[] {
    const { found, value } = path.length === 0 ? { found: true, value: this.live } : this.lookup(path);
    const keys = new Set(found && typeof value === "object" && value !== null ? Object.keys(value) : []);
    const depth = path.length + 1;
    const prefix = path.length === 0 ? "" : `${keyOf(path)}\u0000`;
    for (const slot of this.slots.values()) {
      if (slot.path.length !== depth || !keyOf(slot.path).startsWith(prefix)) continue;
      const key = slot.path.at(-1) as string;
      if (slot.value === DELETED) keys.delete(key);
      else keys.add(key);
    }
    return [...keys];
  }

  private container(path: string[], desc: Spine | "section"): object {
    const cached = this.proxies.get(keyOf(path));
    if (cached !== undefined) return cached;
    const proxy = new Proxy(
      {},
      {
        get: (_target, key) => (typeof key === "string" ? this.read([...path, key], desc) : undefined),
        set: (_target, key, value) => {
          if (typeof key !== "string") return false;
          this.write([...path, key], value);
          return true;
        },
        deleteProperty: (_target, key) => {
          if (typeof key !== "string") return false;
          this.write([...path, key], DELETED);
          return true;
        },
        has: (_target, key) => typeof key === "string" && this.has([...path, key]),
        ownKeys: () => this.keys(path),
        getOwnPropertyDescriptor: (_target, key) => {
          if (typeof key !== "string" || !this.has([...path, key])) return undefined;
          return { value: this.read([...path, key], desc), writable: true, enumerable: true, configurable: true };
        },
      },
    );
    this.drafts.add(proxy);
    this.proxies.set(keyOf(path), proxy);
    return proxy;
  }

  /** A container of this draft assigned elsewhere becomes plain data. */
  private plain(value: unknown): unknown {
    if (typeof value !== "object" || value === null) return value;
    if (this.drafts.has(value)) return Object.fromEntries(Object.keys(value).map((key) => [key, this.plain((value as Record<string, unknown>)[key])]));
    for (const [key, child] of Object.entries(value)) {
      if (typeof child === "object" && child !== null && this.drafts.has(child)) (value as Record<string, unknown>)[key] = this.plain(child);
    }
    return value;
  }
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  const aKeys = Object.keys(a);
  if (aKeys.length !== Object.keys(b).length) return false;
  return aKeys.every((key) => Object.hasOwn(b, key) && deepEqual((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
}

/**
 * The document as callers see it between writes: its entries are frozen, and its containers,
 * which change in place, refuse changes through this view. A section's view is one object
 * until `changed` names it, so a reader can keep what it derived from a section (a job's index
 * of 38,000 device links, batch after batch) for as long as that section did not change.
 */
export function readonlyView(doc: StateDocument): { view: ReadonlyStateDocument; changed: (changes: readonly Change[]) => void } {
  const views = new WeakMap<object, object>();
  const view = (node: object, desc: Spine | "section"): object => {
    const cached = views.get(node);
    if (cached !== undefined) return cached;
    const proxy = new Proxy(node, {
      get: (target, key, receiver) => {
        const value = Reflect.get(target, key, receiver) as unknown;
        const childDesc = desc === "section" || typeof key !== "string" ? undefined : desc[key];
        return childDesc !== undefined && typeof value === "object" && value !== null ? view(value, childDesc) : value;
      },
      set: () => false,
      deleteProperty: () => false,
      defineProperty: () => false,
    });
    views.set(node, proxy);
    viewProxies.add(proxy);
    return proxy;
  };
  // Every container on a changed path gets a new view: `mappings` and `mappings.acronis` alike.
  const changed = (changes: readonly Change[]) => {
    for (const change of changes) {
      let node: unknown = doc;
      for (const key of change.path) {
        node = (node as Record<string, unknown>)[key];
        if (typeof node !== "object" || node === null) break;
        views.delete(node);
      }
    }
  };
  return { view: view(doc, SPINE) as ReadonlyStateDocument, changed };
}

/** Every view readonlyView made: only these are known to be replaced when their section changes. */
const viewProxies = new WeakSet<object>();
const listed = new WeakMap<object, readonly unknown[]>();

/**
 * `Object.values(section)`, listed once per view of an unchanged section (the state gives a
 * changed section a new view): a steady fields run's batches then share one index of 38,000
 * device links instead of each listing and indexing them again (issue 21). Anything that is
 * not such a view (a plain document in a test) is listed each time.
 */
export function sectionEntries<T>(section: Readonly<Record<string, T>>): readonly T[] {
  if (!viewProxies.has(section)) return Object.values(section);
  let entries = listed.get(section) as readonly T[] | undefined;
  if (entries === undefined) {
    entries = Object.values(section);
    listed.set(section, entries);
  }
  return entries;
}
