import { describe, expect, it } from "vitest";
import { JsonList, jsonChunks } from "../../src/json-chunks.js";

const text = (value: unknown, options?: Parameters<typeof jsonChunks>[1]) => [...jsonChunks(value, options)].join("");

describe("jsonChunks", () => {
  const docs: Record<string, unknown> = {
    "a nested document": { version: 3, serial: 12, sections: { a: { key: "a", list: [1, "two", { three: 3 }], empty: {}, none: [] }, b: null }, tail: "x\ny" },
    "dates, undefined and functions": { at: new Date(0), gone: undefined, fn: () => 1, list: [undefined, () => 2, new Date(1), Symbol("s")], nested: { deep: { deeper: { deepest: { leaf: [1, { x: undefined }] } } } } },
    "an array at the top": [{ a: 1 }, [], [[]], "s", 2, true, null],
    "a primitive": "only a string",
    "an empty object": {},
    "keys that need escaping": { 'quote"d': { "new\nline": 1 }, "": 0 },
  };
  it.each(Object.entries(docs))("writes %s exactly as JSON.stringify(value, null, 2)", (_name, value) => {
    for (const depth of [0, 1, 2, 6]) {
      expect(text(value, { depth, chunkBytes: 7 })).toBe(JSON.stringify(value, null, 2));
      expect(text(value, { depth, chunkBytes: 7, indent: 0 })).toBe(JSON.stringify(value));
    }
  });

  it("cuts a large document into pieces of about the size asked", () => {
    const big = { entries: Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`k${i}`, { key: `k${i}`, hash: "0123456789abcdef", at: "2026-12-06T13:00:00.000Z" }])) };
    const chunks = [...jsonChunks(big, { chunkBytes: 16 * 1024 })];
    expect(chunks.join("")).toBe(JSON.stringify(big, null, 2));
    expect(chunks.length).toBeGreaterThan(10);
    expect(Math.max(...chunks.map((c) => c.length))).toBeLessThan(17 * 1024);
  });

  it("writes a JsonList as the array it stands for, making each entry only when it is reached", () => {
    const made: number[] = [];
    const list = JsonList.of([1, 2, 3], (n) => {
      made.push(n);
      return { n, twice: n * 2 };
    });
    const doc = { before: 1, list, empty: JsonList.of([], (n: number) => n), after: [list] };
    const expected = JSON.stringify({ before: 1, list: [...list], empty: [], after: [[...list]] }, null, 2);
    made.length = 0;
    const pieces = jsonChunks(doc, { chunkBytes: 8 });
    pieces.next();
    expect(made).toEqual([]);
    expect([...pieces].length).toBeGreaterThan(1);
    expect(made).toEqual([1, 2, 3, 1, 2, 3]);
    for (const depth of [0, 1, 2, 6]) {
      expect(text(doc, { depth, chunkBytes: 7 })).toBe(expected);
      expect(text(doc, { depth, indent: 0 })).toBe(JSON.stringify(JSON.parse(expected)));
    }
    expect(JSON.stringify(doc, null, 2)).toBe(expected);
    expect(list.length).toBe(3);
  });

  it("walks a long list or a large object below the depth, so no piece is the whole of it", () => {
    const devices = Array.from({ length: 3000 }, (_, i) => ({ id: i, name: `device-${i}`, serial: `S${i}` }));
    const byKey = Object.fromEntries(devices.map((d) => [`k${d.id}`, d]));
    const doc = { jobs: [{ job: "automap", plans: [{ unmatched: devices }], index: { byKey } }], short: { deep: { deeper: { deepest: [1, 2] } } } };
    for (const indent of [0, 2] as const) {
      const chunks = [...jsonChunks(doc, { chunkBytes: 4096, depth: 2, indent })];
      expect(chunks.join("")).toBe(indent === 0 ? JSON.stringify(doc) : JSON.stringify(doc, null, 2));
      expect(Math.max(...chunks.map((c) => c.length))).toBeLessThan(4096 + 200);
    }
  });
});
