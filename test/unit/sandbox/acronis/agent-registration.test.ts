import { describe, expect, it } from "vitest";
import type { SandboxResponse } from "../../../../src/sandbox/contract.js";
import { MAX_TOKEN_LIFETIME_SEC, REGISTRATION_ROUTES, settleAgentInstalls } from "../../../../src/sandbox/acronis/agent-registration.js";
import { AcronisSeeder } from "../../../../src/sandbox/acronis/seed-builder.js";
import type { AcronisState } from "../../../../src/sandbox/acronis/service-state.js";
import { AcronisStore } from "../../../../src/sandbox/acronis/store.js";
import { SandboxHttpError } from "../../../../src/sandbox/http-util.js";
import { Prng } from "../../../../src/sandbox/prng.js";
import { AGENT_APPEARS_AFTER_MS, type ScriptRun } from "../../../../src/sandbox/shared/agent-installs.js";
import { TokenBook } from "../../../../src/sandbox/shared/token-book.js";
import { buildRequest, context, T0 } from "./harness.js";

/** A platform with the API client's partner (one customer) and another partner's customer beside it. */
function platform() {
  const { ctx, advance } = context();
  const store = new AcronisStore();
  const seeder = new AcronisSeeder(store, new Prng(1), T0);
  const partner = seeder.tenant(null, "Our MSP", "partner", "production");
  const mine = seeder.tenant(partner, "Contoso", "customer", "production");
  const other = seeder.tenant(null, "Other MSP", "partner", "production");
  const foreign = seeder.tenant(other, "Not Ours", "customer", "production");
  const state: AcronisState = {
    ctx,
    store,
    tokens: new TokenBook("test"),
    client: { id: "client", secret: "secret", name: "ninja-bridge", tenantId: partner.id },
    options: { workloadSerials: false, alertTenantUuid: false, offeringItemsEcho: false, alertIdsAnyCase: false, alertTimeUnit: "nanoseconds" },
    registrationTokens: new Map(),
    settledRuns: new Set(),
    churns: 0,
  };
  return { ctx, advance, store, state, partner, mine, foreign };
}

function mint(state: AcronisState, tenantId: string, body: unknown): SandboxResponse {
  const route = REGISTRATION_ROUTES[0];
  if (route === undefined) throw new Error("no route");
  try {
    return route.run(state, buildRequest("POST", `/api/2/tenants/${tenantId}/registration_tokens`, { json: body }), { id: tenantId }, "POST registration_tokens");
  } catch (error) {
    if (error instanceof SandboxHttpError) return error.response;
    throw error;
  }
}

const scope = (id: string) => [`urn:acronis.com:tenant-id:${id}:backup_agent_admin`];

function run(over: Partial<ScriptRun>): Omit<ScriptRun, "id"> {
  return { deviceId: 501, organizationId: 5, scriptId: 11, scriptName: "Install", parameters: null, delivered: true, installsAgent: true, systemName: "ASH-WS01", serialNumber: null, nodeClass: "WINDOWS_WORKSTATION", organizationValues: [], at: T0, ...over };
}

describe("sandbox registration tokens", () => {
  it("mints a token for a customer of the client's partner, with the scope naming that customer", () => {
    const { state, mine } = platform();
    const res = mint(state, mine.id, { expires_in: 3600, scopes: scope(mine.id) });
    expect(res.status).toBe(200);
    expect(Object.keys(res.body as object)).toEqual(["token"]);
    expect(state.registrationTokens.get((res.body as { token: string }).token)).toEqual({ tenantId: mine.id, expiresMs: T0 + 3_600_000 });
  });

  it("refuses a tenant the client cannot manage (403), an unknown one (404), a partner, an empty scope and too long a lifetime", () => {
    const { state, mine, foreign, partner } = platform();
    expect(mint(state, foreign.id, { expires_in: 3600, scopes: scope(foreign.id) }).status).toBe(403);
    expect(mint(state, "5f0e2c1a-0000-4000-8000-00000000dead", { expires_in: 3600, scopes: scope(mine.id) }).status).toBe(404);
    expect(mint(state, partner.id, { expires_in: 3600, scopes: scope(partner.id) }).status).toBe(400);
    // Acronis' own sample leaves the tenant out of the scope; the strict sandbox does not accept it.
    expect(mint(state, mine.id, { expires_in: 3600, scopes: ["urn:acronis.com:tenant-id::backup_agent_admin"] }).status).toBe(400);
    expect(mint(state, mine.id, { expires_in: MAX_TOKEN_LIFETIME_SEC + 1, scopes: scope(mine.id) }).status).toBe(400);
    expect(state.registrationTokens.size).toBe(0);
  });

  it("registers the agent of a delivered install run with a live token some minutes later, and never otherwise", () => {
    const { ctx, advance, store, state, mine } = platform();
    const token = (mint(state, mine.id, { expires_in: AGENT_APPEARS_AFTER_MS / 1000, scopes: scope(mine.id) }).body as { token: string }).token;
    ctx.agentInstalls.record(run({ organizationValues: ["unrelated", token] }));
    ctx.agentInstalls.record(run({ deviceId: 502, systemName: "OFFLINE-01", delivered: false, organizationValues: [token] }));
    ctx.agentInstalls.record(run({ deviceId: 503, systemName: "NO-TOKEN-01" }));
    ctx.agentInstalls.record(run({ deviceId: 504, systemName: "OTHER-SCRIPT", installsAgent: false, organizationValues: [token] }));
    const names = () => (store.workloadsByTenant.get(mine.numericId) ?? []).map((w) => w.name);
    settleAgentInstalls(state);
    expect(names()).toEqual([]);
    advance(AGENT_APPEARS_AFTER_MS / 1000);
    // A run after the token expired registers nothing either.
    ctx.agentInstalls.record(run({ deviceId: 505, systemName: "LATE-01", organizationValues: [token], at: ctx.now() + 1 }));
    settleAgentInstalls(state);
    expect(names()).toEqual(["ASH-WS01"]);
    expect(store.workloadsByTenant.get(mine.numericId)?.[0]).toMatchObject({ planNames: null, online: true });
    advance(3600);
    settleAgentInstalls(state);
    expect(names()).toEqual(["ASH-WS01"]);
  });
});
