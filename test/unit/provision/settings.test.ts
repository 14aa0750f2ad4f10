import { describe, expect, it } from "vitest";
import { ConfigError, UsageError } from "../../../src/errors.js";
import { applyFlags, parseProvisionSettings } from "../../../src/jobs/shared/acronis-customers/settings.js";

describe("provision settings", () => {
  it("fills the vendor's defaults into an empty document", () => {
    expect(parseProvisionSettings(undefined, "default")).toEqual({
      mode: "production",
      mfa: false,
      autoProvision: false,
      edition: "*",
      offeringItems: [],
      deprovision: { disable: false, deleteAfterDays: null, maxPerRun: 5 },
    });
  });

  it("names the field of a bad stored document", () => {
    expect(() => parseProvisionSettings({ deprovision: { deleteAfterDays: -3 } }, "acme")).toThrow(ConfigError);
    expect(() => parseProvisionSettings({ deprovision: { deleteAfterDays: -3 } }, "acme")).toThrow(/profile "acme" are invalid at deprovision\.deleteAfterDays/);
    expect(() => parseProvisionSettings({ adminEmail: "nobody" }, "acme")).toThrow(/at adminEmail/);
    expect(() => parseProvisionSettings({ edition: "per workload" }, "acme")).toThrow(/at edition: must be \* or one edition name/);
  });

  it("changes only what the flags name", () => {
    const current = parseProvisionSettings({ adminEmail: "a@msp.example", mfa: true }, "default");
    expect(applyFlags(current, { mode: "trial", deleteAfterDays: "30", offeringItems: "workstations, storage" })).toEqual({
      ...current,
      mode: "trial",
      offeringItems: ["workstations", "storage"],
      deprovision: { ...current.deprovision, deleteAfterDays: 30 },
    });
    expect(applyFlags(current, { deleteAfterDays: "off", offeringItems: "all" })).toMatchObject({ offeringItems: [], deprovision: { deleteAfterDays: null } });
  });

  it("refuses a flag value that is not a whole number of days", () => {
    const current = parseProvisionSettings({}, "default");
    expect(() => applyFlags(current, { deleteAfterDays: "soon" })).toThrow(UsageError);
  });
});
