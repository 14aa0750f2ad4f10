import nock from "nock";
import { describe, expect, it } from "vitest";
import { collect } from "../../../../src/clients/async-lists.js";
import { listIntuneDevices, listIntuneDevicesOfTenants } from "../../../../src/clients/cipp/devices.js";
import { InvalidResponseError, PermissionError, ServerError } from "../../../../src/errors.js";
import { CIPP, client, useNock } from "../fixture.js";

useNock();

const T1 = "3f2a6b1c-0000-4000-8000-000000000001";
const T2 = "3f2a6b1c-0000-4000-8000-000000000002";

const laptop = {
  id: "b1c2d3e4-0000-4000-8000-000000000001",
  deviceName: "CONTOSO-WS01",
  serialNumber: "5CG0011XYZ",
  complianceState: "compliant",
  azureADDeviceId: "a1a1a1a1-0000-4000-8000-000000000001",
  operatingSystem: "Windows",
  osVersion: "10.0.22631.3593",
  manufacturer: "HP",
  model: "EliteBook 840 G8",
  userPrincipalName: "ada@contoso.com",
  lastSyncDateTime: "2026-01-05T07:19:51Z",
  jailBroken: "Unknown",
};

describe("CIPP Intune devices", () => {
  it("reads one tenant's devices by tenantFilter with the fields we use", async () => {
    nock(CIPP).get("/api/ListDevices").query({ tenantFilter: T1 }).reply(200, [laptop]);
    expect(await collect(listIntuneDevices(client("cipp", CIPP), T1))).toEqual([
      {
        id: laptop.id,
        deviceName: "CONTOSO-WS01",
        serialNumber: "5CG0011XYZ",
        complianceState: "compliant",
        azureADDeviceId: laptop.azureADDeviceId,
        operatingSystem: "Windows",
        osVersion: "10.0.22631.3593",
        manufacturer: "HP",
        model: "EliteBook 840 G8",
        userPrincipalName: "ada@contoso.com",
        lastSyncAt: new Date("2026-01-05T07:19:51Z"),
      },
    ]);
  });

  it("accepts a device without a serial number", async () => {
    nock(CIPP)
      .get("/api/ListDevices")
      .query(true)
      .reply(200, [{ id: "x", deviceName: "Galaxy S24", serialNumber: null }]);
    const [phone] = await collect(listIntuneDevices(client("cipp", CIPP), T1));
    expect(phone).toMatchObject({ serialNumber: null, complianceState: null, lastSyncAt: null });
  });

  it("keeps a tenant CIPP refuses as a result and still reads the others", async () => {
    nock(CIPP)
      .get("/api/ListDevices")
      .query({ tenantFilter: T1 })
      .reply(403, ["Tenant is not licensed for Intune."])
      .get("/api/ListDevices")
      .query({ tenantFilter: T2 })
      .reply(200, [laptop]);
    const [refused, read] = await collect(listIntuneDevicesOfTenants(client("cipp", CIPP), [T1, T2]));
    expect(refused?.tenantId).toBe(T1);
    expect(refused && "error" in refused ? refused.error : undefined).toBeInstanceOf(PermissionError);
    expect(refused && "error" in refused ? refused.error.message : "").toContain("Tenant is not licensed for Intune.");
    expect(read && "devices" in read ? read.devices.map((d) => d.deviceName) : []).toEqual(["CONTOSO-WS01"]);
  });

  it("keeps a tenant whose read fails with a 500 as a result and still reads the others", async () => {
    nock(CIPP).get("/api/ListDevices").query({ tenantFilter: T1 }).reply(500, "boom").get("/api/ListDevices").query({ tenantFilter: T2 }).reply(200, [laptop]);
    const [failed, read] = await collect(listIntuneDevicesOfTenants(client("cipp", CIPP), [T1, T2], { concurrency: 1 }));
    expect(failed && "error" in failed ? failed.error : undefined).toBeInstanceOf(ServerError);
    expect(read && "devices" in read ? read.devices.map((d) => d.deviceName) : []).toEqual(["CONTOSO-WS01"]);
  });

  it("names the field when a device has no deviceName", async () => {
    nock(CIPP)
      .get("/api/ListDevices")
      .query(true)
      .reply(200, [{ ...laptop, deviceName: undefined }]);
    const error = await collect(listIntuneDevices(client("cipp", CIPP), T1)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as Error).message).toContain("[0].deviceName");
  });
});
