import http from "node:http";
import net from "node:net";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { ServiceFactory } from "../../src/sandbox/contract.js";
import { startSandbox, type RunningSandbox, type SandboxOptions } from "../../src/sandbox/server.js";
import { fakeService } from "../unit/sandbox/core/fake-service.js";
import type { ServiceName } from "../../src/services.js";

type Reply = { status: number; headers: http.IncomingHttpHeaders; body: string } | { dropped: true };

/** One request on a fresh connection; a dropped connection is a result, not an error. */
function send(url: string, init: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: init.method ?? "GET", headers: init.headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", reject);
    });
    req.on("error", (err: NodeJS.ErrnoException) =>
      err.code === "ECONNRESET" || err.message === "socket hang up" ? resolve({ dropped: true }) : reject(err),
    );
    req.end(init.body);
  });
}

function answered(reply: Reply): { status: number; headers: http.IncomingHttpHeaders; body: string } {
  if ("dropped" in reply) throw new Error("connection was dropped");
  return reply;
}

const fakes: Record<ServiceName, ServiceFactory> = {
  ninjaone: (ctx) => fakeService("ninjaone", ctx),
  acronis: (ctx) => fakeService("acronis", ctx),
  cipp: (ctx) => fakeService("cipp", ctx),
};

const running: RunningSandbox[] = [];
async function start(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const sandbox = await startSandbox({ services: fakes, ...options });
  running.push(sandbox);
  return sandbox;
}
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
});

