import nock from "nock";
import { describe, expect, it } from "vitest";
import { enableOfferingItems, tenantEditions } from "../../../../src/clients/acronis/tenant-admin.js";
import { ACRONIS, client, useNock } from "../fixture.js";

useNock();

const CUSTOMER = "5f0e2c1a-0000-4000-8000-000000000002";
const workstations = { name: "pw_workstations", type: "count", edition: "per_workload", status: 0 };

describe("enableOfferingItems", () => {
  it.each([
    ["no body", () => nock(ACRONIS).put(`/api/2/tenants/${CUSTOMER}/offering_items`).reply(200)],
    ["an empty object", () => nock(ACRONIS).put(`/api/2/tenants/${CUSTOMER}/offering_items`).reply(200, {})],
    ["the items", () => nock(ACRONIS).put(`/api/2/tenants/${CUSTOMER}/offering_items`).reply(200, { items: [{ ...workstations, status: 1 }] })],
    ["a 204", () => nock(ACRONIS).put(`/api/2/tenants/${CUSTOMER}/offering_items`).reply(204)],
  ])("sends the items switched on and accepts a reply with %s", async (_what, reply) => {
    const scope = reply();
    await expect(enableOfferingItems(client("acronis", ACRONIS), CUSTOMER, [workstations])).resolves.toBeUndefined();
    expect(scope.isDone()).toBe(true);
  });

  it("sends every item whole with status 1", async () => {
    nock(ACRONIS)
      .put(`/api/2/tenants/${CUSTOMER}/offering_items`, { offering_items: [{ ...workstations, status: 1 }] })
      .reply(200);
    await enableOfferingItems(client("acronis", ACRONIS), CUSTOMER, [workstations]);
  });
});

describe("tenantEditions", () => {
  it("asks for every edition, not the legacy default, and names each edition of the items switched on once", async () => {
    const PARTNER = "0d7c6a1e-0000-4000-8000-000000000001";
    nock(ACRONIS)
      .get(`/api/2/tenants/${PARTNER}/offering_items`)
      .query({ edition: "*" })
      .reply(200, {
        items: [
          { ...workstations, status: 1 },
          { name: "pw_storage", type: "infra", edition: "per_workload", status: 1 },
          { name: "pg_storage", type: "infra", edition: "per_gigabyte", status: 1 },
          { name: "workstations", type: "count", edition: "standard", status: 0 },
        ],
      });
    expect(await tenantEditions(client("acronis", ACRONIS), PARTNER)).toEqual(["per_gigabyte", "per_workload"]);
  });
});
