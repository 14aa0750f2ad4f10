import { describe, expect, it } from "vitest";
import type { NinjaDevice } from "../../../src/jobs/shared/devices/device.js";
import { unlinkChanges } from "../../../src/jobs/devices/plan/link-plan.js";
import { applyLinkChanges, forgettable, linkKey, newLink, resolveDevicePairs, reviewLinks, type ResolveInput } from "../../../src/jobs/shared/devices/links.js";
import type { RemoteDevice } from "../../../src/jobs/shared/devices/match-devices.js";
import { emptyState, type DeviceLinkRecord } from "../../../src/state/index.js";

const NOW = new Date("2026-03-01T10:00:00Z");
const CONTOSO = { id: 1, name: "Contoso" };
const ORG_NAMES = new Map([
  [1, "Contoso"],
  [2, "Fabrikam"],
]);

function ninja(id: number, systemName: string, serialNumber: string | null = null, organizationId = 1): NinjaDevice {
  return { id, organizationId, systemName, serialNumber };
}

function remote(id: string, name: string, serial: string | null = null): RemoteDevice {
  return { id, name, serial };
}

function link(device: NinjaDevice, r: RemoteDevice, by: DeviceLinkRecord["by"] = "hostname", extra: Partial<DeviceLinkRecord> = {}): DeviceLinkRecord {
  return { ...newLink("acronis", 1, device, r, by, "2026-01-01T00:00:00.000Z"), ...extra };
}

function resolve(devices: NinjaDevice[], remotes: RemoteDevice[], links: DeviceLinkRecord[], extra: Partial<ResolveInput<RemoteDevice>> = {}) {
  return resolveDevicePairs({ service: "acronis", org: CONTOSO, orgNames: ORG_NAMES, devices, remotes, links, now: NOW, ...extra });
}

const pairs = (r: ReturnType<typeof resolve>) => r.matched.map((m) => [m.remote.id, m.ninja.id, m.by, m.recorded]);

