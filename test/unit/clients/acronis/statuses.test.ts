import nock from "nock";
import { describe, expect, it } from "vitest";
import { collect } from "../../../../src/clients/async-lists.js";
import { listWorkloadStatuses } from "../../../../src/clients/acronis/statuses.js";
import { ACRONIS, client, useNock } from "../fixture.js";

useNock();

const context = { id: "5c35", name: "SRV-01", type: "resource.machine", tenant_id: "56", attributes: [{ name: "agent", kvs: [{ key: "version", value: "15.0.26355" }, { key: "hostname", value: "srv-01.contoso.local" }] }] };

describe("listWorkloadStatuses", () => {
  it("asks for machines only, and reads status, plan names, agent version and policy times, folding the guide's last_success_run spelling in", async () => {
    nock(ACRONIS)
      .get("/api/resource_management/v4/resource_statuses")
      .query({ tenant_id: "tenant-uuid", type: "resource.machine", include_attributes: "true", limit: "100" })
      .reply(200, {
        items: [
          {
            context,
            aggregate: { status: "warning", names: "Servers daily" },
            policies: [
              { type: "policy.backup.machine", last_success_run: "2026-01-05T02:00:48Z" },
              { type: "policy.security.antimalware_protection", last_success_run_time: "2026-01-04T13:00:00Z", next_run_time: "2026-01-11T13:00:00Z" },
            ],
          },
        ],
        paging: { cursors: {} },
      });
    const [item] = await collect(listWorkloadStatuses(client("acronis", ACRONIS), "tenant-uuid"));
    expect(item).toEqual({
      workloadId: "5c35",
      name: "SRV-01",
      tenantNumericId: "56",
      hostname: "srv-01.contoso.local",
      serialNumber: null,
      status: {
        agentVersion: "15.0.26355",
        status: "warning",
        planNames: "Servers daily",
        policies: [
          { type: "policy.backup.machine", lastSuccessRunTime: "2026-01-05T02:00:48Z", nextRunTime: null },
          { type: "policy.security.antimalware_protection", lastSuccessRunTime: "2026-01-04T13:00:00Z", nextRunTime: "2026-01-11T13:00:00Z" },
        ],
      },
    });
  });

  it("asks for several tenants in one filter as or(a,b), and refuses more than 100", async () => {
    nock(ACRONIS)
      .get("/api/resource_management/v4/resource_statuses")
      .query({ tenant_id: "or(t1,t2)", type: "resource.machine", include_attributes: "true", limit: "1000" })
      .reply(200, { items: [{ context }], paging: { cursors: {} } });
    const items = await collect(listWorkloadStatuses(client("acronis", ACRONIS), ["t1", "t2"], { limit: 1000 }));
    expect(items.map((i) => i.tenantNumericId)).toEqual(["56"]);
    const many = Array.from({ length: 101 }, (_, i) => `t${i}`);
    await expect(collect(listWorkloadStatuses(client("acronis", ACRONIS), many))).rejects.toThrow(/at most 100/);
  });
});
