import { spawn, type ChildProcess } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { ServiceFactory, ServiceHandler } from "../../src/sandbox/contract.js";
import { createAcronisService } from "../../src/sandbox/acronis/index.js";
import { createCippService } from "../../src/sandbox/cipp/index.js";
import { createNinjaOneService } from "../../src/sandbox/ninjaone/index.js";
import { startSandbox, type RunningSandbox } from "../../src/sandbox/server.js";
import { makeCliHome, REPO_ROOT, runCli, type CliHome } from "../helpers/run-cli.js";

/**
 * Signs in to the sandbox's NinjaOne Web app as a browser and the CLI would (PKCE, code,
 * token exchange) and returns the refresh token: the authorization-code profile ticket
 * writes need, with no loopback listener.
 */
async function sandboxRefreshToken(sandbox: RunningSandbox): Promise<string> {
  const web = sandbox.credentials.ninjaone;
  const verifier = randomBytes(32).toString("base64url");
  const redirect = "http://127.0.0.1:9/callback";
  const query = new URLSearchParams({
    response_type: "code",
    client_id: web.webClientId ?? "",
    redirect_uri: redirect,
    scope: "monitoring management offline_access",
    state: "tickets-test",
    code_challenge: createHash("sha256").update(verifier).digest("base64url"),
    code_challenge_method: "S256",
  });
  const authorize = await fetch(`${sandbox.urls.ninjaone}/ws/oauth/authorize?${query}`, { redirect: "manual" });
  const code = new URL(authorize.headers.get("location") ?? "").searchParams.get("code") ?? "";
  const form = { grant_type: "authorization_code", code, redirect_uri: redirect, client_id: web.webClientId ?? "", client_secret: web.webClientSecret ?? "", code_verifier: verifier };
  const token = await fetch(`${sandbox.urls.ninjaone}/ws/oauth/token`, { method: "POST", body: new URLSearchParams(form) });
  return ((await token.json()) as { refresh_token: string }).refresh_token;
}

/** Acronis through the environment, and NinjaOne with either flow; rate limits raised for speed. */
function ticketsEnv(sandbox: RunningSandbox, home: CliHome, ninja: { refreshToken: string } | "client-credentials"): NodeJS.ProcessEnv {
  const creds = sandbox.credentials;
  const ninjaVars =
    ninja === "client-credentials"
      ? { NINJA_BRIDGE_NINJAONE_CLIENT_ID: creds.ninjaone.clientCredentialsClientId, NINJA_BRIDGE_NINJAONE_CLIENT_SECRET: creds.ninjaone.clientCredentialsClientSecret }
      : {
          NINJA_BRIDGE_NINJAONE_CLIENT_ID: creds.ninjaone.webClientId,
          NINJA_BRIDGE_NINJAONE_CLIENT_SECRET: creds.ninjaone.webClientSecret,
          NINJA_BRIDGE_NINJAONE_FLOW: "authorization-code",
          NINJA_BRIDGE_NINJAONE_REFRESH_TOKEN: ninja.refreshToken,
        };
  return {
    ...home.env,
    ...ninjaVars,
    NINJA_BRIDGE_NINJAONE_INSTANCE: sandbox.urls.ninjaone,
    NINJA_BRIDGE_NINJAONE_RATE_LIMIT: "1000",
    NINJA_BRIDGE_ACRONIS_URL: sandbox.urls.acronis,
    NINJA_BRIDGE_ACRONIS_CLIENT_ID: creds.acronis.client_id,
    NINJA_BRIDGE_ACRONIS_CLIENT_SECRET: creds.acronis.client_secret,
    NINJA_BRIDGE_ACRONIS_RATE_LIMIT: "1000",
  };
}

interface SandboxTicket {
  id: number;
  clientId: number;
  nodeId?: number;
  status: { statusId: number; name: string };
  tags: string[];
}

interface SandboxAlert {
  id: string;
  type: string;
  tenant: { id: string };
  details: Record<string, unknown>;
  deletedAt?: string;
}

interface AlertLinkJson {
  key: string;
  acronisAlertId: string;
  ninjaTicketId: number;
  status: "open" | "resolved";
  alertState: "active" | "cleared";
}

async function control<T>(sandbox: RunningSandbox, method: string, route: string, body?: unknown): Promise<T> {
  const response = await fetch(`${sandbox.urls.control}/control${route}`, {
    method,
    ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { "content-type": "application/json" } }),
  });
  if (!response.ok) throw new Error(`control ${method} ${route}: ${response.status} ${await response.text()}`);
  return (response.status === 204 ? undefined : await response.json()) as T;
}

