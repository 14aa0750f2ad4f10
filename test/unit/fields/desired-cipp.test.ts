import { describe, expect, it } from "vitest";
import type { IntuneDevice } from "../../../src/clients/cipp/devices.js";
import { cippReadsNeeded, desiredCippFields, type CippTenantData } from "../../../src/jobs/fields/plan/desired-cipp.js";
import { mapping, ninjaDevice } from "./builders.js";

const org = { id: 1, name: "Contoso" };
const tenant = { customerId: "0d7c6a1e-0000-4000-8000-000000000001", displayName: "Contoso <Ltd>", defaultDomainName: "contoso.com", initialDomainName: "contoso.onmicrosoft.com" };

function intune(deviceName: string, serialNumber: string, complianceState: string): IntuneDevice {
  return { id: `i-${deviceName}`, deviceName, serialNumber, complianceState, azureADDeviceId: null, operatingSystem: "Windows", osVersion: null, manufacturer: null, model: null, userPrincipalName: null, lastSyncAt: null };
}

function data(devices: IntuneDevice[]): CippTenantData {
  return { org, tenant, users: [{ id: "u1", displayName: "Ada <b>Li</b>", userPrincipalName: "ada@contoso.com", licenses: ["E3"], accountEnabled: true, userType: "Member" }], licenses: [{ name: "E3", used: 1, total: 5 }], devices, extras: { signIns: new Map(), mailbox: new Map(), oneDrive: new Map(), groups: new Map(), policies: new Map() } };
}

const ninja = [ninjaDevice(101, 1, "WS-01", "SER-1"), ninjaDevice(102, 1, "SRV-01"), ninjaDevice(201, 2, "OTHER")];
const compliance = mapping("cipp.device-compliance", "compliance", "TEXT");

