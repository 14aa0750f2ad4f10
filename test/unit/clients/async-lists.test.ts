import { describe, expect, it } from "vitest";
import { collect, mapConcurrent } from "../../../src/clients/async-lists.js";

/** A task whose completion the test controls. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe("mapConcurrent", () => {
  it("yields results in input order even when later inputs finish first", async () => {
    const tasks = [deferred<string>(), deferred<string>(), deferred<string>()];
    const results = collect(mapConcurrent([0, 1, 2], 3, (i) => tasks[i]!.promise));
    tasks[2]!.resolve("c");
    tasks[1]!.resolve("b");
    tasks[0]!.resolve("a");
    expect(await results).toEqual(["a", "b", "c"]);
  });

  it("never has more than the given number of calls in flight", async () => {
    let running = 0;
    let most = 0;
    const work = async (i: number) => {
      running += 1;
      most = Math.max(most, running);
      await new Promise((resolve) => setImmediate(resolve));
      running -= 1;
      return i * 2;
    };
    expect(await collect(mapConcurrent([1, 2, 3, 4, 5, 6, 7], 3, work))).toEqual([2, 4, 6, 8, 10, 12, 14]);
    expect(most).toBe(3);
  });

  it("starts no more work than the window while the consumer has not asked for more", async () => {
    const started: number[] = [];
    const iterator = mapConcurrent([1, 2, 3, 4, 5], 2, async (i) => {
      started.push(i);
      return i;
    });
    expect(await iterator.next()).toEqual({ done: false, value: 1 });
    expect(started).toEqual([1, 2, 3]);
  });

  it("throws the first failure in input order, even when a later input failed first", async () => {
    const tasks = [deferred<string>(), deferred<string>()];
    const results = collect(mapConcurrent([0, 1], 2, (i) => tasks[i]!.promise));
    tasks[1]!.reject(new Error("second"));
    tasks[0]!.reject(new Error("first"));
    await expect(results).rejects.toThrow("first");
  });

  it("refuses a concurrency below 1", async () => {
    await expect(collect(mapConcurrent([1], 0, async (i) => i))).rejects.toThrow(RangeError);
  });
});
