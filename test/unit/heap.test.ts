import { setImmediate as nextTurn } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { collectGarbageNow } from "../../src/heap.js";

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