const sandboxTickets = (sandbox: RunningSandbox) => control<SandboxTicket[]>(sandbox, "GET", "/ninjaone/tickets");
const sandboxAlerts = async (sandbox: RunningSandbox) => (await control<{ items: SandboxAlert[] }>(sandbox, "GET", "/acronis/alerts")).items;

function stateLinks(home: CliHome): AlertLinkJson[] {
  const file = path.join(home.env.NINJA_BRIDGE_DATA_DIR ?? "", "state-default.json");
  return Object.values((JSON.parse(readFileSync(file, "utf8")) as { alertLinks: Record<string, AlertLinkJson> }).alertLinks);
}

interface SyncJson {
  dryRun: boolean;
  plan: Record<string, number>;
  counts: { planned: number; applied: number; failed: number; skipped: number };
  unmappedTenants: string[];
  actions: Array<{ kind: string; key: string; alertId?: string; ticketId?: number }>;
  applied: { applied: Array<{ kind: string; ticketId: number }>; failed: unknown[] } | null;
}

const DAY_SECONDS = 86_400;

async function sync(env: NodeJS.ProcessEnv, args: string[] = []): Promise<{ code: number; report: SyncJson; stderr: string }> {
  const result = await runCli(["tickets", "sync", "--json", ...args], { env });
  return { code: result.code, report: (result.stdout === "" ? null : JSON.parse(result.stdout)) as SyncJson, stderr: result.stderr };
}

async function mapCustomers(env: NodeJS.ProcessEnv): Promise<void> {
  const mapped = await runCli(["automap", "--target", "acronis", "--yes"], { env });
  if (mapped.code !== 0) throw new Error(`automap failed: ${mapped.stderr}`);
}

function ticketOfAlert(home: CliHome, alertId: string): AlertLinkJson {
  const found = stateLinks(home).find((l) => l.acronisAlertId === alertId.toUpperCase());
  if (found === undefined) throw new Error(`no link for alert ${alertId}`);
  return found;
}

/** API requests that reached the sandbox, held ones included: the per-client key is asked before the stall knob. */
let arrivals = 0;
function counted(factory: ServiceFactory): ServiceFactory {
  return (ctx) => {
    const handler = factory(ctx);
    const view = Object.create(handler) as ServiceHandler;
    Object.defineProperty(view, "clientKey", {
      value: (req: Parameters<NonNullable<ServiceHandler["clientKey"]>>[0]) => {
        arrivals += 1;
        return handler.clientKey?.(req);
      },
    });
    return view;
  };
}

async function waitFor(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 10));
}

let sandbox: RunningSandbox;
let home: CliHome;
beforeEach(async () => {
  sandbox = await startSandbox({
    seed: "demo",
    port: 0,
    services: { ninjaone: counted(createNinjaOneService), acronis: counted(createAcronisService), cipp: counted(createCippService) },
  });
  home = makeCliHome();
});
afterEach(async () => {
  home.cleanup();
  await sandbox.close();
});

/** Kills the CLI where the sandbox holds a request, for the crash test. */
function startSync(env: NodeJS.ProcessEnv): { child: ChildProcess; done: Promise<number | null> } {
  const child = spawn(process.execPath, [path.join(REPO_ROOT, "bin", "ninja-bridge.js"), "tickets", "sync", "--yes"], { env, stdio: "ignore" });
  return { child, done: new Promise((resolve) => child.on("close", (code) => resolve(code))) };
}

describe("tickets with a client-credentials NinjaOne profile", () => {
  it("explains user_context_required and how to switch the profile to the authorization-code flow", async () => {
    const env = ticketsEnv(sandbox, home, "client-credentials");
    await mapCustomers(env);
    const result = await runCli(["tickets", "sync", "--yes"], { env });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("user_context_required");
    expect(result.stderr).toContain("--flow authorization-code");
    expect(result.stderr).toContain("NINJA_BRIDGE_NINJAONE_FLOW=authorization-code");
    expect(await sandboxTickets(sandbox)).toHaveLength(0);
  });

  it("refuses a ticket form with required fields and saves nothing", async () => {
    const env = ticketsEnv(sandbox, home, "client-credentials");
    const refused = await runCli(["tickets", "config", "--form", "2"], { env });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('"Backup alert" (2) has required fields (External alert id)');
    const saved = await runCli(["tickets", "config", "--form", "1", "--severity", "BackupFailed=critical", "--reopen-status", "OPEN"], { env });
    expect(saved.code, saved.stderr).toBe(0);
    const shown = JSON.parse((await runCli(["tickets", "config", "show", "--json"], { env })).stdout) as { settings: { ticketFormId: number; alertTypes: Record<string, { severity?: string }> } };
    expect(shown.settings.ticketFormId).toBe(1);
    expect(shown.settings.alertTypes.BackupFailed?.severity).toBe("CRITICAL");
  });
});

