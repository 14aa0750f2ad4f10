import { describe, expect, it } from "vitest";
import { UsageError } from "../../../src/errors.js";
import { selectOrgIds } from "../../../src/jobs/fields/plan/select-orgs.js";

const orgs = [
  { id: 1, name: "Contoso", description: null },
  { id: 2, name: "Adatum", description: null },
  { id: 3, name: "adatum", description: null },
];

describe("selectOrgIds", () => {
  it("selects every organization when none is named", () => {
    expect(selectOrgIds(orgs, undefined)).toBeUndefined();
  });

  it("accepts ids and names, names case-insensitively", () => {
    expect(selectOrgIds(orgs, ["contoso", "3"])).toEqual(new Set([1, 3]));
  });

  it("refuses a name two organizations share, and a name no organization has", () => {
    expect(() => selectOrgIds(orgs, ["ADATUM"])).toThrow(/2 NinjaOne organizations are called "ADATUM"/);
    expect(() => selectOrgIds(orgs, ["Northwind"])).toThrow(UsageError);
  });
});
