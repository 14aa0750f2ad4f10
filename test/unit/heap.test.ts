import { setImmediate as nextTurn } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { collectGarbageNow, HEAP_GROWING_PERCENT, heapGrowthFlag } from "../../src/heap.js";

describe("collectGarbageNow", () => {
  it("collects what nothing holds any more, without the process having been started with --expose-gc", async () => {
    let held: object | undefined = { text: "x".repeat(1_000_000) };
    const ref = new WeakRef(held);
    held = undefined;
    // A WeakRef keeps its target until the turn that made it ends.
    await nextTurn();
    collectGarbageNow();
    expect(ref.deref()).toBeUndefined();
    expect((globalThis as { gc?: unknown }).gc).toBeUndefined();
  });
});

describe("heapGrowthFlag", () => {
  it("limits how far V8 grows the heap past its live data when nobody chose otherwise", () => {
    expect(heapGrowthFlag([], undefined)).toBe(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
    expect(heapGrowthFlag(["--enable-source-maps"], "--trace-warnings")).toBe(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  });

  it("leaves the heap alone when the process was started with its own sizing, on the command line or in NODE_OPTIONS", () => {
    expect(heapGrowthFlag(["--heap-growing-percent=80"], undefined)).toBeUndefined();
    expect(heapGrowthFlag(["--max_old_space_size=2048"], undefined)).toBeUndefined();
    expect(heapGrowthFlag([], "--max-old-space-size=4096 --trace-warnings")).toBeUndefined();
    expect(heapGrowthFlag([], "--optimize-for-size")).toBeUndefined();
  });
});
