import { describe, expect, it } from "vitest";
import type { ServiceHandler } from "../../../../src/sandbox/contract.js";
import { defaultKnobs } from "../../../../src/sandbox/core/knobs.js";
import { createApiPipeline, newStallProgress, type PipelineDeps } from "../../../../src/sandbox/core/pipeline.js";
import { RateLimiter } from "../../../../src/sandbox/core/rate-limiter.js";
import { RequestCounter } from "../../../../src/sandbox/core/request-counts.js";
import { jsonResponse, SandboxHttpError } from "../../../../src/sandbox/http-util.js";
import { Prng } from "../../../../src/sandbox/prng.js";
import { sandboxRequest } from "./request.js";

function setup(handler: Partial<ServiceHandler> = {}) {
  const events: string[] = [];
  const deps: PipelineDeps = {
    knobs: defaultKnobs(),
    limiter: new RateLimiter(() => 5_000),
    faultPrng: new Prng(1),
    counter: new RequestCounter(),
    ninjaThrottleBody: "html",
    logError: (message) => events.push(`log ${message.split("\n")[0]}`),
    sleep: async (ms) => void events.push(`sleep ${ms}`),
    progress: newStallProgress(),
  };
  const service: ServiceHandler = {
    id: "ninjaone",
    credentials: {},
    handle: () => {
      events.push("handle");
      return jsonResponse(200, [], { route: "GET /v2/organizations" });
    },
    ...handler,
  };
  return { deps, events, run: createApiPipeline("ninjaone", service, deps) };
}

const meta = { remoteAddress: "127.0.0.1" };

describe("the API request pipeline", () => {
  it("waits the configured latency before the service answers", async () => {
    const { deps, events, run } = setup();
    deps.knobs.latencyMs = 250;
    await run(sandboxRequest("GET", "/v2/organizations"), meta);
    expect(events).toEqual(["sleep 250", "handle"]);
  });

  it("does not wait when latency is 0", async () => {
    const { events, run } = setup();
    await run(sandboxRequest("GET", "/v2/organizations"), meta);
    expect(events).toEqual(["handle"]);
  });

  it("answers 429 with Retry-After past the limit without calling the service", async () => {
    const { deps, events, run } = setup();
    deps.knobs.rateLimit.ninjaone = 1;
    await run(sandboxRequest("GET", "/v2/organizations"), meta);
    const res = await run(sandboxRequest("GET", "/v2/organizations"), meta);
    expect(res.status).toBe(429);
    expect(res.headers?.["retry-after"]).toBe("1");
    expect(events).toEqual(["handle"]);
  });

  it("rate-limits by the service's client key before the remote address", async () => {
    const { deps, run } = setup({ clientKey: (req) => req.headers["authorization"] });
    deps.knobs.rateLimit.ninjaone = 1;
    const as = (token: string) => sandboxRequest("GET", "/v2/devices", { headers: { authorization: token } });
    expect((await run(as("Bearer a"), meta)).status).toBe(200);
    expect((await run(as("Bearer a"), meta)).status).toBe(429);
    expect((await run(as("Bearer b"), meta)).status).toBe(200);
  });

  it("answers NinjaOne throttling as an HTML page by default and as the app error shape on request", async () => {
    const { deps, run } = setup();
    deps.knobs.rateLimit.ninjaone = 1;
    await run(sandboxRequest("GET", "/v2/organizations"), meta);
    const html = await run(sandboxRequest("GET", "/v2/organizations"), meta);
    expect(html.headers?.["content-type"]).toMatch(/^text\/html/);
    deps.ninjaThrottleBody = "json";
    const json = await run(sandboxRequest("GET", "/v2/organizations"), meta);
    expect(json.body).toMatchObject({ resultCode: "FAILURE", incidentId: expect.stringMatching(/^WEB_MGMT_SERVICE-/) });
  });

  it("injects only faults at fault rate 1 and never calls the service", async () => {
    const { deps, events, run } = setup();
    deps.knobs.faultRate = 1;
    for (let i = 0; i < 50; i++) {
      const res = await run(sandboxRequest("GET", "/v2/organizations"), meta);
      const htmlInPlaceOfJson = res.status === 200 && /^text\/html/.test(res.headers?.["content-type"] ?? "");
      expect(res.drop === true || [500, 502, 503].includes(res.status) || htmlInPlaceOfJson).toBe(true);
    }
    expect(events).toEqual([]);
  });

  it("faults only the routes faultRoutes names, matching method, path and decoded query", async () => {
    const { deps, events, run } = setup();
    deps.knobs.faultRate = 1;
    deps.knobs.faultRoutes = ["GET /v2/devices-detailed?df=org=7"];
    const hit = await run(sandboxRequest("GET", "/v2/devices-detailed", { query: "df=org%3D7&pageSize=10" }), meta);
    expect(hit.drop === true || [500, 502, 503].includes(hit.status)).toBe(true);
    const other = await run(sandboxRequest("GET", "/v2/devices-detailed", { query: "df=org%3D8&pageSize=10" }), meta);
    expect(other.status).toBe(200);
    expect(await run(sandboxRequest("GET", "/v2/organizations"), meta)).toMatchObject({ status: 200 });
    expect(events).toEqual(["handle", "handle"]);
  });

  it("answers a crashed handler with 500 and logs the error", async () => {
    const { events, run } = setup({
      handle: () => {
        throw new Error("kaput");
      },
    });
    const res = await run(sandboxRequest("GET", "/v2/organizations"), meta);
    expect(res.status).toBe(500);
    expect(res.body).toMatchObject({ resultCode: "FAILURE" });
    expect(events).toEqual(["log sandbox ninjaone: GET /v2/organizations failed: Error: kaput"]);
  });

  it("sends a SandboxHttpError's response as the answer without logging it", async () => {
    const { events, run } = setup({
      handle: () => {
        throw new SandboxHttpError(jsonResponse(400, { error: "bad" }));
      },
    });
    expect((await run(sandboxRequest("GET", "/x"), meta)).status).toBe(400);
    expect(events).toEqual([]);
  });

  it("counts requests under the route the service names, or method and path", async () => {
    const { deps, run } = setup();
    await run(sandboxRequest("GET", "/v2/organizations"), meta);
    deps.knobs.faultRate = 1;
    await run(sandboxRequest("GET", "/v2/organization/7"), meta);
    const counts = deps.counter.snapshot().services.ninjaone;
    expect(counts.byRoute["GET /v2/organizations"]?.total).toBe(1);
    expect(counts.byRoute["GET /v2/organization/7"]?.total).toBe(1);
    expect(counts.total).toBe(2);
  });

  it("lets the stall knob's quota of requests through, then holds the next one and drops it unhandled", async () => {
    const { deps, events, run } = setup();
    await run(sandboxRequest("GET", "/v2/organizations"), meta);
    deps.knobs.stallAfterRequests = 2;
    await run(sandboxRequest("GET", "/v2/organizations"), meta);
    await run(sandboxRequest("GET", "/v2/organizations"), meta);
    expect(events.filter((e) => e === "handle")).toHaveLength(3);
    deps.sleep = async () => {
      // The test plays the person who releases the stall after the client was killed.
      deps.knobs.stallAfterRequests = 0;
    };
    const held = await run(sandboxRequest("GET", "/v2/organizations"), meta);
    expect(held.drop).toBe(true);
    expect(events.filter((e) => e === "handle")).toHaveLength(3);
    expect((await run(sandboxRequest("GET", "/v2/organizations"), meta)).status).toBe(200);
  });
});
