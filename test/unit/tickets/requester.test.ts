import { describe, expect, it } from "vitest";
import type { NinjaUser } from "../../../src/clients/ninjaone/users.js";
import { ConfigError } from "../../../src/errors.js";
import { applyConfigFlags, describeSettings } from "../../../src/jobs/tickets/settings.js";
import { requesterFrom, requesterMissing, signedInUser } from "../../../src/jobs/tickets/plan/requester.js";
import { DEFAULT_TICKET_SETTINGS } from "../../../src/jobs/tickets/plan/index.js";

const SAM: NinjaUser = { id: 1, uid: "5b0f8a52-3c1e-4d7a-9a61-2f4e8c0d9b13", email: "Sam@Example.com", name: "Sam", userType: "TECHNICIAN", enabled: true };
const ALEX: NinjaUser = { id: 2, uid: "8e2d41c7-6a9b-4f35-b1d8-0c7e5a3f9d24", email: "alex@example.com", name: "Alex", userType: "TECHNICIAN", enabled: false };
const EVE: NinjaUser = { id: 3, uid: "c41a7e90-2b5d-4c86-9f13-7d0e8b6a2c55", email: "eve@example.com", name: "Eve", userType: "END_USER", enabled: true };

function configErrorOf(run: () => unknown): ConfigError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error("expected a config error, got none");
}

describe("requesterFrom", () => {
  it("finds a user by e-mail in any case, or by uid", () => {
    expect(requesterFrom([SAM, EVE], " sam@example.COM ")).toEqual({ uid: SAM.uid, email: SAM.email });
    expect(requesterFrom([SAM, EVE], EVE.uid.toUpperCase())).toEqual({ uid: EVE.uid, email: EVE.email });
  });

  it("refuses an unknown, an ambiguous and a disabled user", () => {
    expect(configErrorOf(() => requesterFrom([SAM], "nobody@example.com")).message).toContain("is not a NinjaOne user");
    expect(configErrorOf(() => requesterFrom([SAM, { ...EVE, email: SAM.email }], SAM.email)).message).toContain("names 2 NinjaOne users");
    expect(configErrorOf(() => requesterFrom([ALEX], ALEX.uid)).message).toContain("disabled");
  });
});

describe("signedInUser", () => {
  it("is the only enabled technician of a tenant signed in to with a user token", () => {
    expect(signedInUser("authorization-code", [SAM, ALEX, EVE])).toBe(SAM);
  });

  it("cannot be told with two enabled technicians, nor for a client-credentials token", () => {
    expect(signedInUser("authorization-code", [SAM, { ...ALEX, enabled: true }])).toBeUndefined();
    expect(signedInUser("client-credentials", [SAM])).toBeUndefined();
  });

  it("is explained with the flag that sets the requester when missing", () => {
    expect(requesterMissing("authorization-code").hint).toContain("tickets config --requester");
    expect(requesterMissing("client-credentials").message).toContain("acts for no user");
  });
});

describe("--requester", () => {
  it("stores the user looked up, and 'default' goes back to the signed-in user", () => {
    const set = applyConfigFlags(DEFAULT_TICKET_SETTINGS, { requester: SAM.email }, { uid: SAM.uid, email: SAM.email });
    expect(set.requester).toEqual({ uid: SAM.uid, email: SAM.email });
    expect(describeSettings(set).join("\n")).toContain(`requester:          ${SAM.email} (${SAM.uid})`);
    expect(applyConfigFlags(set, { requester: "Default" }).requester).toBeUndefined();
    expect(applyConfigFlags(set, {}).requester).toEqual(set.requester);
  });
});
