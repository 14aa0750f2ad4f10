import { describe, expect, it } from "vitest";
import { browserCommand } from "../../../src/auth/browser.js";
import { profilesSharingNinjaConnection } from "../../../src/auth/duplicate-connections.js";
import { isFailedTenantList } from "../../../src/auth/probes-cipp.js";
import { reportOf, runCheck, tokenFacts } from "../../../src/auth/service-report.js";
import { problemLines, statusRows } from "../../../src/auth/status-table.js";
import { isAcronisHost } from "../../../src/cli/commands/auth/login-acronis.js";
import { ConfigError } from "../../../src/errors.js";

describe("profilesSharingNinjaConnection", () => {
  const profiles = {
    a: { "ninjaone.instance": "eu", "ninjaone.clientId": "c1" },
    b: { "ninjaone.instance": "https://eu.ninjarmm.com", "ninjaone.clientId": "c1" },
    c: { "ninjaone.instance": "us2", "ninjaone.clientId": "c1" },
    d: { "ninjaone.instance": "eu", "ninjaone.clientId": "c2" },
    e: { "ninjaone.instance": "not a host" },
  };

  it("finds other profiles on the same instance with the same client id, however the instance is written", () => {
    expect(profilesSharingNinjaConnection(profiles, { profile: "a", baseUrl: "https://eu.ninjarmm.com", clientId: "c1" })).toEqual(["b"]);
  });

  it("finds nothing for a connection no other profile uses", () => {
    expect(profilesSharingNinjaConnection(profiles, { profile: "x", baseUrl: "https://ca.ninjarmm.com", clientId: "c1" })).toEqual([]);
  });
});

describe("isFailedTenantList", () => {
  it("recognises CIPP's single placeholder row for a failed tenant list", () => {
    expect(isFailedTenantList([{ customerId: "", displayName: "Failed to retrieve tenants. Perform a permission check." }])).toBe(true);
  });

  it("accepts a real list, and an empty one", () => {
    expect(isFailedTenantList([{ customerId: "9c1e", displayName: "Contoso" }])).toBe(false);
    expect(isFailedTenantList([])).toBe(false);
  });
});

describe("auth status report", () => {
  it("turns a thrown error into a failed check carrying the error's hint as the fix", async () => {
    const check = await runCheck("tenants", () => Promise.reject(new ConfigError("broken", { hint: "do this" })));
    expect(check).toEqual({ name: "tenants", ok: false, severity: "error", detail: "broken", fix: "do this" });
  });

  it("fails a service on a failed error check but not on a failed warning", () => {
    expect(reportOf({ service: "ninjaone", configured: true, checks: [{ name: "write scope", ok: false, severity: "warning" }] }).ok).toBe(true);
    expect(reportOf({ service: "ninjaone", configured: true, checks: [{ name: "token", ok: false, severity: "error" }] }).ok).toBe(false);
  });

  it("prints ✓, ! and ✗ per check, and 'not configured' for a service without settings", () => {
    const reports = [
      reportOf({
        service: "ninjaone",
        configured: true,
        instance: "eu",
        authMethod: "client-credentials",
        expiresAt: "2026-01-01T00:00:00.000Z",
        checks: [
          { name: "token", ok: true, severity: "error" },
          { name: "write scope", ok: false, severity: "warning", detail: "no management", fix: "grant it" },
        ],
      }),
      reportOf({ service: "cipp", configured: true, instance: "cipp.example", checks: [{ name: "token", ok: false, severity: "error", detail: "refused" }] }),
      reportOf({ service: "acronis", configured: false, checks: [] }),
    ];
    expect(statusRows(reports)).toEqual([
      ["ninjaone", "eu", "client-credentials", "2026-01-01T00:00:00.000Z", "✓ token  ! write scope"],
      ["cipp", "cipp.example", "-", "-", "✗ token"],
      ["acronis", "-", "-", "-", "not configured"],
    ]);
    expect(problemLines(reports)).toEqual([
      { severity: "warning", text: "ninjaone write scope: no management", fix: "grant it" },
      { severity: "error", text: "cipp token: refused" },
    ]);
  });

  it("shows a reused token's recorded expiry as reused, and a token without a stated lifetime as such", () => {
    const info = { expiresAt: Date.UTC(2026, 0, 1), cached: true };
    expect(tokenFacts(info)).toEqual({ expiresAt: "2026-01-01T00:00:00.000Z", tokenReused: true });
    expect(tokenFacts({ ...info, cached: false, expiryStated: false })).toEqual({ expiryStated: false, tokenReused: false });
    const rows = statusRows([
      reportOf({ service: "acronis", configured: true, instance: "eu2", ...tokenFacts(info), checks: [{ name: "token", ok: true, severity: "error" }] }),
      reportOf({ service: "cipp", configured: true, instance: "cipp", ...tokenFacts({ ...info, expiryStated: false }), checks: [{ name: "token", ok: true, severity: "error" }] }),
    ]);
    expect(rows.map((r) => r[3])).toEqual(["2026-01-01T00:00:00.000Z (reused)", "not stated"]);
  });
});

describe("browserCommand", () => {
  it("uses open on macOS, xdg-open on Linux, and hands Windows the URL as one argument", () => {
    const url = "https://eu.ninjarmm.com/ws/oauth/authorize?a=1&b=2";
    expect(browserCommand("darwin", url)).toEqual({ command: "open", args: [url] });
    expect(browserCommand("linux", url)).toEqual({ command: "xdg-open", args: [url] });
    expect(browserCommand("win32", url).args.at(-1)).toBe(url);
  });
});

describe("isAcronisHost", () => {
  it("knows Acronis' own domains and the loopback sandbox", () => {
    expect(isAcronisHost("https://eu2-cloud.acronis.com")).toBe(true);
    expect(isAcronisHost("https://eu8.acronis.cloud")).toBe(true);
    expect(isAcronisHost("http://127.0.0.1:4011")).toBe(true);
    expect(isAcronisHost("https://backup.msp.example")).toBe(false);
  });
});