describe("resolveDevicePairs", () => {
  it("never matches a pair kept apart by hand, and says why the other end stays unpaired", () => {
    const device = ninja(10, "WS-01", "SER00010");
    const w = remote("w1", "WS-01", "SER00010");
    const draft = emptyState(NOW, "7d1c2a4e-0000-4000-8000-000000000001");
    applyLinkChanges(draft, unlinkChanges([link(device, w, "serial")], true, NOW));
    const apart = Object.values(draft.deviceApart);
    expect(apart).toEqual([expect.objectContaining({ key: "acronis:10:w1", ninjaName: "WS-01", remoteName: "WS-01" })]);
    const result = resolve([device], [w], [], { apart });
    expect(pairs(result)).toEqual([]);
    expect(result.changes).toEqual([]);
    expect(result.unmatched).toEqual([{ remote: w, reason: "kept apart from WS-01 by hand (`devices link` pairs them)" }]);
    expect(pairs(resolve([device], [w], []))).toEqual([["w1", 10, "serial", false]]);
  });

  it("matches unlinked devices and returns the new links to record, with the names and serial seen", () => {
    const result = resolve([ninja(10, "WS-01", "SER00010")], [remote("w1", "ws-01")], []);
    expect(pairs(result)).toEqual([["w1", 10, "hostname", false]]);
    expect(result.changes).toEqual([
      { kind: "record", link: { key: "acronis:10", service: "acronis", ninjaDeviceId: 10, ninjaOrgId: 1, remoteId: "w1", by: "hostname", linkedAt: NOW.toISOString(), ninjaName: "WS-01", remoteName: "ws-01", serial: "SER00010" } },
    ]);
  });

  it("keeps a renamed device's link (a placeholder serial cannot match it), reports the rename and records the new name", () => {
    const before = ninja(10, "WS-01", "To Be Filled By O.E.M.");
    const w = remote("w1", "WS-01");
    const result = resolve([{ ...before, systemName: "WS-01-OLD" }], [w], [link(before, w)]);
    expect(pairs(result)).toEqual([["w1", 10, "hostname", true]]);
    expect(result.findings.map((f) => [f.kind, f.message])).toEqual([["renamed", "renamed WS-01 → WS-01-OLD, link kept"]]);
    expect(result.changes).toEqual([{ kind: "record", link: { ...link(before, w), ninjaName: "WS-01-OLD" } }]);
  });

  it("keeps both links when two linked devices swap host names, where matching would swap them", () => {
    const a = ninja(10, "WS-01");
    const b = ninja(11, "WS-02");
    const [wa, wb] = [remote("wa", "WS-01"), remote("wb", "WS-02")];
    const swapped = [{ ...a, systemName: "WS-02" }, { ...b, systemName: "WS-01" }];
    expect(pairs(resolve(swapped, [wa, wb], [link(a, wa), link(b, wb)]))).toEqual([
      ["wa", 10, "hostname", true],
      ["wb", 11, "hostname", true],
    ]);
    expect(pairs(resolve(swapped, [wa, wb], []))).toEqual([
      ["wa", 11, "hostname", false],
      ["wb", 10, "hostname", false],
    ]);
  });

  it("reports a device moved to another organization, keeps its link, and does not match it again in either", () => {
    const d = ninja(10, "WS-01");
    const w = remote("w1", "WS-01");
    const moved = { ...d, organizationId: 2 };
    const result = resolve([moved, ninja(12, "WS-01-NEW")], [w], [link(d, w)]);
    expect(pairs(result)).toEqual([["w1", 10, "hostname", true]]);
    expect(result.findings.map((f) => f.message)).toEqual(["moved from Contoso to Fabrikam: its Acronis workload is still in Contoso's customer"]);
    const inFabrikam = resolveDevicePairs({ service: "acronis", org: { id: 2, name: "Fabrikam" }, orgNames: ORG_NAMES, devices: [moved], remotes: [remote("w9", "WS-01")], links: [link(d, w)], now: NOW });
    expect(inFabrikam.matched).toEqual([]);
    expect(inFabrikam.unclaimed).toEqual([]);
  });

  it("marks the link of a deleted device gone and matches its workload again", () => {
    const d = ninja(10, "WS-01");
    const w = remote("w1", "WS-01");
    const result = resolve([ninja(12, "WS-01")], [w], [link(d, w)]);
    expect(result.findings.map((f) => [f.kind, f.message])).toEqual([["gone", 'device deleted: link to Acronis workload "WS-01" marked gone']]);
    expect(result.changes[0]).toEqual({ kind: "record", link: { ...link(d, w), goneAt: NOW.toISOString(), goneSide: "ninja" } });
    expect(pairs(result)).toEqual([["w1", 12, "hostname", false]]);
  });

  it("marks a link gone when the organization's tenant no longer lists its workload", () => {
    const d = ninja(10, "WS-01");
    const result = resolve([d], [], [link(d, remote("w1", "WS-01"))]);
    expect(result.findings.map((f) => f.message)).toEqual(['Acronis workload "WS-01" deleted: link marked gone']);
    expect(result.changes).toEqual([{ kind: "record", link: { ...link(d, remote("w1", "WS-01")), goneAt: NOW.toISOString(), goneSide: "remote" } }]);
    // Moved away with its workload: the other organization's run keeps the link; this one marks nothing gone.
    expect(resolve([{ ...d, organizationId: 2 }], [], [link(d, remote("w1", "WS-01"))]).changes).toEqual([]);
  });

  it("drops and re-matches a link whose two ends now report different real serials, but keeps a manual one", () => {
    const d = ninja(10, "WS-01", "SERIAL0001");
    const w = remote("w1", "WS-01", "SERIAL0002");
    const result = resolve([d], [w], [link(d, w)]);
    expect(result.findings.map((f) => f.kind)).toEqual(["serial-changed"]);
    expect(result.changes).toEqual([{ kind: "drop", key: "acronis:10" }]);
    expect(result.unmatched.map((m) => m.remote.id)).toEqual(["w1"]);
    expect(pairs(resolve([d], [w], [link(d, w, "manual")]))).toEqual([["w1", 10, "manual", true]]);
  });

  it("lets a manual link win over what matching would pair", () => {
    const [a, b] = [ninja(10, "WS-01", "SERIAL0001"), ninja(11, "WS-02")];
    const w = remote("w1", "WS-01", "SERIAL0001");
    expect(pairs(resolve([a, b], [w], [link(b, w, "manual")]))).toEqual([["w1", 11, "manual", true]]);
  });

  it("pairs an Intune device by the Entra device id in the NinjaOne field before its serial", () => {
    const [a, b] = [ninja(10, "PC-A", "SERIAL0001"), ninja(11, "PC-B")];
    const guid = "6A1F0C2E-1111-4222-8333-944455556666";
    const r = { ...remote("i1", "PC-A", "SERIAL0001"), entra: guid.toLowerCase() };
    const result = resolveDevicePairs({
      service: "intune",
      org: CONTOSO,
      orgNames: ORG_NAMES,
      devices: [a, b],
      remotes: [r],
      links: [],
      now: NOW,
      entraIds: new Map([[11, guid]]),
      remoteEntraId: (x) => x.entra,
    });
    expect(result.matched.map((m) => [m.ninja.id, m.by])).toEqual([[11, "entra-id"]]);
  });
});

