import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSandbox, type RunningSandbox } from "../../src/sandbox/server.js";

/** The core with the three real simulated services it loads by default. */
let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ seed: "demo", now: () => Date.UTC(2026, 0, 15, 9, 0, 0) });
});
afterAll(async () => {
  await sandbox.close();
});

async function ninjaToken(): Promise<string> {
  const c = sandbox.credentials.ninjaone;
  const res = await fetch(`${sandbox.urls.ninjaone}/ws/oauth/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "client_credentials",
      client_id: c["clientCredentialsClientId"] ?? "",
      client_secret: c["clientCredentialsClientSecret"] ?? "",
      scope: "monitoring management",
    }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { access_token: string }).access_token;
}

describe("startSandbox with the default services", () => {
  it("offers credentials for every service", () => {
    for (const id of ["ninjaone", "acronis", "cipp"] as const) expect(Object.keys(sandbox.credentials[id]).length).toBeGreaterThan(0);
  });

  it("serves the demo organizations from NinjaOne and counts the route", async () => {
    sandbox.resetCounts();
    const token = await ninjaToken();
    const res = await fetch(`${sandbox.urls.ninjaone}/v2/organizations`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    const orgs = (await res.json()) as Array<{ id: number; name: string }>;
    expect(orgs.map((o) => o.name)).toContain("Fabrikam, Inc.");
    const routes = Object.keys(sandbox.counts().services.ninjaone.byRoute);
    expect(routes).toContain("POST /ws/oauth/token");
    expect(routes).toContainEqual(expect.stringMatching(/^GET \/v2\/organizations/));
  });

  it("throttles NinjaOne per token with a 429 that carries Retry-After", async () => {
    const token = await ninjaToken();
    sandbox.knobs.rateLimit.ninjaone = 1;
    sandbox.knobs.latencyMs = 0;
    try {
      const statuses: number[] = [];
      let retryAfter: string | null = null;
      for (let i = 0; i < 3; i++) {
        const res = await fetch(`${sandbox.urls.ninjaone}/v2/organizations`, { headers: { authorization: `Bearer ${token}` } });
        statuses.push(res.status);
        if (res.status === 429) retryAfter = res.headers.get("retry-after");
        await res.arrayBuffer();
      }
      expect(statuses).toContain(429);
      expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    } finally {
      sandbox.knobs.rateLimit.ninjaone = 0;
    }
  });

  it("lets a service answer its own expired token once the clock moves past the token lifetime", async () => {
    const token = await ninjaToken();
    await fetch(`${sandbox.urls.control}/control/clock/advance`, { method: "POST", body: JSON.stringify({ seconds: sandbox.knobs.tokenLifetimeSec + 1 }) });
    const res = await fetch(`${sandbox.urls.ninjaone}/v2/organizations`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(401);
    await res.arrayBuffer();
  });
});
