import nock from "nock";
import { describe, expect, it } from "vitest";
import { collect } from "../../../../src/clients/async-lists.js";
import { listWorkloads } from "../../../../src/clients/acronis/workloads.js";
import { InvalidResponseError } from "../../../../src/errors.js";
import { ACRONIS, client, useNock } from "../fixture.js";

useNock();

const PATH = "/api/resource_management/v4/resources";
const T1 = "5f0e2c1a-0000-4000-8000-000000000001";
const T2 = "5f0e2c1a-0000-4000-8000-000000000002";

function resource(name: string, extra: Record<string, unknown> = {}) {
  return {
    id: `id-${name}`,
    name,
    user_defined_name: name,
    type: "resource.machine",
    tenant_id: "56",
    external_id: `id-${name}@56`,
    agent_id: `agent-${name}`,
    updated_at: "2026-01-05T07:19:51Z",
    attributes: [
      {
        name: "agent",
        kvs: [
          { key: "hostname", value: name },
          { key: "version", value: "15.0.26355" },
          { key: "mac_addresses", value: ["00:50:56:84:DB:B7"] },
          { key: "is_online", value: 1 },
        ],
      },
      { name: "default", kvs: [{ key: "name", value: name }] },
    ],
    ...extra,
  };
}

describe("Acronis workloads", () => {
  it("reads one tenant's workloads with their attributes in the listing", async () => {
    nock(ACRONIS).get(PATH).query({ tenant_id: T1, include_attributes: "true", limit: "100" }).reply(200, { items: [resource("SRV-01")], paging: { cursors: {} }, timestamp: "x" });
    expect(await collect(listWorkloads(client("acronis", ACRONIS), T1))).toEqual([
      {
        id: "id-SRV-01",
        name: "SRV-01",
        type: "resource.machine",
        tenantNumericId: "56",
        agentId: "agent-SRV-01",
        hostname: "SRV-01",
        serialNumber: null,
        macAddresses: ["00:50:56:84:DB:B7"],
        agentVersion: "15.0.26355",
        online: true,
        updatedAt: new Date("2026-01-05T07:19:51Z"),
      },
    ]);
  });

  it("reads a serial number when the platform reports one", async () => {
    const withSerial = resource("WS-01", {
      attributes: [{ name: "default", kvs: [{ key: "serial_number", value: "WGB7782WS" }] }],
    });
    nock(ACRONIS).get(PATH).query(true).reply(200, { items: [withSerial] });
    const [workload] = await collect(listWorkloads(client("acronis", ACRONIS), T1));
    expect(workload).toMatchObject({ serialNumber: "WGB7782WS", hostname: null, online: null, agentVersion: null, macAddresses: [] });
  });

  it("asks for several resource types as or(...)", async () => {
    nock(ACRONIS)
      .get(PATH)
      .query({ tenant_id: T1, type: "or(resource.machine,resource.virtual_machine.vmwesx)", include_attributes: "true", limit: "50" })
      .reply(200, { items: [] });
    const types = ["resource.machine", "resource.virtual_machine.vmwesx"];
    expect(await collect(listWorkloads(client("acronis", ACRONIS), T1, { types, limit: 50 }))).toEqual([]);
  });

  it("refuses more than ten resource types before any request", async () => {
    const types = Array.from({ length: 11 }, (_, i) => `resource.t${i}`);
    await expect(collect(listWorkloads(client("acronis", ACRONIS), T1, { types }))).rejects.toThrow(RangeError);
  });

  it("asks for several tenants in one listing", async () => {
    nock(ACRONIS)
      .get(PATH)
      .query({ tenant_id: `or(${T1},${T2})`, include_attributes: "true", limit: "100" })
      .reply(200, { items: [resource("A-1"), resource("B-1")] });
    expect((await collect(listWorkloads(client("acronis", ACRONIS), [T1, T2]))).map((w) => w.name)).toEqual(["A-1", "B-1"]);
  });

  it("names the field when a workload's tenant id is a number", async () => {
    nock(ACRONIS).get(PATH).query(true).reply(200, { items: [resource("X", { tenant_id: 56 })] });
    const error = await collect(listWorkloads(client("acronis", ACRONIS), T1)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as Error).message).toContain("response field items[0].tenant_id: expected string, received number");
  });
});
