import { describe, expect, it } from "vitest";
import { parseDeviceFilter } from "../../../../src/sandbox/ninjaone/device-filter.js";
import { parseMultipart } from "../../../../src/sandbox/ninjaone/multipart.js";
import { firstIndexAfter, readPageParams } from "../../../../src/sandbox/ninjaone/paging.js";
import type { DeviceRecord } from "../../../../src/sandbox/ninjaone/world.js";

const device = (over: Partial<DeviceRecord>): DeviceRecord =>
  ({ id: 1, organizationId: 1, locationId: 1, nodeRoleId: 1, nodeClass: "WINDOWS_SERVER", approvalStatus: "APPROVED", offline: false, created: 1700000000, ...over }) as DeviceRecord;

describe("NinjaOne sandbox parsers", () => {
  it("exposes the organizations a df restricts to, intersected across clauses", () => {
    const parsed = parseDeviceFilter("org in (1,2,3) AND org = 2");
    expect(parsed.ok && parsed.filter.orgIds).toEqual([2]);
  });

  it("matches online, class and created clauses", () => {
    const parsed = parseDeviceFilter("online AND class = windows_server AND created after 2023-01-01");
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.filter.matches(device({}))).toBe(true);
    expect(parsed.filter.matches(device({ offline: true }))).toBe(false);
    expect(parsed.filter.matches(device({ created: 1600000000 }))).toBe(false);
  });

  it("finds the first id after a cursor by binary search", () => {
    expect(firstIndexAfter([2, 4, 6, 8], 4)).toBe(2);
    expect(firstIndexAfter([2, 4, 6, 8], 0)).toBe(0);
    expect(firstIndexAfter([2, 4, 6, 8], 8)).toBe(4);
  });

  it("refuses an after that is not an int32", () => {
    expect(readPageParams(new URLSearchParams({ after: "99999999999" }), 50, 100).ok).toBe(false);
  });

  it("reads named parts of a multipart body and refuses one without a closing boundary", () => {
    const body = Buffer.from('--b\r\nContent-Disposition: form-data; name="comment"\r\n\r\n{"public":true}\r\n--b--\r\n');
    expect(parseMultipart(body, "b")?.map((p) => [p.name, p.body.toString()])).toEqual([["comment", '{"public":true}']]);
    expect(parseMultipart(Buffer.from('--b\r\nContent-Disposition: form-data; name="x"\r\n\r\nabc'), "b")).toBeUndefined();
  });
});
