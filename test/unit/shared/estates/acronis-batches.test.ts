import { describe, expect, it } from "vitest";
import { attributeBatch, planAcronisReads, setChanged, tenantSetOf, TENANTS_PER_READ } from "../../../../src/jobs/shared/estates/acronis-batches.js";

const ids = (n: number, prefix = "c") => Array.from({ length: n }, (_, i) => `${prefix}${i}`);
const item = (tenant: string, name = tenant) => ({ tenant, name });
const numericOf = (i: { tenant: string }) => i.tenant;

describe("planAcronisReads", () => {
  it("reads customers with a known set 100 at a time and the others alone", () => {
    const customers = ids(250);
    const known = new Map(customers.slice(0, 201).map((c, i) => [c, [String(i)]]));
    const plan = planAcronisReads(customers, known);
    expect(plan.batches.map((b) => b.length)).toEqual([TENANTS_PER_READ, TENANTS_PER_READ, 1]);
    expect(plan.batches.flat()).toEqual(customers.slice(0, 201));
    expect(plan.alone).toEqual(customers.slice(201));
  });

  it("reads a customer once even when two links name it", () => {
    const plan = planAcronisReads(["a", "b", "a"], new Map([["a", ["1"]], ["b", ["2"]]]));
    expect(plan).toEqual({ batches: [["a", "b"]], alone: [] });
  });

  it("batches nothing when no set is known", () => {
    expect(planAcronisReads(["a", "b"], new Map())).toEqual({ batches: [], alone: ["a", "b"] });
  });
});

describe("attributeBatch", () => {
  const known = new Map([
    ["a", ["10", "11"]],
    ["b", ["20"]],
    ["c", []],
  ]);

  it("places each item with the customer whose set holds its numeric tenant id, units included", () => {
    const placed = attributeBatch(["a", "b", "c"], known, [item("10", "x"), item("20", "y"), item("11", "z")], numericOf);
    expect(placed).toEqual({
      byCustomer: new Map([
        ["a", [item("10", "x"), item("11", "z")]],
        ["b", [item("20", "y")]],
        ["c", []],
      ]),
    });
  });

  it("names the ids no customer of the batch claims: a unit that appeared, or a customer that had no workload", () => {
    expect(attributeBatch(["a", "b", "c"], known, [item("10"), item("12"), item("30"), item("12")], numericOf)).toEqual({ unplaced: ["12", "30"] });
  });

  it("does not place an id two customers claim (a unit moved between them)", () => {
    const clash = new Map([
      ["a", ["10"]],
      ["b", ["10", "20"]],
    ]);
    expect(attributeBatch(["a", "b"], clash, [item("20"), item("10")], numericOf)).toEqual({ unplaced: ["10"] });
  });

  it("only trusts the sets of the batch's own customers", () => {
    expect(attributeBatch(["b"], known, [item("10")], numericOf)).toEqual({ unplaced: ["10"] });
  });
});

describe("tenantSetOf and setChanged", () => {
  it("learns the distinct ids in numeric order, and sees a change only when they differ", () => {
    const set = tenantSetOf([item("9"), item("100"), item("9"), item("20")], numericOf);
    expect(set).toEqual(["9", "20", "100"]);
    expect(setChanged(["9", "20", "100"], set)).toBe(false);
    expect(setChanged(undefined, set)).toBe(true);
    expect(setChanged(["9", "20"], set)).toBe(true);
    expect(setChanged([], [])).toBe(false);
  });
});
