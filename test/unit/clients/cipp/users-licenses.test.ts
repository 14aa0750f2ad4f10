import nock from "nock";
import { describe, expect, it } from "vitest";
import { collect } from "../../../../src/clients/async-lists.js";
import { listLicenses } from "../../../../src/clients/cipp/licenses.js";
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
});
