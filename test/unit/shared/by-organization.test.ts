import { describe, expect, it } from "vitest";
import { byOrganization } from "../../../src/jobs/shared/devices/by-organization.js";

describe("byOrganization", () => {
  it("groups a listing by organization in listing order, once per listing", () => {
    const devices = [
      { id: 1, organizationId: 7 },
      { id: 2, organizationId: 8 },
      { id: 3, organizationId: 7 },
    ];
    const grouped = byOrganization(devices);
    expect([...grouped].map(([org, inOrg]) => [org, inOrg.map((d) => d.id)])).toEqual([
      [7, [1, 3]],
      [8, [2]],
    ]);
    expect(byOrganization(devices)).toBe(grouped);
    expect(byOrganization([...devices])).not.toBe(grouped);
  });
});
