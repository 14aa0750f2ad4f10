import { describe, expect, it } from "vitest";
import { complianceText } from "../../../src/jobs/fields/plan/index.js";

describe("complianceText", () => {
  it.each([
    ["compliant", "Compliant"],
    ["noncompliant", "Noncompliant"],
    ["inGracePeriod", "In grace period"],
    ["unknown", "Unknown"],
  ])("turns Intune state %s into %s", (state, text) => {
    expect(complianceText({ complianceState: state })).toBe(text);
  });

  it("names the reasons a device is noncompliant, once each", () => {
    expect(complianceText({ complianceState: "noncompliant", reasons: ["BitLocker off", " Firewall off ", "BitLocker off", ""] })).toBe(
      "Noncompliant: BitLocker off; Firewall off",
    );
  });

  it("says Not in Intune for a device no Intune device matched", () => {
    expect(complianceText(null)).toBe("Not in Intune");
  });

  it("reads states Intune cannot settle as Unknown and keeps the state it reported", () => {
    expect(complianceText({ complianceState: "configManager" })).toBe('Unknown (Intune reports "configManager")');
    expect(complianceText({ complianceState: null })).toBe("Unknown");
  });
});
