import { describe, expect, it } from "vitest";
import { ApiError } from "../../../../src/errors.js";
import { readPerCustomer } from "../../../../src/jobs/shared/estates/acronis-reads.js";

interface Item {
  name: string;
  tenant: string;
}

/** A fake estate: customer → its workloads, each with the numeric tenant it sits in; `failing` customers make every listing naming them fail. */
function estate(workloads: Record<string, Item[]>, failing: string[] = []) {
  const calls: string[][] = [];
  async function* list(ids: readonly string[]): AsyncGenerator<Item> {
    calls.push([...ids]);
    await Promise.resolve();
    if (ids.some((id) => failing.includes(id))) throw new ApiError("boom", { service: "acronis", method: "GET", path: "/x", status: 500 });
    for (const id of ids) yield* workloads[id] ?? [];
  }
  return { list, calls };
}

const w = (name: string, tenant: string): Item => ({ name, tenant });
const names = (read: { items: Item[] } | { error: ApiError } | undefined) => (read === undefined ? "missing" : "error" in read ? "error" : read.items.map((i) => i.name));

describe("readPerCustomer", () => {
  const workloads = { a: [w("a1", "1"), w("a2", "11")], b: [w("b1", "2")], c: [] };

  it("reads known customers in one listing, placed by their sets, and learns nothing new", async () => {
    const { list, calls } = estate(workloads);
    const known = new Map([
      ["a", ["1", "11"]],
      ["b", ["2"]],
      ["c", []],
    ]);
    const read = await readPerCustomer(["a", "b", "c"], known, list, (i) => i.tenant);
    expect(calls).toEqual([["a", "b", "c"]]);
    expect(["a", "b", "c"].map((id) => names(read.results.get(id)))).toEqual([["a1", "a2"], ["b1"], []]);
    expect(read.learned).toEqual({});
  });

  it("reads customers without a set alone and learns their sets, units included", async () => {
    const { list, calls } = estate(workloads);
    const read = await readPerCustomer(["a", "b"], new Map([["b", ["2"]]]), list, (i) => i.tenant);
    expect(calls).toEqual([["b"], ["a"]]);
    expect(read.learned).toEqual({ a: ["1", "11"] });
  });

  it("reads a batch again customer by customer when it holds an id no set claims, and relearns the stale set", async () => {
    const { list, calls } = estate(workloads);
    const known = new Map([
      ["a", ["1"]],
      ["b", ["2"]],
    ]);
    const read = await readPerCustomer(["a", "b"], known, list, (i) => i.tenant);
    expect(calls).toEqual([["a", "b"], ["a"], ["b"]]);
    expect(names(read.results.get("a"))).toEqual(["a1", "a2"]);
    expect(read.learned).toEqual({ a: ["1", "11"] });
  });

  it("reads a failing batch customer by customer: only the customer whose own listing fails goes without", async () => {
    const { list, calls } = estate(workloads, ["b"]);
    const known = new Map([
      ["a", ["1", "11"]],
      ["b", ["2"]],
      ["c", []],
    ]);
    const read = await readPerCustomer(["a", "b", "c"], known, list, (i) => i.tenant);
    expect(calls).toEqual([["a", "b", "c"], ["a"], ["b"], ["c"]]);
    expect(["a", "b", "c"].map((id) => names(read.results.get(id)))).toEqual([["a1", "a2"], "error", []]);
    expect(read.learned).toEqual({});
  });

  it("lets anything but an API error end the read", async () => {
    async function* list(): AsyncGenerator<Item> {
      await Promise.resolve();
      throw new TypeError("bug");
    }
    await expect(readPerCustomer(["a"], new Map(), list, (i) => i.tenant)).rejects.toThrow(TypeError);
  });
});
