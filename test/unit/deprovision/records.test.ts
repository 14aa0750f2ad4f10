import { describe, expect, it } from "vitest";
import { markDisabled, markReenabled } from "../../../src/jobs/deprovision/records.js";
import { startRecord } from "../../../src/jobs/provision/records.js";
import { StateDocumentSchema } from "../../../src/state/schema.js";
import { AT, doc } from "../provision/builders.js";

describe("deprovisioning records", () => {
  const fresh = { org: { id: 5, name: "Alpine" }, tenant: { id: "t-5", name: "Alpine" }, mode: "trial" as const, adminEmail: "a@msp.example", mfa: false };

  it("keeps a provisioned record's history when it is disabled and re-enabled", () => {
    const state = doc((d) => {
      startRecord(d, fresh, AT);
      markDisabled(d, { org: fresh.org, tenant: fresh.tenant }, "2026-02-01T00:00:00.000Z", AT);
      markReenabled(d, 5, "2026-02-02T00:00:00.000Z");
    });
    expect(state.provisioning["5"]).toMatchObject({ origin: "provisioned", status: "active", reenabledAt: "2026-02-02T00:00:00.000Z", steps: { tenant: AT } });
    expect(state.provisioning["5"]?.disabledAt).toBeUndefined();
  });

  it("starts a record of origin mapped for a customer it did not create", () => {
    const state = doc((d) => markDisabled(d, { org: fresh.org, tenant: { id: "t-other", name: "Other" } }, "2026-02-01T00:00:00.000Z", AT));
    expect(state.provisioning["5"]).toMatchObject({ origin: "mapped", status: "disabled", acronisTenantId: "t-other", disabledAt: "2026-02-01T00:00:00.000Z" });
    expect(StateDocumentSchema.safeParse(state).success).toBe(true);
  });
});
