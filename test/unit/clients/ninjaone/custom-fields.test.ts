import nock from "nock";
import { describe, expect, it } from "vitest";
import { collect } from "../../../../src/clients/async-lists.js";
import { listCustomFieldDefinitions } from "../../../../src/clients/ninjaone/custom-fields.js";
import { InvalidResponseError } from "../../../../src/errors.js";
import { NINJA, client, useNock } from "../fixture.js";

useNock();

const status = {
  name: "acronisProtectionStatus",
  label: "Acronis protection status",
  type: "TEXT",
  definitionScope: ["NODE"],
  scope: "NODE_GLOBAL",
  apiPermission: "READ_WRITE",
  scriptPermission: "READ_ONLY",
  technicianPermission: "READ_ONLY",
  active: true,
  system: false,
  content: { values: [], required: false },
  createTime: 1704067200,
};
const tier = {
  name: "backupTier",
  label: "Backup tier",
  type: "DROPDOWN",
  definitionScope: ["ORGANIZATION"],
  apiPermission: "READ_ONLY",
  content: { values: [{ id: "0d5c7a3e-5b8e-4a55-9b0f-0a1d2c3e4f51", name: "Bronze", active: true, system: false }] },
};

describe("listCustomFieldDefinitions", () => {
  it("asks for every scope by default", async () => {
    nock(NINJA).get("/v2/device-custom-fields").query({ scopes: "all" }).reply(200, [status]);
    expect(await collect(listCustomFieldDefinitions(client("ninjaone", NINJA)))).toEqual([
      {
        name: "acronisProtectionStatus",
        label: "Acronis protection status",
        description: null,
        type: "TEXT",
        scopes: ["NODE"],
        fieldScope: "NODE_GLOBAL",
        apiPermission: "READ_WRITE",
        technicianPermission: "READ_ONLY",
        scriptPermission: "READ_ONLY",
        active: true,
        system: false,
        options: [],
      },
    ]);
  });

  it("sends the chosen scopes as one comma-separated list", async () => {
    nock(NINJA).get("/v2/device-custom-fields").query({ scopes: "node,organization" }).reply(200, [tier]);
    const [definition] = await collect(listCustomFieldDefinitions(client("ninjaone", NINJA), { scopes: ["node", "organization", "node"] }));
    expect(definition).toMatchObject({
      name: "backupTier",
      fieldScope: null,
      apiPermission: "READ_ONLY",
      active: true,
      options: [{ id: "0d5c7a3e-5b8e-4a55-9b0f-0a1d2c3e4f51", name: "Bronze", active: true }],
    });
  });

  it("names the field when a definition has no apiPermission", async () => {
    const { apiPermission: _, ...withoutPermission } = status;
    nock(NINJA).get("/v2/device-custom-fields").query(true).reply(200, [tier, withoutPermission]);
    const error = await collect(listCustomFieldDefinitions(client("ninjaone", NINJA))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as Error).message).toContain("field [1].apiPermission: expected string, received undefined");
  });
});
