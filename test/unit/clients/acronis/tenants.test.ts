import nock from "nock";
import { describe, expect, it } from "vitest";
import { collect } from "../../../../src/clients/async-lists.js";
import { getApiClientTenantId, listChildTenants, listCustomerTenants } from "../../../../src/clients/acronis/tenants.js";
import { InvalidResponseError } from "../../../../src/errors.js";
import { ACRONIS, client, useNock } from "../fixture.js";

useNock();

const PARTNER = "0d7c6a1e-0000-4000-8000-000000000001";
const FOLDER = "0d7c6a1e-0000-4000-8000-0000000000f0";

function tenant(n: number, kind = "customer", parent = PARTNER) {
  return {
    id: `5f0e2c1a-0000-4000-8000-${String(n).padStart(12, "0")}`,
    version: 3,
    name: `Customer ${n}`,
    kind,
    parent_id: parent,
    enabled: true,
    internal_tag: null,
    customer_id: null,
    pricing_mode: "trial",
    contact: { email: "it@example.test" },
    updated_at: "2026-01-05T07:19:51Z",
  };
}

describe("Acronis tenants", () => {
  it("reads the API client's own tenant id", async () => {
    nock(ACRONIS).get("/api/2/clients/abc-123").reply(200, { tenant_id: PARTNER, type: "api_client", data: { client_name: "ninja-bridge" } });
    expect(await getApiClientTenantId(client("acronis", ACRONIS), "abc-123")).toBe(PARTNER);
  });

  it("lists a tenant's children by parent_id and maps them to our fields", async () => {
    nock(ACRONIS).get("/api/2/tenants").query({ parent_id: PARTNER, limit: "5000" }).reply(200, { items: [tenant(1)], paging: { cursors: {} } });
    expect(await collect(listChildTenants(client("acronis", ACRONIS), PARTNER))).toEqual([
      {
        id: "5f0e2c1a-0000-4000-8000-000000000001",
        name: "Customer 1",
        kind: "customer",
        enabled: true,
        version: 3,
        parentId: PARTNER,
        customerId: null,
        internalTag: null,
        pricingMode: "trial",
        updatedAt: new Date("2026-01-05T07:19:51Z"),
      },
    ]);
  });

  it("follows the after cursor alone, with the limit, and stops on an empty page that still carries a cursor", async () => {
    nock(ACRONIS)
      .get("/api/2/tenants")
      .query({ parent_id: PARTNER, limit: "2" })
      .reply(200, { items: [tenant(1), tenant(2)], paging: { cursors: { after: "c1" } } })
      .get("/api/2/tenants")
      .query({ after: "c1", limit: "2" })
      .reply(200, { items: [tenant(3), tenant(4)], paging: { cursors: { after: "c2" } } })
      .get("/api/2/tenants")
      .query({ after: "c2", limit: "2" })
      .reply(200, { items: [], paging: { cursors: { after: "c3" } } });
    const tenants = await collect(listChildTenants(client("acronis", ACRONIS), PARTNER, { limit: 2 }));
    expect(tenants.map((t) => t.name)).toEqual(["Customer 1", "Customer 2", "Customer 3", "Customer 4"]);
  });

  it("stops when a page has no paging block", async () => {
    nock(ACRONIS).get("/api/2/tenants").query(true).reply(200, { items: [tenant(1)] });
    expect(await collect(listChildTenants(client("acronis", ACRONIS), PARTNER))).toHaveLength(1);
  });

  it("fails instead of looping when the cursor does not change", async () => {
    nock(ACRONIS)
      .get("/api/2/tenants")
      .query(true)
      .reply(200, { items: [tenant(1)], paging: { cursors: { after: "same" } } })
      .get("/api/2/tenants")
      .query({ after: "same", limit: "5000" })
      .reply(200, { items: [tenant(2)], paging: { cursors: { after: "same" } } });
    const error = await collect(listChildTenants(client("acronis", ACRONIS), PARTNER)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidResponseError);
  });

  it("lists customers directly under the partner and inside its folders, but not sub-partners' customers", async () => {
    nock(ACRONIS)
      .get("/api/2/tenants")
      .query({ parent_id: PARTNER, limit: "5000" })
      .reply(200, { items: [tenant(1), { ...tenant(9, "folder"), id: FOLDER }, tenant(8, "partner")] })
      .get("/api/2/tenants")
      .query({ parent_id: FOLDER, limit: "5000" })
      .reply(200, { items: [tenant(2, "customer", FOLDER)] });
    const customers = await collect(listCustomerTenants(client("acronis", ACRONIS), PARTNER));
    expect(customers.map((t) => [t.name, t.parentId])).toEqual([
      ["Customer 1", PARTNER],
      ["Customer 2", FOLDER],
    ]);
  });

  it("names the field when a tenant has no version", async () => {
    const { version: _, ...unversioned } = tenant(2);
    nock(ACRONIS).get("/api/2/tenants").query(true).reply(200, { items: [tenant(1), unversioned] });
    const error = await collect(listChildTenants(client("acronis", ACRONIS), PARTNER)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as Error).message).toContain("response field items[1].version: expected number, received undefined");
  });
});