function portOf(url: string): number {
  return Number(new URL(url).port);
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

describe("startSandbox", () => {
  it("serves each service on its own 127.0.0.1 port with the service's credentials", async () => {
    const sandbox = await start();
    for (const id of ["ninjaone", "acronis", "cipp"] as const) {
      expect(sandbox.urls[id]).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const reply = answered(await send(`${sandbox.urls[id]}/anything?x=1`));
      expect(reply.status).toBe(200);
      expect(reply.headers["content-type"]).toBe("application/json");
      expect(JSON.parse(reply.body)).toMatchObject({ service: id, path: "/anything", baseUrl: sandbox.urls[id], orgs: 6 });
      expect(sandbox.credentials[id]).toEqual({ clientId: `${id}-client`, clientSecret: `${id}-secret` });
    }
    expect(new Set(Object.values(sandbox.urls).map(portOf)).size).toBe(4);
  });

  it("listens on four consecutive ports from the one given", async () => {
    let sandbox: RunningSandbox | undefined;
    for (let attempt = 0; sandbox === undefined && attempt < 20; attempt++) {
      const first = 20_000 + Math.floor(Math.random() * 30_000);
      sandbox = await start({ port: first }).catch(() => undefined);
    }
    expect(sandbox).toBeDefined();
    const first = portOf(sandbox?.urls.ninjaone ?? "");
    expect([sandbox?.urls.acronis, sandbox?.urls.cipp, sandbox?.urls.control].map((u) => portOf(u ?? ""))).toEqual([first + 1, first + 2, first + 3]);
  });

  it("frees every port on close", async () => {
    const sandbox = await startSandbox({ services: fakes });
    await send(`${sandbox.urls.ninjaone}/warm`, { headers: { connection: "keep-alive" } });
    await sandbox.close();
    const ports = Object.values(sandbox.urls).map(portOf);
    expect(await Promise.all(ports.map(canListen))).toEqual([true, true, true, true]);
  });

  it("answers 429 with Retry-After past the rate limit for one client but not another", async () => {
    // A frozen clock keeps all requests in one rate-limit window, whatever the machine's speed.
    const sandbox = await start({ now: () => 1_700_000_000_500, knobs: { rateLimit: { acronis: 2 } } });
    const as = (token: string) => send(`${sandbox.urls.acronis}/api/2/tenants`, { headers: { authorization: `Bearer ${token}` } });
    expect(answered(await as("one")).status).toBe(200);
    expect(answered(await as("one")).status).toBe(200);
    const limited = answered(await as("one"));
    expect(limited.status).toBe(429);
    expect(Number(limited.headers["retry-after"])).toBeGreaterThanOrEqual(1);
    expect(JSON.parse(limited.body)).toMatchObject({ error: { code: 429 } });
    expect(answered(await as("two")).status).toBe(200);
    expect(answered(await send(`${sandbox.urls.ninjaone}/v2/organizations`, { headers: { authorization: "Bearer one" } })).status).toBe(200);
  });

  it("answers only faults at fault rate 1, including dropped connections", async () => {
    const sandbox = await start({ knobs: { faultRate: 1 } });
    const replies = await Promise.all(Array.from({ length: 40 }, () => send(`${sandbox.urls.cipp}/api/ListTenants`)));
    const dropped = replies.filter((r) => "dropped" in r).length;
    const answers = replies.flatMap((r) => ("dropped" in r ? [] : [r]));
    expect(dropped).toBeGreaterThan(0);
    expect(answers.filter((r) => ![500, 502, 503].includes(r.status) && !(r.status === 200 && /^text\/html/.test(String(r.headers["content-type"]))))).toEqual([]);
    expect(answers.map((r) => r.status)).toContain(200);
    expect(sandbox.counts().services.cipp.byStatus.dropped).toBe(dropped);
  });

  it("injects faults into the three token endpoints as into any API request", async () => {
    const sandbox = await startSandbox({ knobs: { faultRate: 1, faultKinds: ["status503"] } });
    running.push(sandbox);
    const form = { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "grant_type=client_credentials" };
    const tenant = sandbox.credentials.cipp.tenant_id ?? "";
    for (const url of [`${sandbox.urls.ninjaone}/ws/oauth/token`, `${sandbox.urls.acronis}/api/2/idp/token`, `${sandbox.urls.cipp}/${tenant}/oauth2/v2.0/token`]) {
      expect(answered(await send(url, form)).status, url).toBe(503);
    }
  });

  it("answers no faults at fault rate 0", async () => {
    const sandbox = await start({ knobs: { faultRate: 0 } });
    const replies = await Promise.all(Array.from({ length: 40 }, () => send(`${sandbox.urls.cipp}/api/ListTenants`)));
    expect(replies.filter((r) => "dropped" in r || r.status !== 200)).toEqual([]);
  });

  it("picks the same faults for the same fault seed", async () => {
    const statuses = async () => {
      const sandbox = await start({ knobs: { faultRate: 0.5 }, faultSeed: 11 });
      const out: Array<number | "dropped"> = [];
      for (let i = 0; i < 20; i++) {
        const r = await send(`${sandbox.urls.ninjaone}/v2/devices`);
        out.push("dropped" in r ? "dropped" : r.status);
      }
      return out;
    };
    expect(await statuses()).toEqual(await statuses());
  });

  it("answers 500 when a service crashes and reports the error", async () => {
    const errors: string[] = [];
    const sandbox = await start({ logError: (m) => errors.push(m) });
    const reply = answered(await send(`${sandbox.urls.ninjaone}/boom`));
    expect(reply.status).toBe(500);
    expect(JSON.parse(reply.body)).toMatchObject({ resultCode: "FAILURE" });
    expect(errors.join("\n")).toMatch(/handler exploded/);
  });

  it("refuses a request body over the cap with 413", async () => {
    const sandbox = await start({ maxBodyBytes: 1024 });
    const reply = answered(await send(`${sandbox.urls.acronis}/api/2/tenants`, { method: "POST", body: Buffer.alloc(4096, 97) }));
    expect(reply.status).toBe(413);
  });

  it("changes knobs live through PATCH /control/knobs and rejects bad values naming the field", async () => {
    const sandbox = await start();
    const bad = answered(await send(`${sandbox.urls.control}/control/knobs`, { method: "PATCH", body: '{"faultRate":"high"}' }));
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body)).toMatchObject({ field: "faultRate" });
    const ok = answered(await send(`${sandbox.urls.control}/control/knobs`, { method: "PATCH", body: '{"tokenLifetimeSec":60}' }));
    expect(JSON.parse(ok.body)).toMatchObject({ tokenLifetimeSec: 60 });
    expect(sandbox.knobs.tokenLifetimeSec).toBe(60);
    expect(JSON.parse(answered(await send(`${sandbox.urls.control}/control/knobs`)).body)).toMatchObject({ tokenLifetimeSec: 60 });
  });

  it("counts requests by service and route, and resets the counts", async () => {
    const sandbox = await start();
    await send(`${sandbox.urls.ninjaone}/items/1`);
    await send(`${sandbox.urls.ninjaone}/items/2`);
    await send(`${sandbox.urls.acronis}/api/2/tenants`, { method: "POST", body: "{}" });
    const counts = JSON.parse(answered(await send(`${sandbox.urls.control}/control/requests`)).body);
    expect(counts.services.ninjaone.byRoute["GET /items/{id}"]).toEqual({ total: 2, byStatus: { "2xx": 2 } });
    expect(counts.services.acronis.byRoute["POST /api/2/tenants"].total).toBe(1);
    expect(counts.total).toBe(3);
    await send(`${sandbox.urls.control}/control/requests/reset`, { method: "POST" });
    expect(sandbox.counts().total).toBe(0);
  });

  it("moves the clock services see with POST /control/clock/advance", async () => {
    const sandbox = await start({ now: () => 1_700_000_000_000 });
    const before = JSON.parse(answered(await send(`${sandbox.urls.ninjaone}/now`)).body).now;
    const advanced = answered(await send(`${sandbox.urls.control}/control/clock/advance`, { method: "POST", body: '{"seconds":7200}' }));
    expect(JSON.parse(advanced.body)).toMatchObject({ now: 1_700_007_200_000, offsetSeconds: 7200 });
    const after = JSON.parse(answered(await send(`${sandbox.urls.ninjaone}/now`)).body).now;
    expect(after - before).toBe(7_200_000);
    // The Date header follows the sandbox clock too, as a client reading "now" from the server would need.
    expect(answered(await send(`${sandbox.urls.ninjaone}/now`)).headers["date"]).toBe("Wed, 15 Nov 2023 00:13:20 GMT");
    expect(JSON.parse(answered(await send(`${sandbox.urls.control}/control/clock`)).body).iso).toBe("2023-11-15T00:13:20.000Z");
  });

  it("revokes the named services' tokens with POST /control/tokens/revoke and names a bad service", async () => {
    const sandbox = await start();
    const all = answered(await send(`${sandbox.urls.control}/control/tokens/revoke`, { method: "POST" }));
    // The fake services issue no tokens: each revokes none.
    expect(JSON.parse(all.body)).toEqual({ revoked: { ninjaone: 0, acronis: 0, cipp: 0 } });
    const one = answered(await send(`${sandbox.urls.control}/control/tokens/revoke`, { method: "POST", body: '{"services":["cipp"]}' }));
    expect(JSON.parse(one.body)).toEqual({ revoked: { cipp: 0 } });
    const bad = answered(await send(`${sandbox.urls.control}/control/tokens/revoke`, { method: "POST", body: '{"services":["nope"]}' }));
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body)).toMatchObject({ error: "invalid_request", field: "services.0" });
  });

  it("answers health and delegates service control routes over HTTP", async () => {
    const sandbox = await start();
    expect(JSON.parse(answered(await send(`${sandbox.urls.control}/control/health`)).body)).toMatchObject({ status: "ok", urls: sandbox.urls });
    const echo = answered(await send(`${sandbox.urls.control}/control/cipp/echo`, { method: "POST", body: "x" }));
    expect(JSON.parse(echo.body)).toEqual({ service: "cipp", method: "POST", body: "x" });
    expect(answered(await send(`${sandbox.urls.control}/control/cipp/nope`)).status).toBe(404);
  });

  it("serves the control routes on the control port only", async () => {
    const sandbox = await start();
    const reply = JSON.parse(answered(await send(`${sandbox.urls.ninjaone}/control/knobs`)).body);
    expect(reply).toMatchObject({ service: "ninjaone", path: "/control/knobs" });
  });

  it("seeds the services from a params file", async () => {
    const dir = await mkdtemp(join(tmpdir(), "nb-sandbox-"));
    try {
      const path = join(dir, "estate.json");
      await writeFile(path, JSON.stringify({ seed: 5, orgs: 40, devicesPerOrg: 2, alerts: 10 }));
      const sandbox = await start({ seed: path });
      expect(sandbox.kind).toBe("generated");
      expect(JSON.parse(answered(await send(`${sandbox.urls.cipp}/x`)).body).orgs).toBe(40);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("refuses invalid initial knobs before listening", async () => {
    await expect(startSandbox({ services: fakes, knobs: { faultRate: 2 } })).rejects.toThrow(/faultRate/);
  });
});
