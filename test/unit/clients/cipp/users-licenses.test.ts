import nock from "nock";
import { describe, expect, it } from "vitest";
import { collect } from "../../../../src/clients/async-lists.js";
import { listLicenses } from "../../../../src/clients/cipp/licenses.js";
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
});
