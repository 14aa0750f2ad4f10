import nock from "nock";
import { describe, expect, it } from "vitest";
import { collect } from "../../../../src/clients/async-lists.js";
import { licensesOfAllTenants, listLicenses } from "../../../../src/clients/cipp/licenses.js";
import { listUsers } from "../../../../src/clients/cipp/users.js";
import { CIPP, client, useNock } from "../fixture.js";

useNock();

describe("CIPP users and licences", () => {
  it("reads each user's friendly licence names, and counts an unnamed SKU as a licence", async () => {
    const query = { tenantFilter: "contoso.com", Endpoint: "users", $top: "999", manualPagination: "true", $select: "id,displayName,userPrincipalName,accountEnabled,userType,assignedLicenses" };
    nock(CIPP)
      .get("/api/ListGraphRequest")
      .query(query)
      .reply(200, { Results: [{ id: "u1", displayName: "Ada Li", userPrincipalName: "ada@contoso.com", accountEnabled: true, userType: "Member", assignedLicenses: [{ skuId: "A" }, { skuId: "b" }] }], Metadata: { nextLink: "https://graph.microsoft.com/beta/users?$skiptoken=x" } })
      .get("/api/ListGraphRequest")
      .query({ ...query, nextLink: "https://graph.microsoft.com/beta/users?$skiptoken=x" })
      .reply(200, { Results: [{ id: "u2", displayName: null, userPrincipalName: "svc@contoso.com", assignedLicenses: [{ skuId: "c" }] }], Metadata: {} });
    const skuNames = new Map([["a", "Microsoft 365 E3"], ["b", "Exchange Online (Plan 1)"]]);
    const users = await collect(listUsers(client("cipp", CIPP), "contoso.com", { skuNames }));
    expect(users.map((u) => [u.displayName, u.licenses])).toEqual([
      ["Ada Li", ["Microsoft 365 E3", "Exchange Online (Plan 1)"]],
      ["svc@contoso.com", ["1 licence"]],
    ]);
  });

  it("stops when Graph answers the same next page twice, instead of looping", async () => {
    nock(CIPP)
      .get("/api/ListGraphRequest")
      .query(true)
      .times(2)
      .reply(200, { Results: [], Metadata: { nextLink: "https://graph.microsoft.com/beta/users?$skiptoken=same" } });
    await expect(collect(listUsers(client("cipp", CIPP), "contoso.com"))).rejects.toThrow(/same next page twice/);
  });

  it("reads licence counts sent as numbers or numeric text", async () => {
    nock(CIPP)
      .get("/api/ListLicenses")
      .query({ tenantFilter: "contoso.com" })
      .reply(200, [{ License: "Microsoft 365 E3", CountUsed: "3", TotalLicenses: 5 }]);
    expect(await collect(listLicenses(client("cipp", CIPP), "contoso.com"))).toEqual([{ name: "Microsoft 365 E3", used: 3, total: 5 }]);
  });

  it("reads every tenant's licences by domain from the all-tenants report, leaving out a tenant CIPP could not read", async () => {
    nock(CIPP)
      .get("/api/ListLicenses")
      .query({ tenantFilter: "AllTenants" })
      .reply(200, [
        { Tenant: "Contoso.com", License: "Microsoft 365 E3", CountUsed: 3, TotalLicenses: 5 },
        { Tenant: "contoso.com", License: "Exchange Online (Plan 1)", CountUsed: 1, TotalLicenses: 1 },
        { Tenant: "fabrikam.com", License: "Could not connect to client: AADSTS50020" },
      ]);
    const all = await licensesOfAllTenants(client("cipp", CIPP));
    expect([...(all ?? new Map())]).toEqual([
      ["contoso.com", [{ name: "Microsoft 365 E3", used: 3, total: 5 }, { name: "Exchange Online (Plan 1)", used: 1, total: 1 }]],
    ]);
  });

  it("answers nothing while CIPP fills its all-tenants cache, in either CIPP version's way", async () => {
    const loading = "Loading data for all tenants. Please check back in 1 minute";
    nock(CIPP)
      .get("/api/ListLicenses")
      .query({ tenantFilter: "AllTenants" })
      .reply(200, [{ Tenant: loading, License: loading }])
      .get("/api/ListLicenses")
      .query({ tenantFilter: "AllTenants" })
      .reply(200, { Results: [], Metadata: { Queued: true, QueueMessage: "Loading data for all tenants. Please check back after the job completes" } });
    expect(await licensesOfAllTenants(client("cipp", CIPP))).toBeUndefined();
    expect(await licensesOfAllTenants(client("cipp", CIPP))).toBeUndefined();
  });
});
