import nock from "nock";
import { describe, expect, it } from "vitest";
import { collect } from "../../../../src/clients/async-lists.js";
import { listOrganizations } from "../../../../src/clients/ninjaone/organizations.js";
import { InvalidResponseError } from "../../../../src/errors.js";
import { NINJA, client, useNock } from "../fixture.js";

useNock();

const org = (id: number) => ({ id, name: `Org ${id}`, description: "", nodeApprovalMode: "AUTOMATIC", userData: {} });
const orgs = (from: number, count: number) => Array.from({ length: count }, (_, i) => org(from + i));

describe("listOrganizations", () => {
  it("asks for pages of 1000, and confirms the first short page once, since the server may cap pages", async () => {
    nock(NINJA)
      .get("/v2/organizations")
      .query({ pageSize: "1000" })
      .reply(200, orgs(1, 3))
      .get("/v2/organizations")
      .query({ pageSize: "1000", after: "3" })
      .reply(200, []);
    const http = client("ninjaone", NINJA);
    expect((await collect(listOrganizations(http))).map((o) => o.id)).toEqual([1, 2, 3]);
    // The same client now knows a page of 3 is no cap: a second listing takes one request.
    nock(NINJA).get("/v2/organizations").query({ pageSize: "1000" }).reply(200, orgs(1, 3));
    expect(await collect(listOrganizations(http))).toHaveLength(3);
  });

  it("reads every organization from a server that caps pages at 500, and trusts the cap once learned", async () => {
    nock(NINJA)
      .get("/v2/organizations")
      .query({ pageSize: "1000" })
      .reply(200, orgs(1, 500))
      .get("/v2/organizations")
      .query({ pageSize: "1000", after: "500" })
      .reply(200, orgs(501, 500))
      .get("/v2/organizations")
      .query({ pageSize: "1000", after: "1000" })
      .reply(200, orgs(1001, 499));
    const result = await collect(listOrganizations(client("ninjaone", NINJA)));
    expect(result).toHaveLength(1499);
  });

  it("pages with after set to the largest id of the previous page until a short page", async () => {
    nock(NINJA)
      .get("/v2/organizations")
      .query({ pageSize: "2" })
      .reply(200, [org(5), org(2)])
      .get("/v2/organizations")
      .query({ pageSize: "2", after: "5" })
      .reply(200, [org(8), org(9)])
      .get("/v2/organizations")
      .query({ pageSize: "2", after: "9" })
      .reply(200, [org(12)]);
    const result = await collect(listOrganizations(client("ninjaone", NINJA), { pageSize: 2 }));
    expect(result.map((o) => o.id)).toEqual([5, 2, 8, 9, 12]);
  });

  it("keeps paging after a 1000-item page that a larger request got, and ends on an empty page", async () => {
    nock(NINJA)
      .get("/v2/organizations")
      .query({ pageSize: "2000" })
      .reply(200, orgs(1, 1000))
      .get("/v2/organizations")
      .query({ pageSize: "2000", after: "1000" })
      .reply(200, []);
    const result = await collect(listOrganizations(client("ninjaone", NINJA), { pageSize: 2000 }));
    expect(result).toHaveLength(1000);
  });

  it("processes a 200,000-organization page without overflowing the stack", async () => {
    nock(NINJA)
      .get("/v2/organizations")
      .query({ pageSize: "1000" })
      .reply(200, orgs(1, 200_000))
      .get("/v2/organizations")
      .query({ pageSize: "1000", after: "200000" })
      .reply(200, []);
    const result = await collect(listOrganizations(client("ninjaone", NINJA)));
    expect(result).toHaveLength(200_000);
  });

  it("fails instead of looping when a full page does not advance the id", async () => {
    nock(NINJA)
      .get("/v2/organizations")
      .query({ pageSize: "2" })
      .reply(200, [org(1), org(2)])
      .get("/v2/organizations")
      .query({ pageSize: "2", after: "2" })
      .reply(200, [org(1), org(2)]);
    const error = await collect(listOrganizations(client("ninjaone", NINJA), { pageSize: 2 })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as Error).message).toContain("paging cannot advance");
  });

  it("returns only the fields it uses, with a missing description as null", async () => {
    nock(NINJA)
      .get("/v2/organizations")
      .query({ pageSize: "1000" })
      .reply(200, [{ id: 42, name: "Contoso Ltd", userData: { x: 1 }, locations: [] }])
      .get("/v2/organizations")
      .query({ pageSize: "1000", after: "42" })
      .reply(200, []);
    expect(await collect(listOrganizations(client("ninjaone", NINJA)))).toEqual([{ id: 42, name: "Contoso Ltd", description: null }]);
  });

  it("names the field when an organization lacks its name", async () => {
    nock(NINJA).get("/v2/organizations").query(true).reply(200, [org(1), { id: 2, description: "" }]);
    const error = await collect(listOrganizations(client("ninjaone", NINJA))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as Error).message).toBe("ninjaone GET /v2/organizations?pageSize=1000: response field [1].name: expected string, received undefined");
  });

  it("refuses a page size below 1 before any request", async () => {
    await expect(collect(listOrganizations(client("ninjaone", NINJA), { pageSize: 0 }))).rejects.toThrow(RangeError);
  });
});
