import { describe, expect, it } from "vitest";
import { makeHarness } from "./harness.js";

type Definition = { name: string; type: string; definitionScope: string[]; apiPermission: string };

describe("NinjaOne sandbox custom fields", () => {
  it("lists definitions filtered by the scopes parameter", async () => {
    const h = makeHarness();
    const token = await h.m2mToken();
    const org = (await h.call("GET", "/v2/device-custom-fields", { token, query: { scopes: "organization" } })).body as Definition[];
    expect(org.length).toBeGreaterThan(0);
    expect(org.filter((d) => !d.definitionScope.includes("ORGANIZATION"))).toEqual([]);
    const all = (await h.call("GET", "/v2/device-custom-fields", { token, query: { scopes: "all" } })).body as Definition[];
    expect(all.length).toBeGreaterThan(org.length);
    expect((await h.call("GET", "/v2/device-custom-fields", { token, query: { scopes: "devices" } })).status).toBe(400);
  });

  it("seeds writable Text, Date/Time and WYSIWYG fields at both scopes and misfits", async () => {
    const h = makeHarness();
    const token = await h.m2mToken();
    const defs = (await h.call("GET", "/v2/device-custom-fields", { token })).body as Definition[];
    for (const scope of ["NODE", "ORGANIZATION"]) {
      for (const type of ["TEXT", "DATE_TIME", "WYSIWYG"]) {
        expect(defs.some((d) => d.type === type && d.definitionScope.includes(scope) && d.apiPermission === "READ_WRITE"), `${type} ${scope}`).toBe(true);
      }
    }
    expect(defs.map((d) => d.apiPermission)).toEqual(expect.arrayContaining(["READ_ONLY", "NONE"]));
  });

  it("writes device values by field name with 204 and reads them back", async () => {
    const h = makeHarness();
    const token = await h.m2mToken();
    const write = await h.call("PATCH", "/v2/device/101/custom-fields", {
      token,
      json: { acronisProtectionStatus: "Protected", acronisLastBackup: 1717372800000, acronisBackupDetails: { html: "<p>ok</p>" } },
    });
    expect(write.status).toBe(204);
    const read = await h.call("GET", "/v2/device/101/custom-fields", { token });
    expect(read.body).toMatchObject({ acronisProtectionStatus: "Protected", acronisLastBackup: 1717372800000, acronisBackupDetails: { html: "<p>ok</p>" } });
    const written = (await h.control("GET", "/field-values"))?.body as { writes: { field: string }[] };
    expect(written.writes.map((w) => w.field)).toEqual(["acronisProtectionStatus", "acronisLastBackup", "acronisBackupDetails"]);
  });

  it("refuses a DATE value with fractional milliseconds with INVALID_ATTRIBUTE_VALUE", async () => {
    const h = makeHarness();
    const token = await h.m2mToken();
    const res = await h.call("PATCH", "/v2/organization/1/custom-fields", { token, json: { acronisLastSync: 1717372800000.5 } });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ resultCode: "FAILURE", errorMessage: "INVALID_ATTRIBUTE_VALUE" });
  });

  it("refuses a date sent as an ISO string and a WYSIWYG value sent as a bare string", async () => {
    const h = makeHarness();
    const token = await h.m2mToken();
    for (const json of [{ m365LastSync: "2024-06-03T00:00:00Z" }, { m365TenantSummary: "<p>12 users</p>" }]) {
      const res = await h.call("PATCH", "/v2/organization/1/custom-fields", { token, json });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ errorMessage: "INVALID_ATTRIBUTE_VALUE" });
    }
  });

  it("refuses a write to a field without API write permission and changes nothing", async () => {
    const h = makeHarness();
    const token = await h.m2mToken();
    const res = await h.call("PATCH", "/v2/device/101/custom-fields", {
      token,
      json: { acronisProtectionStatus: "Protected", legacyBackupStatus: "OK" },
    });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ resultCode: "FAILURE" });
    const read = (await h.call("GET", "/v2/device/101/custom-fields", { token })).body as Record<string, unknown>;
    expect(read).not.toHaveProperty("acronisProtectionStatus");
    expect(read.legacyBackupStatus).toBe("Unknown");
  });

  it("refuses a key that is a label rather than a field name", async () => {
    const h = makeHarness();
    const token = await h.m2mToken();
    const res = await h.call("PATCH", "/v2/device/101/custom-fields", { token, json: { "Acronis protection status": "Protected" } });
    expect(res.status).toBe(400);
  });

  it("refuses an organization-only field on a device", async () => {
    const h = makeHarness();
    const token = await h.m2mToken();
    const res = await h.call("PATCH", "/v2/device/101/custom-fields", { token, json: { m365LicensedUsers: "12" } });
    expect(res.status).toBe(400);
  });

  it("ignores null and empty-string values without error, as the real API was seen to", async () => {
    const h = makeHarness();
    const token = await h.m2mToken();
    await h.call("PATCH", "/v2/organization/1/custom-fields", { token, json: { m365LicensedUsers: "12" } });
    const res = await h.call("PATCH", "/v2/organization/1/custom-fields", { token, json: { m365LicensedUsers: "" } });
    expect(res.status).toBe(204);
    expect((await h.call("GET", "/v2/organization/1/custom-fields", { token })).body).toMatchObject({ m365LicensedUsers: "12" });
  });

  it("shows an organization value on its devices only with withInheritance=true", async () => {
    const h = makeHarness();
    const token = await h.m2mToken();
    await h.call("PATCH", "/v2/organization/1/custom-fields", { token, json: { backupContact: "ops@contoso.com" } });
    const plain = (await h.call("GET", "/v2/device/102/custom-fields", { token })).body;
    const inherited = (await h.call("GET", "/v2/device/102/custom-fields", { token, query: { withInheritance: "true" } })).body;
    expect(plain).not.toHaveProperty("backupContact");
    expect(inherited).toMatchObject({ backupContact: "ops@contoso.com" });
  });

  it("accepts dropdown option ids but not option names", async () => {
    const h = makeHarness();
    const token = await h.m2mToken();
    const ok = await h.call("PATCH", "/v2/device/101/custom-fields", { token, json: { backupTier: "9e8d7c6b-5a4f-4e3d-a2c1-b0a9f8e7d673" } });
    expect(ok.status).toBe(204);
    const bad = await h.call("PATCH", "/v2/device/101/custom-fields", { token, json: { backupTier: "Gold" } });
    expect(bad.status).toBe(400);
  });
});
