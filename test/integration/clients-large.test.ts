import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collect } from "../../src/clients/async-lists.js";
import { listDevices } from "../../src/clients/ninjaone/devices.js";
import { listOrganizations } from "../../src/clients/ninjaone/organizations.js";
import { type RunningSandbox, startSandbox } from "../../src/sandbox/server.js";
import { type SandboxClients, sandboxClients } from "../helpers/sandbox-clients.js";

let sandbox: RunningSandbox;
let clients: SandboxClients;

beforeAll(async () => {
  sandbox = await startSandbox({ seed: "large", large: { orgs: 2000, devicesPerOrg: 5 } });
  clients = sandboxClients(sandbox);
});
afterAll(() => sandbox.close());

function requestsTo(route: string): number {
  return sandbox.counts().services.ninjaone.byRoute[route]?.total ?? 0;
}

describe("NinjaOne data clients against a large estate", () => {
  it("pages through 2,000 organizations in full pages of 1000 and one empty page", async () => {
    sandbox.resetCounts();
    const ids = new Set<number>();
    for await (const org of listOrganizations(clients.ninjaone)) ids.add(org.id);
    expect(ids.size).toBe(2000);
    expect(requestsTo("GET /v2/organizations")).toBe(3);
  });

  // Ten full pages and the empty one prove the paging; 50,000 devices proved no more and timed out a loaded runner.
  it("pages through 10,000 devices once, counting them per organization as they stream", async () => {
    sandbox.resetCounts();
    const perOrg = new Map<number, number>();
    const ids = new Set<number>();
    for await (const device of listDevices(clients.ninjaone)) {
      ids.add(device.id);
      perOrg.set(device.organizationId, (perOrg.get(device.organizationId) ?? 0) + 1);
    }
    expect(ids.size).toBe(10_000);
    expect(perOrg.size).toBe(2000);
    expect([...perOrg].filter(([, n]) => n !== 5)).toEqual([]);
    expect(requestsTo("GET /v2/devices-detailed")).toBe(11);
  });

  it("reads every organization when the server clamps the page size below what was asked", async () => {
    const clamp = (maxPageSize: number) =>
      fetch(`${sandbox.urls.control}/control/ninjaone/options`, { method: "PATCH", headers: { "content-type": "application/json" }, body: JSON.stringify({ maxPageSize }) });
    expect((await clamp(1200)).status).toBe(200);
    try {
      sandbox.resetCounts();
      const orgs = await collect(listOrganizations(clients.ninjaone, { pageSize: 2000 }));
      expect(orgs).toHaveLength(2000);
      expect(requestsTo("GET /v2/organizations")).toBe(2);
    } finally {
      await clamp(1000);
    }
  });
});
