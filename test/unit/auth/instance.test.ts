import { describe, expect, it } from "vitest";
import { resolveNinjaInstance } from "../../../src/clients/ninjaone/instance.js";
import { ConfigError } from "../../../src/errors.js";

describe("resolveNinjaInstance", () => {
  it.each([
    ["eu", "https://eu.ninjarmm.com", "eu"],
    ["app", "https://app.ninjarmm.com", "app"],
    ["us", "https://app.ninjarmm.com", "app"],
    ["US2", "https://us2.ninjarmm.com", "us2"],
    ["oc", "https://oc.ninjarmm.com", "oc"],
    ["ca", "https://ca.ninjarmm.com", "ca"],
  ])("maps the shortcut %s to %s", (raw, baseUrl, label) => {
    expect(resolveNinjaInstance(raw)).toEqual({ baseUrl, label, sandbox: false });
  });

  it("accepts any host under ninjarmm.com, with or without a scheme, keeping only the origin", () => {
    expect(resolveNinjaInstance("acme.ninjarmm.com").baseUrl).toBe("https://acme.ninjarmm.com");
    expect(resolveNinjaInstance("https://eu.ninjarmm.com/ws/oauth/token").baseUrl).toBe("https://eu.ninjarmm.com");
  });

  it("accepts NinjaOne's instances under ninjaone.com, as a technician's login URL names them", () => {
    expect(resolveNinjaInstance("app.ninjaone.com")).toEqual({ baseUrl: "https://app.ninjaone.com", label: "app.ninjaone.com", sandbox: false });
    expect(resolveNinjaInstance("https://eu.ninjaone.com/#/dashboard").baseUrl).toBe("https://eu.ninjaone.com");
    expect(resolveNinjaInstance("OC.NinjaOne.com").baseUrl).toBe("https://oc.ninjaone.com");
  });

  it("accepts plain http only on loopback, for the sandbox", () => {
    expect(resolveNinjaInstance("http://127.0.0.1:4010")).toEqual({ baseUrl: "http://127.0.0.1:4010", label: "http://127.0.0.1:4010", sandbox: true });
    expect(() => resolveNinjaInstance("http://eu.ninjarmm.com")).toThrow(ConfigError);
  });

  it.each(["https://ninjarmm.com.evil.example", "https://evil.example.com", "api.ninjaone.com", "www.ninjaone.com", "ninjaone.com", "app.ninjaone.com.evil.example", "eu.ninjaone.co", "http://app.ninjaone.com", "not a host"])("refuses %s", (raw) => {
    expect(() => resolveNinjaInstance(raw)).toThrow(ConfigError);
  });
});
