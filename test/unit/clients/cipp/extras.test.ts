import nock from "nock";
import { describe, expect, it } from "vitest";
import { listCompliancePolicyStates, listDeviceGroups } from "../../../../src/clients/cipp/device-extras.js";
import { listLastSignIns, listMailboxUsage, listOneDriveUsage } from "../../../../src/clients/cipp/user-activity.js";
import { CIPP, client, useNock } from "../fixture.js";

useNock();

const page = (results: unknown[], nextLink?: string) => ({ Results: results, Metadata: nextLink === undefined ? {} : { nextLink } });

describe("CIPP reads beyond users and devices", () => {
  it("takes the later of a user's interactive and other sign-ins, asking 120 a page, and null for never", async () => {
    nock(CIPP)
      .get("/api/ListGraphRequest")
      .query({ tenantFilter: "t", Endpoint: "users", $top: "120", manualPagination: "true", $select: "id,signInActivity" })
      .reply(200, page([
        { id: "U1", signInActivity: { lastSignInDateTime: "2026-11-01T10:00:00Z", lastNonInteractiveSignInDateTime: "2026-11-20T10:00:00Z" } },
        { id: "u2", signInActivity: null },
        { id: "u3" },
      ]));
    const signIns = await listLastSignIns(client("cipp", CIPP), "t");
    expect([...signIns]).toEqual([
      ["u1", new Date("2026-11-20T10:00:00Z")],
      ["u2", null],
      ["u3", null],
    ]);
  });

  it("reads mailbox usage from the report as JSON, leaving out deleted mailboxes and rows without a size", async () => {
    nock(CIPP)
      .get("/api/ListGraphRequest")
      .query({ tenantFilter: "t", Endpoint: "reports/getMailboxUsageDetail(period='D7')", $top: "999", manualPagination: "true", $format: "application/json" })
      .reply(200, page([
        { userPrincipalName: "Ada@x.com", storageUsedInBytes: "1024", prohibitSendReceiveQuotaInBytes: 2048 },
        { userPrincipalName: "gone@x.com", storageUsedInBytes: 1, isDeleted: true },
        { userPrincipalName: "odd@x.com", storageUsedInBytes: null },
      ]));
    expect([...(await listMailboxUsage(client("cipp", CIPP), "t"))]).toEqual([["ada@x.com", { used: 1024, total: 2048 }]]);
  });

  it("reads OneDrive usage through ListSites, without a quota when none is given", async () => {
    nock(CIPP)
      .get("/api/ListSites")
      .query({ TenantFilter: "t", Type: "OneDriveUsageAccount" })
      .reply(200, [{ ownerPrincipalName: "ada@x.com", storageUsedInBytes: 5 }, { ownerPrincipalName: null, storageUsedInBytes: 1 }]);
    expect([...(await listOneDriveUsage(client("cipp", CIPP), "t"))]).toEqual([["ada@x.com", { used: 5, total: null }]]);
  });

  it("keeps only groups among a device's memberships, sorted, by Entra device id", async () => {
    nock(CIPP)
      .get("/api/ListGraphRequest")
      .query(true)
      .reply(200, page([
        { deviceId: "E-1", memberOf: [{ "@odata.type": "#microsoft.graph.group", displayName: "Zeta" }, { "@odata.type": "#microsoft.graph.administrativeUnit", displayName: "Unit" }, { displayName: "Alpha" }] },
        { deviceId: null, memberOf: [] },
      ]));
    expect([...(await listDeviceGroups(client("cipp", CIPP), "t"))]).toEqual([["e-1", ["Alpha", "Zeta"]]]);
  });

  it("gathers each policy's verdicts by device name, leaving out unknown ones", async () => {
    nock(CIPP)
      .get("/api/ListGraphRequest")
      .query((q) => q["Endpoint"] === "deviceManagement/deviceCompliancePolicies")
      .reply(200, page([{ id: "p1", displayName: "Windows" }, { id: "p2", displayName: null }]))
      .get("/api/ListGraphRequest")
      .query((q) => q["Endpoint"] === "deviceManagement/deviceCompliancePolicies/p1/deviceStatuses")
      .reply(200, page([{ deviceDisplayName: "WS-01", status: "noncompliant" }, { deviceDisplayName: "WS-02", status: "unknown" }]))
      .get("/api/ListGraphRequest")
      .query((q) => q["Endpoint"] === "deviceManagement/deviceCompliancePolicies/p2/deviceStatuses")
      .reply(200, page([{ deviceDisplayName: "ws-01", status: "compliant" }]));
    expect([...(await listCompliancePolicyStates(client("cipp", CIPP), "t"))]).toEqual([
      [
        "ws-01",
        [
          { policy: "p2", status: "compliant" },
          { policy: "Windows", status: "noncompliant" },
        ],
      ],
    ]);
  });
});
