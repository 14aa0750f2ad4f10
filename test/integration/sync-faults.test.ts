import { existsSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSandbox, type RunningSandbox } from "../../src/sandbox/server.js";
import { makeCliHome, type CliHome } from "../helpers/run-cli.js";
import { runInProcess } from "../helpers/run-in-process.js";
import { control } from "../helpers/sandbox-control.js";
import { sandboxEnv } from "../helpers/sandbox-env.js";
import { readStateFile, stateFile } from "../helpers/state-file.js";

/**
 * Issue 14's estate, smaller: under injected faults over the whole `sync`, with a fixed seed,
 * runs make progress, never lose what landed, never make what a fault-free run would not,
 * and end within a few runs in the world one fault-free run makes.
 */
const ESTATE = { seed: 7, orgs: 12, devicesPerOrg: 2, alerts: 30 };
const FAULT_RATE = 0.2;
/** Runs allowed to converge; the closing note of issue 14 reports the measured number. */
const MAX_RUNS = 6;

interface World {
  links: string[];
  tickets: string[];
  fieldValues: string[];
  tenants: string[];
}

interface Bench {
  sandbox: RunningSandbox;
  home: CliHome;
  env: NodeJS.ProcessEnv;
}

async function setUp(faultRate: number): Promise<Bench> {
  // Faults start only after set-up, so both profiles are configured the same way.
  const sandbox = await startSandbox({ seed: ESTATE, port: 0, faultSeed: 11 });
  const home = makeCliHome();
  const env = sandboxEnv(sandbox, home);
  await control(sandbox, "PATCH", "/ninjaone/options", { ticketWritesNeedUserContext: false });
  for (const args of [
    ["fields", "map", "acronis.protection-status", "acronisProtectionStatus"],
    ["fields", "map", "cipp.tenant-summary", "m365TenantSummary"],
    ["tickets", "config", "--form", "1", "--requester", "sam.sandbox@example.com"],
    ["provision", "config", "--admin-email", "backup+{slug}@msp.example", "--auto-provision", "on", "--force"],
  ]) {
    const result = await runInProcess(args, { env });
    expect(result.code, `${args.join(" ")}: ${result.stderr}`).toBe(0);
  }
  await control(sandbox, "PATCH", "/knobs", { faultRate });
  return { sandbox, home, env };
}

/** What the run changed outside and recorded inside, in terms both sandboxes share. */
async function worldOf(bench: Bench): Promise<World> {
  const state = existsSync(stateFile(bench.home)) ? readStateFile<{ mappings: Record<string, Record<string, Record<string, unknown>>> }>(bench.home) : { mappings: {} };
  const links = Object.entries(state.mappings).flatMap(([service, byOrg]) =>
    Object.entries(byOrg).map(([org, m]) => `${service} ${org} ${String(m.acronisTenantId ?? m.m365TenantId ?? "")}`),
  );
  const tickets = (await control<Array<{ subject: string; clientId: number }>>(bench.sandbox, "GET", "/ninjaone/tickets")).map((t) => `${t.clientId} ${t.subject}`);
  const values = (await control<{ values: Record<string, Record<string, unknown>> }>(bench.sandbox, "GET", "/ninjaone/field-values")).values;
  const fieldValues = Object.entries(values).flatMap(([entity, fields]) => Object.keys(fields).map((field) => `${entity} ${field}`));
  const tenants = (await control<{ items: Array<{ name: string; kind: string }> }>(bench.sandbox, "GET", "/acronis/tenants")).items
    .filter((t) => t.kind === "customer")
    .map((t) => t.name);
  return { links: links.sort(), tickets: tickets.sort(), fieldValues: fieldValues.sort(), tenants: tenants.sort() };
}

function size(world: World): number {
  return world.links.length + world.tickets.length + world.fieldValues.length + world.tenants.length;
}

describe("sync under injected faults", () => {
  let clean: Bench;
  let faulty: Bench;

  beforeAll(async () => {
    [clean, faulty] = await Promise.all([setUp(0), setUp(FAULT_RATE)]);
  }, 60_000);
  afterAll(async () => {
    for (const bench of [clean, faulty]) {
      await bench?.sandbox.close();
      bench?.home.cleanup();
    }
  });

  it(`never loses what landed and reaches the fault-free world within ${MAX_RUNS} runs at ${FAULT_RATE * 100}% faults`, async () => {
    const first = await runInProcess(["sync", "--json"], { env: clean.env });
    expect(first.code, first.stderr).toBe(0);
    const wanted = await worldOf(clean);
    expect(wanted.links.length).toBeGreaterThan(0);
    expect(wanted.tickets.length).toBeGreaterThan(0);
    expect(wanted.fieldValues.length).toBeGreaterThan(0);

    let previous = 0;
    let world = await worldOf(faulty);
    let runs = 0;
    let progressed = 0;
    while (runs < MAX_RUNS && JSON.stringify(world) !== JSON.stringify(wanted)) {
      runs += 1;
      const result = await runInProcess(["sync", "--json"], { env: faulty.env });
      // Faults make a run partly done (3), never a crash or a usage error.
      expect([0, 3], `run ${runs}: ${result.stderr}`).toContain(result.code);
      world = await worldOf(faulty);
      // A run may meet a fault on every try of its last few items, but it never loses what landed.
      expect(size(world), `run ${runs} lost work:\n${result.stderr}`).toBeGreaterThanOrEqual(previous);
      if (size(world) > previous) progressed += 1;
      previous = size(world);
      // Nothing a faulty run makes is outside the fault-free world: no duplicate ticket, tenant or wrong link.
      for (const key of ["links", "tickets", "fieldValues", "tenants"] as const) {
        expect(world[key].filter((item) => !wanted[key].includes(item)), `run ${runs}: ${key} beyond the fault-free world`).toEqual([]);
      }
    }
    expect(world).toEqual(wanted);
    expect(progressed).toBeGreaterThan(0);
    // Printed for the closing note of issue 14: runs to converge at this fault rate.
    console.log(`sync converged at ${FAULT_RATE * 100}% faults in ${runs} run(s), ${progressed} of them with progress`);
  }, 240_000);
});