describe("tickets sync with an authorization-code NinjaOne profile", () => {
  let env: NodeJS.ProcessEnv;
  beforeEach(async () => {
    env = ticketsEnv(sandbox, home, { refreshToken: await sandboxRefreshToken(sandbox) });
    await mapCustomers(env);
  });

  it("raises one ticket per alert, clears the alert when a technician resolves it, reopens it within the window and opens a new one after", async () => {
    expect((await runCli(["tickets", "config", "--clear-alert", "--reopen-days", "2"], { env })).code).toBe(0);
    const first = await sync(env, ["--yes"]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.report.plan.create).toBe(6);
    const tickets = await sandboxTickets(sandbox);
    expect(tickets).toHaveLength(6);
    expect(tickets.every((t) => t.tags.includes("ninja-bridge") && t.tags.some((tag) => tag.startsWith("ninja-bridge:alert:")))).toBe(true);
    expect(stateLinks(home).map((l) => l.ninjaTicketId).sort()).toEqual(tickets.map((t) => t.id).sort());

    const alert = (await sandboxAlerts(sandbox)).find((a) => a.type === "BackupFailed" && a.deletedAt === undefined && stateLinks(home).some((l) => l.acronisAlertId === a.id));
    if (alert === undefined) throw new Error("no ticketed BackupFailed alert");
    const ticketId = ticketOfAlert(home, alert.id).ninjaTicketId;
    await control(sandbox, "POST", `/ninjaone/tickets/${ticketId}/status`, { status: "RESOLVED" });
    const cleared = await sync(env, ["--yes"]);
    expect(cleared.report.actions.map((a) => a.kind)).toEqual(["clear-alert"]);
    expect((await sandboxAlerts(sandbox)).find((a) => a.id === alert.id)?.deletedAt).toBeDefined();
    expect(ticketOfAlert(home, alert.id)).toMatchObject({ status: "resolved", alertState: "cleared" });

    await control(sandbox, "POST", "/acronis/alerts", { id: alert.id, type: alert.type });
    const reopened = await sync(env, ["--yes"]);
    expect(reopened.report.actions.map((a) => [a.kind, a.ticketId])).toEqual([["reopen", ticketId]]);
    expect((await sandboxTickets(sandbox)).find((t) => t.id === ticketId)?.status.name).toBe("OPEN");
    expect(ticketOfAlert(home, alert.id)).toMatchObject({ ninjaTicketId: ticketId, status: "open", alertState: "active" });

    await control(sandbox, "POST", `/ninjaone/tickets/${ticketId}/status`, { status: "RESOLVED" });
    expect((await sync(env, ["--yes"])).code).toBe(0);
    await control(sandbox, "POST", "/clock/advance", { seconds: 3 * DAY_SECONDS });
    await control(sandbox, "POST", "/acronis/alerts", { id: alert.id, type: alert.type });
    const renewed = await sync(env, ["--yes"]);
    expect(renewed.report.actions.map((a) => a.kind)).toEqual(["create"]);
    const after = await sandboxTickets(sandbox);
    expect(after).toHaveLength(7);
    expect(ticketOfAlert(home, alert.id).ninjaTicketId).toBe(Math.max(...after.map((t) => t.id)));
    expect(after.find((t) => t.id === ticketId)?.status.name).toBe("RESOLVED");
  });

  it("sets the chosen status on the ticket when its alert clears in Acronis", async () => {
    expect((await sync(env, ["--yes"])).code).toBe(0);
    const link = stateLinks(home)[0];
    if (link === undefined) throw new Error("no link");
    await control(sandbox, "POST", `/acronis/alerts/${link.acronisAlertId}/clear`);
    const resolved = await sync(env, ["--yes"]);
    expect(resolved.code, resolved.stderr).toBe(0);
    expect(resolved.report.actions.map((a) => [a.kind, a.ticketId])).toEqual([["resolve", link.ninjaTicketId]]);
    expect((await sandboxTickets(sandbox)).find((t) => t.id === link.ninjaTicketId)?.status.name).toBe("RESOLVED");
    expect(ticketOfAlert(home, link.acronisAlertId)).toMatchObject({ status: "resolved", alertState: "cleared" });
  });

  it("defers the alerts over the per-run cap with a message saying so, and tickets them on the next run", async () => {
    expect((await runCli(["tickets", "config", "--max-tickets", "4"], { env })).code).toBe(0);
    const storm = await sync(env, ["--yes"]);
    expect(storm.code, storm.stderr).toBe(0);
    expect(storm.report.plan).toMatchObject({ create: 4, deferred: 2 });
    expect(storm.stderr).toContain("alert storm: 2 alert(s) over the cap of 4 ticket(s) raised per run were deferred to the next run");
    expect(await sandboxTickets(sandbox)).toHaveLength(4);
    const rest = await sync(env, ["--yes"]);
    expect(rest.report.plan).toMatchObject({ create: 2, deferred: 0 });
    expect(await sandboxTickets(sandbox)).toHaveLength(6);
  });

  it("counts and reports the alerts of customers mapped to no organization, without ticketing them", async () => {
    await control(sandbox, "POST", "/acronis/alerts", { type: "BackupFailed", tenantID: "8", details: { resourceId: "0b0b0b0b-0000-4000-8000-000000000001", resourceName: "WGB-SRV" } });
    const result = await sync(env, ["--yes"]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.report.plan.unmapped).toBe(1);
    expect(result.report.unmappedTenants).toEqual(["8"]);
    expect(result.stderr).toMatch(/1 alert\(s\) from 1 Acronis tenant\(s\) not mapped to a NinjaOne organization were not ticketed \(tenant ids 8\)/);
    expect(await sandboxTickets(sandbox)).toHaveLength(6);
  });

  it("prints the plan with --dry-run and changes nothing", async () => {
    const dry = await sync(env, ["--dry-run"]);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.report).toMatchObject({ dryRun: true, applied: null, plan: { create: 6 } });
    expect(await sandboxTickets(sandbox)).toHaveLength(0);
  });

  it("asks for --yes when there is no terminal to confirm on", async () => {
    const result = await runCli(["tickets", "sync"], { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("add --yes");
    expect(await sandboxTickets(sandbox)).toHaveLength(0);
  });

  it("lists the links with their states", async () => {
    expect((await sync(env, ["--yes"])).code).toBe(0);
    const list = await runCli(["tickets", "list", "--json"], { env });
    const links = (JSON.parse(list.stdout) as { links: Array<{ ninjaTicketId: number; ninjaOrgName: string; status: string }> }).links;
    expect(links).toHaveLength(6);
    expect(links.filter((l) => l.ninjaOrgName === "Contoso")).toHaveLength(3);
  });

  it("leaves exactly one ticket per alert and every link in the state file when killed at any point of a sync", async () => {
    // A refresh token NinjaOne rotated in a run killed before storing it must stay usable, or every later run fails to sign in.
    await control(sandbox, "PATCH", "/ninjaone/options", { refreshTokenRotation: "on-use" });
    expect((await sync(env, ["--yes"])).code).toBe(0);
    let round = 0;
    const raiseWork = async (): Promise<void> => {
      round += 1;
      for (let i = 0; i < 2; i += 1) {
        const id = `c0c0c0c0-0000-4000-8000-${String(round * 10 + i).padStart(12, "0")}`;
        await control(sandbox, "POST", "/acronis/alerts", { type: "BackupFailed", tenantID: "2", details: { resourceId: id, resourceName: `CRASH-${round}-${i}` } });
      }
      const open = stateLinks(home).find((l) => l.alertState === "active" && l.status === "open");
      if (open !== undefined) await control(sandbox, "POST", `/acronis/alerts/${open.acronisAlertId}/clear`);
    };
    await raiseWork();
    const before = arrivals;
    expect((await sync(env, ["--dry-run"])).code).toBe(0);
    const reads = arrivals - before;
    // The reads, then each write of the round: marker searches, creates, GET/PUT/comment of a resolve.
    const points = [Math.floor(reads / 2), reads, reads + 1, reads + 2, reads + 4, reads + 6];
    for (const n of points) {
      const armedAt = arrivals;
      sandbox.knobs.stallAfterRequests = n;
      const run = startSync(env);
      const finished = await Promise.race([run.done.then(() => true), waitFor(() => arrivals > armedAt + n).then(() => false)]);
      if (!finished) run.child.kill("SIGKILL");
      await run.done;
      sandbox.knobs.stallAfterRequests = 0;
      const rerun = await sync(env, ["--yes"]);
      expect(rerun.code, `after a kill at request ${n + 1}: ${rerun.stderr}`).toBe(0);
      const tickets = await sandboxTickets(sandbox);
      const markers = tickets.map((t) => t.tags.find((tag) => tag.startsWith("ninja-bridge:alert:")));
      expect(new Set(markers).size, `duplicate tickets after a kill at request ${n + 1}`).toBe(tickets.length);
      expect(stateLinks(home).map((l) => l.ninjaTicketId).sort((a, b) => a - b)).toEqual(tickets.map((t) => t.id).sort((a, b) => a - b));
      expect(rerun.report.counts.failed).toBe(0);
      await raiseWork();
    }
    const settled = await sync(env, ["--yes"]);
    expect(settled.report.plan).toMatchObject({ create: 2, adopt: 0 });
    expect((await sync(env, ["--dry-run"])).report.counts.planned).toBe(0);
  }, 60_000);
});
