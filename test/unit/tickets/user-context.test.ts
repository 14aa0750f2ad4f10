import { describe, expect, it } from "vitest";
import { type ApiError, PermissionError, RequestRejectedError } from "../../../src/errors.js";
import { explainUserContext, isUserContextRequired, SWITCH_TO_AUTHORIZATION_CODE, USER_CONTEXT_REQUIRED } from "../../../src/jobs/tickets/plan/user-context.js";

function refusal(overrides: { service?: string; code?: string; requestId?: string } = {}): ApiError {
  return new RequestRejectedError("NinjaOne answered 400", {
    service: overrides.service ?? "ninjaone",
    method: "POST",
    path: "/v2/ticketing/ticket",
    status: 400,
    ...(overrides.requestId === undefined ? {} : { requestId: overrides.requestId }),
    code: overrides.code ?? USER_CONTEXT_REQUIRED,
  });
}

describe("isUserContextRequired", () => {
  it("recognises NinjaOne's user_context_required refusal", () => {
    expect(isUserContextRequired(refusal())).toBe(true);
  });

  it.each([
    ["another NinjaOne error code", refusal({ code: "invalid_scope" })],
    ["the same code from another service", refusal({ service: "acronis" })],
    ["an error that is not an API error", new Error(USER_CONTEXT_REQUIRED)],
    ["something that is not an error", { service: "ninjaone", code: USER_CONTEXT_REQUIRED }],
  ])("does not take %s for it", (_what, error) => {
    expect(isUserContextRequired(error)).toBe(false);
  });
});

describe("explainUserContext", () => {
  it("turns the refusal into a permission error that says why, what was touched, and how to switch the profile", () => {
    const cause = refusal({ requestId: "req-1" });
    const explained = explainUserContext(cause, "1 ticket was created before the refusal.");
    expect(explained).toBeInstanceOf(PermissionError);
    expect(explained.message).toContain("client-credentials (machine) token");
    expect(explained.message).toMatch(/1 ticket was created before the refusal\.$/);
    expect(explained.hint).toBe(SWITCH_TO_AUTHORIZATION_CODE);
    expect(explained.hint).toContain("--flow authorization-code");
    expect(explained).toMatchObject({ service: "ninjaone", method: "POST", path: "/v2/ticketing/ticket", status: 400, requestId: "req-1", code: USER_CONTEXT_REQUIRED });
    expect(explained.cause).toBe(cause);
  });
});
