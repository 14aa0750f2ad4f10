import { describe, expect, it } from "vitest";
import { deviceLinks, deviceSummaryHtml, tenantLinks, tenantSummaryHtml, userSummaryHtml } from "../../../src/jobs/fields/plan/index.js";
import { contoso, intuneDevice, user } from "./tenant.js";

function rowsOf(html: string): number {
  return (html.match(/<tr><td>/g) ?? []).length;
}

describe("tenantLinks", () => {
  it("links every admin centre of the tenant, and CIPP only when its address is given", () => {
    expect(tenantLinks(contoso).map((l) => l.url)).toEqual([
      "https://admin.microsoft.com/?delegatedOrg=contoso.com",
      "https://admin.exchange.microsoft.com/?delegatedOrg=contoso.com",
      "https://entra.microsoft.com/0d7c6a1e-0000-4000-8000-000000000001",
      "https://intune.microsoft.com/0d7c6a1e-0000-4000-8000-000000000001",
      "https://contoso-admin.sharepoint.com/",
      "https://admin.teams.microsoft.com/?delegatedOrg=contoso.com",
      "https://security.microsoft.com/?tid=0d7c6a1e-0000-4000-8000-000000000001",
    ]);
    expect(tenantLinks(contoso, { cippUrl: "https://cipp.example.com/" }).slice(-2)).toEqual([
      { label: "Users in CIPP", url: "https://cipp.example.com/identity/administration/users?tenantFilter=contoso.com" },
      { label: "Devices in CIPP", url: "https://cipp.example.com/endpoint/reports/devices?tenantFilter=contoso.com" },
    ]);
  });

  it("leaves out the SharePoint link when the initial domain is unknown", () => {
    expect(tenantLinks({ ...contoso, initialDomainName: null }).map((l) => l.label)).not.toContain("SharePoint admin centre");
  });
});

describe("deviceLinks", () => {
  it("links the device in Intune and Entra by its ids", () => {
    expect(deviceLinks(contoso, intuneDevice()).map((l) => l.label)).toEqual(["Device in Intune", "Device in Entra", "Local admin passwords (LAPS) in Entra"]);
    expect(deviceLinks(contoso, intuneDevice())[0]?.url).toContain("/mdmDeviceId/a1b2c3d4-0000-4000-8000-000000000010");
  });

  it("has no Entra link for a device Entra does not know", () => {
    expect(deviceLinks(contoso, intuneDevice({ azureADDeviceId: null })).map((l) => l.label)).toEqual(["Device in Intune", "Local admin passwords (LAPS) in Entra"]);
  });

  it("links a Windows device to the tenant's LAPS passwords in Entra (CIPP#3006), and no other platform", () => {
    const laps = deviceLinks(contoso, intuneDevice()).find((l) => l.label.includes("LAPS"));
    expect(laps?.url).toBe(`https://entra.microsoft.com/${contoso.customerId}/#view/Microsoft_AAD_Devices/DevicesMenuBlade/~/LocalAdminPassword/menuId/Devices`);
    expect(deviceLinks(contoso, intuneDevice({ operatingSystem: "iOS" })).map((l) => l.label)).not.toContain("Local admin passwords (LAPS) in Entra");
  });
});

describe("userSummaryHtml", () => {
  const many = Array.from({ length: 130 }, (_, i) => user(`User ${String(i).padStart(3, "0")}`, i % 2 === 0 ? ["E3"] : []));

  it("shows the first 100 users by name and says how many there are", () => {
    const html = userSummaryHtml({ tenant: contoso, users: [...many].reverse(), cippUrl: "https://cipp.example.com" });
    expect(rowsOf(html)).toBe(100);
    expect(html).toContain("<p>130 users; the first 100 are shown. <a href=");
    expect(html.indexOf("User 000")).toBeLessThan(html.indexOf("User 001"));
    expect(html).not.toContain("User 100");
  });

  it("shows only licensed users with the licensed-only option", () => {
    const html = userSummaryHtml({ tenant: contoso, users: many, licensedOnly: true });
    expect(rowsOf(html)).toBe(65);
    expect(html).toContain("Microsoft 365 licensed users: Contoso Ltd");
    expect(html).not.toContain("User 001");
    expect(html).not.toContain("the first");
  });

  it("shows unlicensed users as having no licence and blocked sign-in as Blocked", () => {
    const html = userSummaryHtml({ tenant: contoso, users: [user("Ada", [], { accountEnabled: false })] });
    expect(html).toContain("<td>Ada</td><td>ada@contoso.com</td><td>None</td><td>Blocked</td>");
  });

  it("renders the same HTML whatever order the users arrive in", () => {
    const users = [user("bob"), user("Alice"), user("alice")];
    expect(userSummaryHtml({ tenant: contoso, users })).toBe(userSummaryHtml({ tenant: contoso, users: [...users].reverse() }));
  });
});

describe("tenantSummaryHtml", () => {
  it("counts users, guests, device states and licences", () => {
    const html = tenantSummaryHtml({
      tenant: contoso,
      users: [user("A"), user("B", []), user("Guest", [], { userType: "Guest" }), user("C", ["E3"], { accountEnabled: false })],
      devices: [intuneDevice(), intuneDevice({ complianceState: "noncompliant" }), intuneDevice({ complianceState: "compliant", operatingSystem: "iOS" })],
      licenses: [
        { name: "Microsoft 365 E3", used: 3, total: 5 },
        { name: "Free trial", used: 0, total: 0 },
      ],
    });
    expect(html).toContain("<tr><th>Total</th><td>4</td></tr><tr><th>Licensed</th><td>2</td></tr><tr><th>Unlicensed</th><td>2</td></tr><tr><th>Guests</th><td>1</td></tr><tr><th>Sign-in blocked</th><td>1</td></tr>");
    expect(html).toContain("<tr><td>Compliant</td><td>2</td></tr><tr><td>Noncompliant</td><td>1</td></tr>");
    expect(html).toContain("<tr><td>Windows</td><td>2</td></tr><tr><td>iOS</td><td>1</td></tr>");
    expect(html).toContain("<tr><td>Microsoft 365 E3</td><td>3</td><td>5</td><td>2</td></tr>");
    expect(html).not.toContain("Free trial");
  });
});

describe("deviceSummaryHtml", () => {
  it("shows the device's compliance, user, system and the day of its last check-in", () => {
    const html = deviceSummaryHtml({ device: intuneDevice({ complianceState: "noncompliant" }), complianceReasons: ["BitLocker off"] });
    expect(html).toContain("<tr><th>Compliance</th><td>Noncompliant: BitLocker off</td></tr>");
    expect(html).toContain("<tr><th>Operating system</th><td>Windows 10.0.22631.3007</td></tr>");
    expect(html).toContain("<tr><th>Last check-in</th><td>2026-01-05</td></tr>");
  });

  it("renders the same HTML after a later check-in on the same day, so the field is not rewritten", () => {
    const morning = deviceSummaryHtml({ device: intuneDevice({ lastSyncAt: new Date("2026-01-05T08:00:00Z") }) });
    const evening = deviceSummaryHtml({ device: intuneDevice({ lastSyncAt: new Date("2026-01-05T20:00:00Z") }) });
    expect(evening).toBe(morning);
  });

  it("leaves out facts Intune does not report", () => {
    const html = deviceSummaryHtml({ device: intuneDevice({ serialNumber: null, manufacturer: null, model: null }) });
    expect(html).not.toContain("Serial number");
    expect(html).not.toContain("Hardware");
  });
});