describe("desiredCippFields", () => {
  it("writes compliance to the device Intune matches by serial, and Not in Intune to the organization's other devices", () => {
    const { desired } = desiredCippFields([data([intune("renamed", "SER-1", "inGracePeriod")])], ninja, [compliance], { licensedUsersOnly: false });
    expect(desired.map((d) => [d.entityId, d.fields["compliance"]])).toEqual([
      [101, "In grace period"],
      [102, "Not in Intune"],
    ]);
  });

  it("writes the tenant summary on the organization as WYSIWYG html with tenant data escaped", () => {
    const summary = mapping("cipp.tenant-summary", "m365", "WYSIWYG", ["ORGANIZATION"]);
    const { desired } = desiredCippFields([data([])], ninja, [summary], { licensedUsersOnly: false });
    expect(desired).toHaveLength(1);
    expect(desired[0]).toMatchObject({ scope: "organization", entityId: 1 });
    const html = (desired[0]?.fields["m365"] as { html: string }).html;
    expect(html).toContain("Contoso &lt;Ltd&gt;");
    expect(html).not.toContain("<Ltd>");
  });

  it("lists only licensed users in the user summary when the settings say so", () => {
    const users = mapping("cipp.user-summary", "users", "WYSIWYG", ["ORGANIZATION"]);
    const tenantData = { ...data([]), users: [...data([]).users, { id: "u2", displayName: "Unlicensed Bob", userPrincipalName: "bob@contoso.com", licenses: [], accountEnabled: true, userType: "Member" }] };
    const all = (desiredCippFields([tenantData], ninja, [users], { licensedUsersOnly: false }).desired[0]?.fields["users"] as { html: string }).html;
    const licensed = (desiredCippFields([tenantData], ninja, [users], { licensedUsersOnly: true }).desired[0]?.fields["users"] as { html: string }).html;
    expect(all).toContain("Unlicensed Bob");
    expect(licensed).not.toContain("Unlicensed Bob");
    expect(licensed).toContain("Ada &lt;b&gt;Li&lt;/b&gt;");
  });

  it("reports an Intune device that matches no NinjaOne device of the organization", () => {
    const { problems } = desiredCippFields([data([intune("OTHER", "NOPE-9", "compliant")])], ninja, [compliance], { licensedUsersOnly: false });
    expect(problems).toMatchObject([{ service: "cipp", kind: "unmatched", subject: 'Intune device "OTHER" of contoso.com' }]);
  });

  it("asks CIPP only for what the mapped sources use", () => {
    expect(cippReadsNeeded([compliance])).toEqual({ users: false, licenses: false, devices: true, extras: [] });
    expect(cippReadsNeeded([mapping("cipp.tenant-links", "links", "WYSIWYG", ["ORGANIZATION"])])).toEqual({ users: false, licenses: false, devices: false, extras: [] });
    expect(cippReadsNeeded([mapping("cipp.tenant-summary", "m365", "WYSIWYG", ["ORGANIZATION"])])).toEqual({ users: true, licenses: true, devices: true, extras: [] });
    expect(cippReadsNeeded([mapping("cipp.user-summary", "users", "WYSIWYG", ["ORGANIZATION"])])).toEqual({ users: true, licenses: true, devices: true, extras: ["signIns", "mailbox", "oneDrive"] });
    expect(cippReadsNeeded([mapping("cipp.device-summary", "summary", "WYSIWYG")]).extras).toEqual(["groups", "policies"]);
  });

  it("shows each user's last sign-in, mailbox, OneDrive and devices in the user summary", () => {
    const users = mapping("cipp.user-summary", "users", "WYSIWYG", ["ORGANIZATION"]);
    const d = { ...data([{ ...intune("WS-01", "SER-1", "compliant"), userPrincipalName: "ADA@contoso.com" }]) };
    d.extras = { signIns: new Map([["u1", new Date("2026-11-30T08:00:00Z")]]), mailbox: new Map([["ada@contoso.com", { used: 5 * 1024 ** 3, total: 50 * 1024 ** 3 }]]), oneDrive: new Map() };
    const html = (desiredCippFields([d], ninja, [users], { licensedUsersOnly: false }).desired[0]?.fields["users"] as { html: string }).html;
    expect(html).toContain("<td>2026-11-30</td><td>5.0 GB of 50 GB (10%)</td><td>None</td><td>WS-01</td>");
  });

  it("leaves the user summary unwritten when one of its reads failed, and the device summary when groups or policies failed", () => {
    const users = mapping("cipp.user-summary", "users", "WYSIWYG", ["ORGANIZATION"]);
    const summary = mapping("cipp.device-summary", "summary", "WYSIWYG");
    const d = { ...data([intune("WS-01", "SER-1", "compliant")]), extras: { signIns: new Map(), oneDrive: new Map(), groups: new Map() } };
    const { desired } = desiredCippFields([d], ninja, [users, summary], { licensedUsersOnly: false });
    expect(desired.map((e) => [e.entityId, Object.keys(e.fields)])).toEqual([
      [1, []],
      [101, []],
    ]);
  });

  it("shows the device's groups and compliance policies in the device summary", () => {
    const summary = mapping("cipp.device-summary", "summary", "WYSIWYG");
    const d = { ...data([{ ...intune("WS-01", "SER-1", "compliant"), azureADDeviceId: "E-1" }]) };
    d.extras = { groups: new Map([["e-1", ["Windows devices"]]]), policies: new Map([["ws-01", [{ policy: "Baseline", status: "noncompliant" }]]]) };
    const html = (desiredCippFields([d], ninja, [summary], { licensedUsersOnly: false }).desired[0]?.fields["summary"] as { html: string }).html;
    expect(html).toContain("<h3>Compliance policies</h3>");
    expect(html).toContain("<td>Baseline</td><td>noncompliant</td>");
    expect(html).toContain("<li>Windows devices</li>");
  });

  it("leaves excluded licences out of the tenant summary's unused count", () => {
    const summary = mapping("cipp.tenant-summary", "m365", "WYSIWYG", ["ORGANIZATION"]);
    const d = { ...data([]), licenses: [{ name: "E3", used: 1, total: 5 }, { name: "Power Automate Free", used: 2, total: 10000, skuId: "F-1" }] };
    const html = (opts: string[]) => (desiredCippFields([d], ninja, [summary], { licensedUsersOnly: false, unusedLicenceExclusions: opts }).desired[0]?.fields["m365"] as { html: string }).html;
    expect(html([])).toContain("<th>Unused licences</th><td>10002</td>");
    expect(html(["f-1"])).toContain("<th>Unused licences</th><td>4</td>");
    expect(html(["power automate FREE"])).toContain("<td>Power Automate Free</td><td>2</td><td>10000</td><td>Not counted</td>");
  });
});
