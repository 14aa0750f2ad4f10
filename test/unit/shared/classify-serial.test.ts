import { describe, expect, it } from "vitest";
import { classifySerial } from "../../../src/jobs/shared/devices/classify-serial.js";
import { hostnameKey } from "../../../src/jobs/shared/devices/hostname-key.js";

describe("classifySerial", () => {
  it.each(["0", "SystemSerialNumber", "To Be Filled By O.E.M.", "System Serial Number", "0123456789", "123456789", "............"])(
    "rejects CIPP's placeholder %j as junk",
    (value) => {
      expect(classifySerial(value).kind).toBe("junk");
    },
  );

  it.each(["Default string", "DEFAULT STRING", "Not Specified", "None", "N/A", "n/a", "INVALID", "To be filled by O.E.M", "Chassis Serial Number"])(
    "rejects the BIOS default %j as junk whatever its case and punctuation",
    (value) => {
      expect(classifySerial(value).kind).toBe("junk");
    },
  );

  it.each(["0000000000", "00000000-0000-0000-0000-000000000000", "XXXXXXXX", "1111 1111"])("rejects %j as one character repeated", (value) => {
    expect(classifySerial(value)).toEqual({ kind: "junk", reason: "one character repeated" });
  });

  it.each([
    ["VMware-42 1a 2b 3c 4d 5e 6f 70-81 92 a3 b4 c5 d6 e7 f8", "VMware"],
    ["1234-5678-9012-3456-7890-1234-56", "Hyper-V"],
    ["Parallels-5C 1D 2E 3F", "Parallels"],
    ["VirtualBox-0b1c2d3e", "VirtualBox"],
    ["GoogleCloud-8A1B2C3D4E", "Google Cloud"],
    ["ec2e1916-9099-7caf-fd21-012345abcdef", "Amazon EC2"],
  ])("reports %j as a virtual machine serial (%s), apart from junk", (value, vendor) => {
    const result = classifySerial(value);
    expect(result.kind).toBe("virtual");
    expect(result.kind === "virtual" && result.reason).toContain(vendor);
  });

  it("calls a missing or blank serial empty, not junk", () => {
    expect(classifySerial(undefined)).toEqual({ kind: "empty" });
    expect(classifySerial(null)).toEqual({ kind: "empty" });
    expect(classifySerial("   ")).toEqual({ kind: "empty" });
  });

  it("rejects stubs shorter than four characters", () => {
    expect(classifySerial("A1").kind).toBe("junk");
  });

  it("accepts a real serial in a comparable form: no whitespace, upper case", () => {
    expect(classifySerial(" czc 1234abc ")).toEqual({ kind: "usable", serial: "CZC1234ABC" });
    expect(classifySerial("C02XK0AAJG5H")).toEqual({ kind: "usable", serial: "C02XK0AAJG5H" });
  });
});

describe("hostnameKey", () => {
  it("compares names case-insensitively without their DNS suffix", () => {
    expect(hostnameKey("pc01.contoso.local")).toBe("pc01");
    expect(hostnameKey("PC01")).toBe("pc01");
  });

  it("gives no key for a blank name or an IP address", () => {
    expect(hostnameKey("")).toBeUndefined();
    expect(hostnameKey(undefined)).toBeUndefined();
    expect(hostnameKey("10.0.0.5")).toBeUndefined();
    expect(hostnameKey("fe80::1")).toBeUndefined();
  });
});
