import { describe, expect, it } from "vitest";
import type { CustomFieldDefinition } from "../../../src/clients/ninjaone/custom-fields.js";
import { csvLines } from "../../../src/csv.js";
import { deviceRows } from "../../../src/jobs/devices/plan/device-rows.js";
import { checkEntraField } from "../../../src/jobs/devices/plan/entra-field.js";
import { findNinjaDevice } from "../../../src/jobs/devices/plan/find-device.js";
import { planManualLink, planUnlink } from "../../../src/jobs/devices/plan/link-plan.js";
import type { NinjaDevice } from "../../../src/jobs/shared/devices/device.js";
import { newLink } from "../../../src/jobs/shared/devices/links.js";
import type { Link } from "../../../src/jobs/shared/mappings.js";

const AT = new Date("2026-03-01T10:00:00Z");
const devices: NinjaDevice[] = [
  { id: 10, organizationId: 1, systemName: "WS-01", dnsName: "ws-01.contoso.local", serialNumber: "SER0000010" },
  { id: 11, organizationId: 1, systemName: "WS-02" },
  { id: 12, organizationId: 2, systemName: "WS-02" },
];
const [ws01, ws02] = devices as [NinjaDevice, NinjaDevice, NinjaDevice];

describe("findNinjaDevice", () => {
  it("takes an id, else the one device of that name, and names the ids when several share it", () => {
    expect(findNinjaDevice(devices, "11")).toMatchObject({ kind: "found", device: { id: 11 } });
    expect(findNinjaDevice(devices, "ws-01.contoso.local")).toMatchObject({ kind: "found", device: { id: 10 } });
    expect(findNinjaDevice(devices, "ws-02")).toEqual({ kind: "ambiguous", reason: '2 NinjaOne devices are named "ws-02" (ids 11, 12); give the device id' });
    expect(findNinjaDevice(devices, "nope")).toMatchObject({ kind: "missing" });
  });
});

describe("planManualLink and planUnlink", () => {
  const matched = newLink("acronis", 1, ws01, { id: "w1", name: "WS-01" }, "hostname", "2026-01-01T00:00:00.000Z");

  it("links by hand, taking the other end from the device that held it", () => {
    const plan = planManualLink([matched], "acronis", 1, ws02, { id: "w1", name: "WS-01" }, AT);
    expect(plan.released).toEqual([matched]);
    expect(plan.changes).toEqual([
      { kind: "drop", key: "acronis:10" },
      { kind: "record", link: expect.objectContaining({ key: "acronis:11", remoteId: "w1", by: "manual", linkedAt: AT.toISOString() }) },
    ]);
  });

  it("says when the device was linked elsewhere, and changes nothing when already linked so by hand", () => {
    const replaced = planManualLink([matched], "acronis", 1, ws01, { id: "w2", name: "OTHER" }, AT);
    expect(replaced.replaced).toEqual(matched);
    const manual = newLink("acronis", 1, ws01, { id: "w2", name: "OTHER" }, "manual", AT.toISOString());
    expect(planManualLink([manual], "acronis", 1, ws01, { id: "w2", name: "OTHER" }, AT)).toEqual({ changes: [], released: [], unchanged: true });
  });

  it("ends a keep-apart marker on the pair it links by hand, even when the link is already there", () => {
    const apart = [{ key: "acronis:10:w1", service: "acronis" as const, ninjaDeviceId: 10, remoteId: "w1", ninjaName: "WS-01", remoteName: "WS-01", at: AT.toISOString() }];
    expect(planManualLink([], "acronis", 1, ws01, { id: "w1", name: "WS-01" }, AT, apart).changes[0]).toEqual({ kind: "allow", key: "acronis:10:w1" });
    const manual = newLink("acronis", 1, ws01, { id: "w1", name: "WS-01" }, "manual", AT.toISOString());
    expect(planManualLink([manual], "acronis", 1, ws01, { id: "w1", name: "WS-01" }, AT, apart)).toEqual({ changes: [{ kind: "allow", key: "acronis:10:w1" }], released: [], unchanged: false });
  });

  it("unlinks by device id or recorded name, only the services asked for", () => {
    const intune = newLink("intune", 1, ws01, { id: "i1", name: "WS-01" }, "serial", AT.toISOString());
    expect(planUnlink([matched, intune], "ws-01", ["intune"])).toEqual({ ninjaDeviceId: 10, removals: [intune] });
    expect(planUnlink([matched, intune], "10", ["acronis", "intune"])).toEqual({ ninjaDeviceId: 10, removals: [matched, intune] });
    expect(planUnlink([matched], "WS-09", ["acronis"])).toEqual({ reason: 'no recorded device link names "WS-09"' });
  });
});

