import { describe, expect, it } from "vitest";
import { ProfileConfig, type ConfigBackend } from "../../../src/config/profile-config.js";
import { assertSettingKey, parseSetting, settingEnvName } from "../../../src/config/settings.js";
import { ConfigError } from "../../../src/errors.js";

function memoryBackend(store: Record<string, unknown> = {}): ConfigBackend {
  return { path: "/mem/config.json", store };
}

describe("settings", () => {
  it("name their environment variables NINJA_BRIDGE_<SERVICE>_<SETTING>", () => {
    expect(settingEnvName("ninjaone.clientId")).toBe("NINJA_BRIDGE_NINJAONE_CLIENT_ID");
    expect(settingEnvName("cipp.tenantId")).toBe("NINJA_BRIDGE_CIPP_TENANT_ID");
    expect(settingEnvName("http.timeoutSeconds")).toBe("NINJA_BRIDGE_HTTP_TIMEOUT_SECONDS");
  });

  it("parse numbers and URLs from strings and trim a trailing slash", () => {
    expect(parseSetting("ninjaone.rateLimit", "2.5", "test")).toBe(2.5);
    expect(parseSetting("acronis.url", "https://eu2-cloud.acronis.com/", "test")).toBe("https://eu2-cloud.acronis.com");
  });

  it("take sync.deadline as a duration only (a fixed time would pass once and stay passed)", () => {
    expect(parseSetting("sync.deadline", "45m", "test")).toBe("45m");
    expect(settingEnvName("sync.deadline")).toBe("NINJA_BRIDGE_SYNC_DEADLINE");
    for (const bad of ["45", "0m", "2025-06-01T02:00:00Z"]) expect(() => parseSetting("sync.deadline", bad, "test")).toThrow(/must be a duration/);
  });

  it("take sync.maxDuration as a duration only, with no default (no window unless asked for)", async () => {
    expect(parseSetting("sync.maxDuration", "14m", "test")).toBe("14m");
    expect(settingEnvName("sync.maxDuration")).toBe("NINJA_BRIDGE_SYNC_MAX_DURATION");
    for (const bad of ["14", "0s", "2025-06-01T02:00:00Z"]) expect(() => parseSetting("sync.maxDuration", bad, "test")).toThrow(/must be a duration/);
    expect((await ProfileConfig.open("default", { backend: memoryBackend() })).resolve("sync.maxDuration", {})).toBeUndefined();
  });

  it("accept plain http only for a loopback sandbox", () => {
    expect(parseSetting("cipp.url", "http://127.0.0.1:4012", "test")).toBe("http://127.0.0.1:4012");
    expect(() => parseSetting("cipp.url", "http://cipp.example.com", "test")).toThrow(/must use https/);
  });

  it("refuse secrets with a pointer to where secrets go", () => {
    expect(() => assertSettingKey("acronis.client_secret")).toThrow(ConfigError);
    expect(() => assertSettingKey("acronis.client_secret")).toThrow(/never kept in the profile config/);
  });
});

describe("a profile's config", () => {
  it("resolves flag over environment over profile over default", async () => {
    const config = await ProfileConfig.open("default", {
      backend: memoryBackend({ profiles: { default: { "ninjaone.instance": "eu" } } }),
    });
    const env = { NINJA_BRIDGE_NINJAONE_INSTANCE: "us2" };
    expect(config.resolve("ninjaone.instance", env, "ca")).toMatchObject({ value: "ca", source: "flag" });
    expect(config.resolve("ninjaone.instance", env)).toMatchObject({ value: "us2", source: "env" });
    expect(config.resolve("ninjaone.instance", {})).toMatchObject({ value: "eu", source: "profile" });
    expect(config.resolve("ninjaone.rateLimit", {})).toMatchObject({ value: 5, source: "default" });
    expect(config.resolve("acronis.url", {})).toBeUndefined();
  });

  it("treats an empty environment variable as unset", async () => {
    const config = await ProfileConfig.open("default", { backend: memoryBackend() });
    expect(config.resolve("ninjaone.scopes", { NINJA_BRIDGE_NINJAONE_SCOPES: "" })).toMatchObject({ source: "default" });
  });

  it("names the variable when the environment holds a bad value", async () => {
    const config = await ProfileConfig.open("default", { backend: memoryBackend() });
    expect(() => config.resolve("ninjaone.rateLimit", { NINJA_BRIDGE_NINJAONE_RATE_LIMIT: "-1" })).toThrow(
      /NINJA_BRIDGE_NINJAONE_RATE_LIMIT/,
    );
  });

  it("writes only its own profile", async () => {
    const backend = memoryBackend({ profiles: { other: { "ninjaone.instance": "eu" } } });
    const config = await ProfileConfig.open("acme", { backend });
    config.set("ninjaone.instance", "oc");
    expect(backend.store).toEqual({
      profiles: { other: { "ninjaone.instance": "eu" }, acme: { "ninjaone.instance": "oc" } },
      jobs: {},
    });
  });

  it("keeps each job's structured settings per profile", async () => {
    const backend = memoryBackend({ jobs: { other: { tickets: { reopenDays: 3 } } } });
    const config = await ProfileConfig.open("acme", { backend });
    expect(config.jobSettings("tickets")).toBeUndefined();
    config.setJobSettings("tickets", { reopenDays: 7 });
    expect(config.jobSettings("tickets")).toEqual({ reopenDays: 7 });
    expect((await ProfileConfig.open("other", { backend })).jobSettings("tickets")).toEqual({ reopenDays: 3 });
  });

  it("refuses a config file of the wrong shape, naming the field", async () => {
    await expect(
      ProfileConfig.open("default", { backend: memoryBackend({ profiles: { default: { x: { nested: true } } } }) }),
    ).rejects.toThrow(/profiles\.default\.x/);
  });
});
