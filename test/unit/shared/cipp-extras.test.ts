import { describe, expect, it } from "vitest";
import { storageText, userActivityFacts } from "../../../src/jobs/shared/cipp-extras.js";

const GB = 1024 ** 3;

describe("a user's activity facts", () => {
  it("rounds storage so a few kilobytes more read the same", () => {
    expect(storageText({ used: 12.5 * GB, total: 50 * GB })).toBe("13 GB of 50 GB (25%)");
    expect(storageText({ used: 12.5 * GB + 4096, total: 50 * GB })).toBe("13 GB of 50 GB (25%)");
    expect(storageText({ used: 0.25 * GB, total: null })).toBe("0.3 GB");
    expect(storageText(undefined)).toBe("None");
  });

  it("leaves out what was not read, and says Never and None for what was read and is empty", () => {
    const user = { id: "U1", userPrincipalName: "Ada@x.com" };
    expect(userActivityFacts(user, {}, undefined)).toEqual({});
    const devices = [{ deviceName: "WS-2", userPrincipalName: "ada@x.com" }, { deviceName: "WS-1", userPrincipalName: "ADA@X.COM" }, { deviceName: "Other", userPrincipalName: null }];
    expect(userActivityFacts(user, { signIns: new Map([["u1", null]]), mailbox: new Map(), oneDrive: new Map() }, devices)).toEqual({ lastSignIn: "Never", mailbox: "None", oneDrive: "None", devices: ["WS-1", "WS-2"] });
    expect(userActivityFacts(user, { signIns: new Map([["u1", new Date("2026-12-01T23:59:00Z")]]) }, [])).toEqual({ lastSignIn: "2026-12-01", devices: [] });
  });
});
