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
  it("sends pageSize without after on the first page and stops on a short page", async () => {
    nock(NINJA).get("/v2/organizations").query({ pageSize: "2000" }).reply(200, orgs(1, 3));
    const result = await collect(listOrganizations(client("ninjaone", NINJA)));
    expect(result.map((o) => o.id)).toEqual([1, 2, 3]);
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
    const result = await collect(listOrganizations(client("ninjaone", NINJA)));
    expect(result).toHaveLength(1000);
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
    nock(NINJA).get("/v2/organizations").query(true).reply(200, [{ id: 42, name: "Contoso Ltd", userData: { x: 1 }, locations: [] }]);
    expect(await collect(listOrganizations(client("ninjaone", NINJA)))).toEqual([{ id: 42, name: "Contoso Ltd", description: null }]);
  });

  it("names the field when an organization lacks its name", async () => {
    nock(NINJA).get("/v2/organizations").query(true).reply(200, [org(1), { id: 2, description: "" }]);
    const error = await collect(listOrganizations(client("ninjaone", NINJA))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as Error).message).toBe("ninjaone GET /v2/organizations?pageSize=2000: response field [1].name: expected string, received undefined");
  });

  it("refuses a page size below 1 before any request", async () => {
    await expect(collect(listOrganizations(client("ninjaone", NINJA), { pageSize: 0 }))).rejects.toThrow(RangeError);
  });
});
