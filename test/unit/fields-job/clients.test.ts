import nock from "nock";
import { describe, expect, it } from "vitest";
import { collect } from "../../../src/clients/async-lists.js";
import { listWorkloadStatuses } from "../../../src/clients/acronis/statuses.js";
import { listLicenses } from "../../../src/clients/cipp/licenses.js";
import { listUsers } from "../../../src/clients/cipp/users.js";
import { writeCustomFieldValues } from "../../../src/clients/ninjaone/custom-field-values.js";
import { RequestRejectedError } from "../../../src/errors.js";
import { ACRONIS, CIPP, NINJA, client, useNock } from "../clients/fixture.js";

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
});

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

describe("writeCustomFieldValues", () => {
  it("PATCHes every field of one device in one request keyed by API name", async () => {
    nock(NINJA).patch("/v2/device/101/custom-fields", { backupStatus: "OK", summary: { html: "<p>x</p>" } }).reply(204);
    await writeCustomFieldValues(client("ninjaone", NINJA), "device", 101, { backupStatus: "OK", summary: { html: "<p>x</p>" } });
  });

  it("raises NinjaOne's refusal as a typed error", async () => {
    nock(NINJA).patch("/v2/organization/7/custom-fields").reply(400, { resultCode: "FAILURE", errorMessage: "INVALID_ATTRIBUTE_VALUE", incidentId: "WEB_MGMT_SERVICE-1" });
    await expect(writeCustomFieldValues(client("ninjaone", NINJA), "organization", 7, { lastSync: 1.5 })).rejects.toBeInstanceOf(RequestRejectedError);
  });
});
