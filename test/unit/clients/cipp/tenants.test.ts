import nock from "nock";
import { describe, expect, it } from "vitest";
import { collect } from "../../../../src/clients/async-lists.js";
import { listTenants } from "../../../../src/clients/cipp/tenants.js";
import { InvalidResponseError, PermissionError } from "../../../../src/errors.js";
import { CIPP, client, useNock } from "../fixture.js";

useNock();

const contoso = {
  customerId: "3f2a6b1c-0000-4000-8000-000000000001",
  defaultDomainName: "contoso.com",
  displayName: "Contoso",
  initialDomainName: "contoso.onmicrosoft.com",
  delegatedPrivilegeStatus: "granularDelegatedAdminPrivileges",
  GraphErrorCount: 0,
};

describe("CIPP tenants", () => {
  it("lists tenants with the fields we use", async () => {
    nock(CIPP).get("/api/ListTenants").reply(200, [contoso]);
    expect(await collect(listTenants(client("cipp", CIPP)))).toEqual([
      { customerId: contoso.customerId, defaultDomainName: "contoso.com", displayName: "Contoso", initialDomainName: "contoso.onmicrosoft.com" },
    ]);
  });

  it("accepts the list wrapped in a Results envelope", async () => {
    nock(CIPP).get("/api/ListTenants").reply(200, { Results: [contoso], Metadata: {} });
    expect(await collect(listTenants(client("cipp", CIPP)))).toHaveLength(1);
  });

  it("raises CIPP's failure pseudo-tenant as a permission error with CIPP's words", async () => {
    nock(CIPP)
      .get("/api/ListTenants")
      .reply(200, [{ customerId: "", defaultDomainName: "Invalid", displayName: "Failed to retrieve tenants. Perform a permission check.", initialDomainName: "" }]);
    const error = await collect(listTenants(client("cipp", CIPP))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermissionError);
    expect((error as Error).message).toBe("cipp GET /api/ListTenants: CIPP could not read its tenants: Failed to retrieve tenants. Perform a permission check.");
  });

  it("reads CIPP's [null], its PowerShell's empty list, as no tenants", async () => {
    nock(CIPP).get("/api/ListTenants").reply(200, [null]);
    expect(await collect(listTenants(client("cipp", CIPP)))).toEqual([]);
  });

  it("leaves out the all-tenants selector row", async () => {
    nock(CIPP)
      .get("/api/ListTenants")
      .reply(200, [{ customerId: "AllTenants", defaultDomainName: "AllTenants", displayName: "*All Tenants", initialDomainName: "AllTenants" }, contoso]);
    expect((await collect(listTenants(client("cipp", CIPP)))).map((t) => t.displayName)).toEqual(["Contoso"]);
  });

  it("names the field when a tenant has no defaultDomainName", async () => {
    const { defaultDomainName: _, ...withoutDomain } = contoso;
    nock(CIPP).get("/api/ListTenants").reply(200, [withoutDomain]);
    const error = await collect(listTenants(client("cipp", CIPP))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as Error).message).toContain("[0].defaultDomainName");
  });
});