describe("checkEntraField", () => {
  const field = (name: string, type: string, scopes: string[], apiPermission: string): CustomFieldDefinition => ({
    name, label: name, description: null, type, scopes, fieldScope: null, apiPermission, technicianPermission: null, active: true, system: false, options: [],
  });
  const definitions = [field("entraDeviceId", "TEXT", ["NODE"], "READ_ONLY"), field("score", "NUMERIC", ["ORGANIZATION"], "NONE")];

  it("accepts a readable device text field and refuses others with every reason", () => {
    expect(checkEntraField(definitions, "entraDeviceId")).toMatchObject({ ok: true, field: { name: "entraDeviceId" } });
    const refused = checkEntraField(definitions, "score");
    expect(refused.ok ? [] : refused.reasons.map((r) => r.split(";")[0])).toEqual([
      'field "score" (score) is of type NUMERIC',
      'field "score" (score) is not defined for devices (NODE scope)',
      'field "score" (score) has API permission NONE',
    ]);
    expect(checkEntraField(definitions, "missing")).toEqual({ ok: false, reasons: ['no NinjaOne custom field is named or labelled "missing"'] });
  });
});

describe("deviceRows", () => {
  it("lists recorded and new pairs and the devices of either side without one", () => {
    const orgLinks = [{ service: "acronis", orgId: 1, orgName: "Contoso", targetId: "t1", targetName: "Contoso", source: "manual", mappedAt: AT.toISOString() }] as Link[];
    const { rows } = deviceRows({
      orgLinks,
      devices,
      orgNames: new Map([[1, "Contoso"]]),
      remotes: { acronis: [{ id: "w1", targetId: "t1", name: "WS-01", serial: null }, { id: "w9", targetId: "t1", name: "LAPTOP", serial: null }], intune: [] },
      deviceLinks: [newLink("acronis", 1, ws01, { id: "w1", name: "WS-01" }, "manual", AT.toISOString())],
      now: AT,
    });
    expect(rows.map((r) => [r.ninja?.id ?? null, r.remote?.id ?? null, r.by, r.status])).toEqual([
      [10, "w1", "manual", "linked"],
      [null, "w9", null, "unmatched"],
      [11, null, null, "unmatched"],
    ]);
  });

  it("pairs an Intune device by the Entra id field first, as fields sync does, when the field was read", () => {
    const orgLinks = [{ service: "cipp", orgId: 1, orgName: "Contoso", targetId: "m1", targetName: "Contoso", source: "manual", mappedAt: AT.toISOString() }] as Link[];
    const guid = "3f2504e0-4f89-11d3-9a0c-0305e82c3301";
    // The Intune device's name and serial point at WS-01; only the Entra id says WS-02.
    const remotes = { acronis: [], intune: [{ id: "i1", targetId: "m1", name: "WS-01", serial: "SER0000010", entraId: guid }] };
    const input = { orgLinks, devices, orgNames: new Map([[1, "Contoso"]]), remotes, deviceLinks: [], now: AT };
    const pairOf = (rows: ReturnType<typeof deviceRows>["rows"]) => rows.filter((r) => r.remote !== null && r.ninja !== null).map((r) => [r.ninja?.id, r.by]);
    expect(pairOf(deviceRows({ ...input, entraIds: new Map([[11, guid.toUpperCase()]]) }).rows)).toEqual([[11, "entra-id"]]);
    expect(pairOf(deviceRows(input).rows)).toEqual([[10, "serial"]]);
  });
});

describe("csvLines", () => {
  it("quotes fields with commas, quotes or line breaks", () => {
    expect(csvLines(["a", "b"], [["Fabrikam, Inc.", 'say "hi"'], [1, "plain"]])).toBe('a,b\n"Fabrikam, Inc.","say ""hi"""\n1,plain');
  });

  it("keeps a name a spreadsheet would run as a formula as text, and leaves numbers and empty cells alone", () => {
    expect(csvLines(["name", "n", "x"], [['=HYPERLINK("http://x","y")', -3, null], ["@SUM(A1)", 0, "+1"], ["-cmd|' /C calc'!A0", 1, "\tTAB"]])).toBe(
      ['name,n,x', `"'=HYPERLINK(""http://x"",""y"")",-3,`, "'@SUM(A1),0,'+1", "'-cmd|' /C calc'!A0,1,'\tTAB"].join("\n"),
    );
  });
});
