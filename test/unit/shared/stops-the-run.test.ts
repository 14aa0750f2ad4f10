import { describe, expect, it } from "vitest";
import { AuthenticationError, DeadlineError, ServerError } from "../../../src/errors.js";
import { stopsTheRun } from "../../../src/jobs/shared/apply-loop.js";

const request = { service: "ninjaone", method: "POST", path: "/v2/ticketing/ticket" };

describe("which ticket action errors stop the rest of the run", () => {
  it("stops at the deadline, as every later write would meet it too, and at refused credentials", () => {
    expect(stopsTheRun(new DeadlineError("ninjaone POST /v2/ticketing/ticket: the run's deadline (4s) was reached", request))).toBe(true);
    expect(stopsTheRun(new AuthenticationError("NinjaOne refused the token", { ...request, status: 401 }))).toBe(true);
  });

  it("goes on past one action's server error, which the next action may not meet", () => {
    expect(stopsTheRun(new ServerError("ninjaone POST /v2/ticketing/ticket: 500", { ...request, status: 500 }))).toBe(false);
  });
});
