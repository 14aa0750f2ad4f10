import { execFileSync } from "node:child_process";
import { setImmediate as nextTurn } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { collectGarbageNow, HEAP_GROWING_PERCENT, heapGrowthFlag, YOUNG_HALF_MB } from "../../src/heap.js";

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
    expect(heapGrowthFlag(["--max-semi-space-size=4"], undefined)).toBeUndefined();
    expect(heapGrowthFlag([], "--semi-space-growth-factor=3")).toBeUndefined();
  });
});

/**
 * The young generation's size after a fresh process (the built module: V8's flags are the
 * process's own, never the test runner's) optionally tuned its heap, then allocated much that
 * survives a few scavenges, as a job does.
 */
function youngGenerationMb(steps: "tuned" | "untuned", nodeArgs: string[] = []): number {
  const script = `
    import v8 from "node:v8";
    const heap = await import(${JSON.stringify(new URL("../../dist/heap.js", import.meta.url).href)});
    if (${JSON.stringify(steps)} === "tuned") heap.limitHeapGrowth();
    heap.sizeYoungGeneration();
    let kept = [];
    for (let i = 0; i < 400000; i++) { kept.push({ i, text: "row " + i }); if (kept.length > 60000) kept = []; }
    const young = v8.getHeapSpaceStatistics().find((s) => s.space_name === "new_space");
    process.stdout.write(String(young.space_size / 1048576));
  `;
  return Number(execFileSync(process.execPath, [...nodeArgs, "--input-type=module", "-e", script], { encoding: "utf8", env: { ...process.env, NODE_OPTIONS: "" } }));
}

describe("sizeYoungGeneration", () => {
  it("holds the young generation at its working size in a process whose heap the CLI tuned", () => {
    expect(youngGenerationMb("tuned")).toBe(2 * YOUNG_HALF_MB);
  });

  it("leaves V8's own sizing alone otherwise: untuned, or started with the user's own young generation", () => {
    expect(youngGenerationMb("untuned")).toBeGreaterThan(2 * YOUNG_HALF_MB);
    expect(youngGenerationMb("tuned", ["--max-semi-space-size=2"])).toBe(4);
  });
});
