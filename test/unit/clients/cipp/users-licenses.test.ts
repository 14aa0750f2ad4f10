import nock from "nock";
import { describe, expect, it } from "vitest";
import { collect } from "../../../../src/clients/async-lists.js";
import { licensesOfAllTenants, listLicenses } from "../../../../src/clients/cipp/licenses.js";
import { listUsers } from "../../../../src/clients/cipp/users.js";
import { CIPP, client, useNock } from "../fixture.js";

useNock();

describe("CIPP users and licences", () => {
  it("reads each user's friendly licence names, and counts an unnamed SKU as a licence", async () => {
    nock(CIPP)
      .get("/api/ListUsers")
      .query({ tenantFilter: "contoso.com" })
      .reply(200, [
        { id: "u1", displayName: "Ada Li", userPrincipalName: "ada@contoso.com", accountEnabled: true, userType: "Member", LicJoined: "Microsoft 365 E3, Exchange Online (Plan 1)", assignedLicenses: [{ skuId: "a" }, { skuId: "b" }] },
        { id: "u2", displayName: null, userPrincipalName: "svc@contoso.com", LicJoined: "", assignedLicenses: [{ skuId: "c" }] },
      ]);
    const users = await collect(listUsers(client("cipp", CIPP), "contoso.com"));
    expect(users.map((u) => [u.displayName, u.licenses])).toEqual([
      ["Ada Li", ["Microsoft 365 E3", "Exchange Online (Plan 1)"]],
      ["svc@contoso.com", ["1 licence"]],
    ]);
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
