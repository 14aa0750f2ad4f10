import nock from "nock";
import { describe, expect, it } from "vitest";
import { collect } from "../../../../src/clients/async-lists.js";
import { listDevices } from "../../../../src/clients/ninjaone/devices.js";
import { InvalidResponseError } from "../../../../src/errors.js";
import { NINJA, client, recordingLogger, useNock } from "../fixture.js";

useNock();

const agent = {
  id: 1234,
  uid: "6f1c0000-0000-4000-8000-000000000001",
  organizationId: 42,
  locationId: 77,
  nodeClass: "WINDOWS_WORKSTATION",
  nodeRoleId: 3,
  approvalStatus: "APPROVED",
  offline: false,
  displayName: "Reception PC",
  systemName: "DESKTOP-AB12",
  dnsName: "desktop-ab12.contoso.local",
  lastContact: 1717430000.5,
  system: { manufacturer: "Dell Inc.", model: "OptiPlex 7090", serialNumber: "ABC1234", biosSerialNumber: "ABC1235", virtualMachine: false },
  os: { name: "Windows 11 Pro" },
};
const mdm = { id: 1300, organizationId: 42, nodeClass: "APPLE_IOS", displayName: "Ada's iPhone", system: { displayName: "iPhone", serialNumber: "F2LXK1ABCD7Q", build: "21F90" } };
const printer = { id: 1400, organizationId: 42, nodeClass: "NMS_PRINTER", displayName: "Printer" };

/** The read after a first short page, which a new client makes to rule out a page cap (paging.ts). */
function confirmEnd(): void {
  nock(NINJA).get("/v2/devices-detailed").query((q) => q.after !== undefined).reply(200, []);
}

describe("listDevices", () => {
  it("reads devices-detailed and flattens the serial numbers from system", async () => {
    nock(NINJA).get("/v2/devices-detailed").query({ pageSize: "1000" }).reply(200, [agent]);
    confirmEnd();
    expect(await collect(listDevices(client("ninjaone", NINJA)))).toEqual([
      {
        id: 1234,
        organizationId: 42,
        nodeClass: "WINDOWS_WORKSTATION",
        nodeRoleId: 3,
        displayName: "Reception PC",
        systemName: "DESKTOP-AB12",
        dnsName: "desktop-ab12.contoso.local",
        serialNumber: "ABC1234",
        biosSerialNumber: "ABC1235",
        manufacturer: "Dell Inc.",
        model: "OptiPlex 7090",
        virtualMachine: false,
        offline: false,
        osName: "Windows 11 Pro",
      },
    ]);
  });

  it("gives MDM devices a serial without a BIOS serial, and devices without system neither", async () => {
    nock(NINJA).get("/v2/devices-detailed").query({ pageSize: "1000" }).reply(200, [mdm, printer]);
    confirmEnd();
    const [phone, print] = await collect(listDevices(client("ninjaone", NINJA)));
    expect(phone).toMatchObject({ serialNumber: "F2LXK1ABCD7Q", biosSerialNumber: null, systemName: null });
    expect(print).toMatchObject({ serialNumber: null, biosSerialNumber: null, dnsName: null });
  });

  it("accepts null serial numbers", async () => {
    nock(NINJA)
      .get("/v2/devices-detailed")
      .query(true)
      .reply(200, [{ ...agent, system: { serialNumber: null, biosSerialNumber: null } }]);
    confirmEnd();
    const [device] = await collect(listDevices(client("ninjaone", NINJA)));
    expect(device).toMatchObject({ serialNumber: null, biosSerialNumber: null });
  });

  it("filters one organization with df=org=<id>", async () => {
    nock(NINJA)
      .get("/v2/devices-detailed")
      .query({ df: "org=42", pageSize: "500" })
      .reply(200, [agent])
      .get("/v2/devices-detailed")
      .query({ df: "org=42", pageSize: "500", after: "1234" })
      .reply(200, []);
    const devices = await collect(listDevices(client("ninjaone", NINJA), { organizationId: 42, pageSize: 500 }));
    expect(devices.map((d) => d.id)).toEqual([1234]);
  });

  it("leaves out and reports devices of other organizations when the filter is ignored", async () => {
    nock(NINJA)
      .get("/v2/devices-detailed")
      .query({ df: "org=42", pageSize: "1000" })
      .reply(200, [agent, { ...agent, id: 1235, organizationId: 7 }]);
    confirmEnd();
    const { logger, warnings } = recordingLogger();
    const devices = await collect(listDevices(client("ninjaone", NINJA), { organizationId: 42, logger }));
    expect(devices.map((d) => d.id)).toEqual([1234]);
    expect(warnings).toEqual(["NinjaOne ignored the device filter org=42: left out 1 device of other organizations"]);
  });

  it("pages devices with after set to the last page's largest device id", async () => {
    nock(NINJA)
      .get("/v2/devices-detailed")
      .query({ pageSize: "1" })
      .reply(200, [agent])
      .get("/v2/devices-detailed")
      .query({ pageSize: "1", after: "1234" })
      .reply(200, []);
    expect(await collect(listDevices(client("ninjaone", NINJA), { pageSize: 1 }))).toHaveLength(1);
  });

  it("names the field when a device's organizationId has the wrong type", async () => {
    nock(NINJA)
      .get("/v2/devices-detailed")
      .query(true)
      .reply(200, [agent, { ...agent, id: 1235, organizationId: "42" }]);
    const error = await collect(listDevices(client("ninjaone", NINJA))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as Error).message).toContain("response field [1].organizationId: expected number, received string");
  });

  it("names the field when a serial number is not a string", async () => {
    nock(NINJA)
      .get("/v2/devices-detailed")
      .query(true)
      .reply(200, [{ ...agent, system: { serialNumber: 1234 } }]);
    const error = await collect(listDevices(client("ninjaone", NINJA))).catch((e: unknown) => e);
    expect((error as Error).message).toContain("response field [0].system.serialNumber: expected string, received number");
  });
});
