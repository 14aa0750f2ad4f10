import { AgentInstallLog } from "../../../../src/sandbox/shared/agent-installs.js";
import { describe, expect, it } from "vitest";
import type { ServiceContext, ServiceHandler } from "../../../../src/sandbox/contract.js";
import { createSandboxClock } from "../../../../src/sandbox/core/clock.js";
import { handleControl, isLoopback, type ControlDeps } from "../../../../src/sandbox/core/control.js";
import { defaultKnobs } from "../../../../src/sandbox/core/knobs.js";
import { RequestCounter } from "../../../../src/sandbox/core/request-counts.js";
import { DEMO_ESTATE } from "../../../../src/sandbox/seed/demo-estate.js";
import { DEMO_PARAMS } from "../../../../src/sandbox/seed/resolve-seed.js";
import { fakeService } from "./fake-service.js";
import { sandboxRequest } from "./request.js";
import type { ServiceName } from "../../../../src/services.js";

function setup(): ControlDeps {
  const knobs = defaultKnobs();
  const clock = createSandboxClock(() => 1_700_000_000_000);
  const ctx: ServiceContext = { estate: DEMO_ESTATE, kind: "demo", params: DEMO_PARAMS, knobs, now: clock.now, agentInstalls: new AgentInstallLog() };
  const acronis = fakeService("acronis", ctx);
  const noControl: ServiceHandler = { id: "cipp", credentials: {}, handle: () => ({ status: 200 }) };
  const services: Record<ServiceName, ServiceHandler> = { ninjaone: fakeService("ninjaone", ctx), acronis, cipp: noControl };
  const urls = { ninjaone: "http://127.0.0.1:1", acronis: "http://127.0.0.1:2", cipp: "http://127.0.0.1:3", control: "http://127.0.0.1:4" };
  return { knobs, counter: new RequestCounter(), clock, services, urls, logError: () => {} };
}

const local = "127.0.0.1";

describe("the control endpoint", () => {
  it("recognises IPv4, IPv6 and mapped loopback addresses only", () => {
    expect(["127.0.0.1", "127.1.2.3", "::1", "::ffff:127.0.0.1"].filter((a) => !isLoopback(a))).toEqual([]);
    expect(["10.0.0.5", "::ffff:192.168.1.2", "", "fe80::1"].filter((a) => isLoopback(a))).toEqual([]);
  });

  it("refuses a client that is not on loopback with 403", async () => {
    const res = await handleControl(setup(), sandboxRequest("GET", "/control/knobs"), "192.168.1.20");
    expect(res.status).toBe(403);
  });

  it("answers 400 naming the field when a knobs patch is invalid, changing nothing", async () => {
    const deps = setup();
    const req = sandboxRequest("PATCH", "/control/knobs", { body: '{"faultRate":0.2,"rateLimit":{"acronis":-3}}' });
    const res = await handleControl(deps, req, local);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: "invalid_request", field: "rateLimit.acronis" });
    expect(deps.knobs).toEqual(defaultKnobs());
  });

  it("answers 400 to a knobs patch that is not JSON", async () => {
    const res = await handleControl(setup(), sandboxRequest("PATCH", "/control/knobs", { body: "faultRate=1" }), local);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: "invalid_json" });
  });

  it("applies a valid knobs patch and returns the new knobs", async () => {
    const deps = setup();
    const res = await handleControl(deps, sandboxRequest("PATCH", "/control/knobs", { body: '{"latencyMs":20,"rateLimit":{"cipp":2}}' }), local);
    expect(res.status).toBe(200);
    expect(deps.knobs.latencyMs).toBe(20);
    expect(deps.knobs.rateLimit).toEqual({ ninjaone: 0, acronis: 0, cipp: 2 });
  });

  it("advances the clock by the given seconds", async () => {
    const deps = setup();
    const res = await handleControl(deps, sandboxRequest("POST", "/control/clock/advance", { body: '{"seconds":86400}' }), local);
    expect(res.body).toMatchObject({ now: 1_700_086_400_000, offsetSeconds: 86400 });
    expect(deps.clock.now()).toBe(1_700_086_400_000);
  });

  it("refuses to advance the clock by zero or negative seconds", async () => {
    const res = await handleControl(setup(), sandboxRequest("POST", "/control/clock/advance", { body: '{"seconds":-5}' }), local);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ field: "seconds" });
  });

  it("answers 405 with Allow for a known path with the wrong method", async () => {
    const res = await handleControl(setup(), sandboxRequest("DELETE", "/control/knobs"), local);
    expect(res.status).toBe(405);
    expect(res.headers?.["allow"]).toBe("GET, PATCH");
  });

  it("delegates /control/<service>/... to the service with the rest of the path", async () => {
    const res = await handleControl(setup(), sandboxRequest("POST", "/control/acronis/echo", { body: "hi" }), local);
    expect(res.body).toEqual({ service: "acronis", method: "POST", body: "hi" });
  });

  it("answers 404 when a service has no such control route or no control at all", async () => {
    const deps = setup();
    expect((await handleControl(deps, sandboxRequest("GET", "/control/acronis/nothing"), local)).status).toBe(404);
    expect((await handleControl(deps, sandboxRequest("GET", "/control/cipp/echo"), local)).status).toBe(404);
    expect((await handleControl(deps, sandboxRequest("GET", "/control/autotask/echo"), local)).status).toBe(404);
  });
});