describe("reviewLinks", () => {
  it("reports renames, moves and deleted devices from the links and NinjaOne alone", () => {
    const [a, b, c] = [ninja(10, "WS-01"), ninja(11, "WS-02"), ninja(12, "WS-03")];
    const links = [link(a, remote("wa", "WS-01")), link(b, remote("wb", "WS-02")), link(c, remote("wc", "WS-03")), link(ninja(13, "OLD"), remote("wd", "OLD"), "serial", { goneAt: NOW.toISOString(), goneSide: "ninja" })];
    const findings = reviewLinks(links, [{ ...a, systemName: "WS-01-OLD" }, { ...b, organizationId: 2 }], ORG_NAMES);
    expect(findings.map((f) => [f.kind, f.subject, f.message])).toEqual([
      ["renamed", 'device "WS-01-OLD"', "renamed WS-01 → WS-01-OLD, link kept"],
      ["moved", 'device "WS-02"', "moved from Contoso to Fabrikam: its Acronis workload is still in Contoso's customer"],
      ["gone", 'device "WS-03"', 'device deleted: its link to Acronis workload "WS-03" is marked gone by the next fields sync'],
    ]);
  });
});

describe("forgettable and applyLinkChanges", () => {
  it("forgets gone links past the window, and the cached values of deleted devices only", () => {
    const state = emptyState(NOW, "6f1c2a9e-4b7d-4e2a-9c3f-0a1b2c3d4e5f");
    const old = "2026-01-01T00:00:00.000Z";
    applyLinkChanges(state, [
      { kind: "record", link: link(ninja(10, "A"), remote("w1", "A"), "serial", { goneAt: old, goneSide: "ninja" }) },
      { kind: "record", link: link(ninja(11, "B"), remote("w2", "B"), "serial", { goneAt: old, goneSide: "remote" }) },
      { kind: "record", link: link(ninja(12, "C"), remote("w3", "C"), "serial", { goneAt: "2026-02-28T00:00:00.000Z", goneSide: "ninja" }) },
    ]);
    for (const id of [10, 11, 12]) state.fieldWrites[`device:${id}:f`] = { key: `device:${id}:f`, scope: "device", entityId: id, field: "f", hash: "0123456789abcdef", writtenAt: old };
    expect(forgettable(state, NOW, 30)).toEqual({ links: [linkKey("acronis", 10), linkKey("acronis", 11)], fieldWrites: ["device:10:f"] });
    applyLinkChanges(state, [{ kind: "drop", key: "acronis:12" }]);
    expect(Object.keys(state.deviceLinks)).toEqual(["acronis:10", "acronis:11"]);
  });
});
