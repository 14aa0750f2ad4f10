import { describe, expect, it } from "vitest";
import { markActivationSending, markStep, startRecord } from "../../../src/jobs/provision/records.js";
import { StateDocumentSchema } from "../../../src/state/schema.js";
import { AT, doc } from "./builders.js";

describe("provisioning records", () => {
  const fresh = { org: { id: 5, name: "Alpine" }, tenant: { id: "t-5", name: "Alpine" }, mode: "trial" as const, adminEmail: "a@msp.example", mfa: false };

  it("turns active when the map step lands, and every state it passes through is a valid document", () => {
    const state = doc((d) => {
      startRecord(d, fresh, AT);
      expect(StateDocumentSchema.safeParse(d).success).toBe(true);
      markStep(d, 5, "user", AT, { userId: "u-1", userLogin: "a@msp.example" });
      expect(d.provisioning["5"]?.status).toBe("provisioning");
      markStep(d, 5, "map", AT);
    });
    expect(state.provisioning["5"]).toMatchObject({ status: "active", userId: "u-1", steps: { tenant: AT, user: AT, map: AT } });
    expect(StateDocumentSchema.safeParse(state).success).toBe(true);
  });

  it("notes that the activation e-mail is being asked for, in a valid document", () => {
    const state = doc((d) => {
      startRecord(d, fresh, AT);
      markActivationSending(d, 5, AT);
    });
    expect(state.provisioning["5"]).toMatchObject({ activationSendingAt: AT, status: "provisioning" });
    expect(StateDocumentSchema.safeParse(state).success).toBe(true);
  });
});
