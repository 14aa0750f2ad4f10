import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { ServiceFactory, ServiceHandler } from "../../src/sandbox/contract.js";
import { createAcronisService } from "../../src/sandbox/acronis/index.js";
import { createCippService } from "../../src/sandbox/cipp/index.js";
import { createNinjaOneService } from "../../src/sandbox/ninjaone/index.js";
import { SANDBOX_USER } from "../../src/sandbox/ninjaone/apps.js";
import type { RequestCounts } from "../../src/sandbox/core/request-counts.js";
import { startSandbox, type RunningSandbox } from "../../src/sandbox/server.js";
import { runCliJson } from "../helpers/cli-json.js";
import { useDemoSandbox } from "../helpers/demo-sandbox.js";
import { sandboxRefreshToken, withNinjaUserToken } from "../helpers/ninja-user-token.js";
import { makeCliHome, REPO_ROOT, type CliHome } from "../helpers/run-cli.js";
import { runInProcess } from "../helpers/run-in-process.js";
import { control } from "../helpers/sandbox-control.js";
import { sandboxEnv } from "../helpers/sandbox-env.js";
import { readStateFile, stateFile } from "../helpers/state-file.js";

interface SandboxTicket {
  id: number;
  clientId: number;
  nodeId?: number;
  subject: string;
  requesterUid?: string;
  status: { statusId: number; name: string };
  tags: string[];
  attributeValues: Array<{ attributeId: number; value: unknown }>;
}

interface SandboxAlert {
  id: string;
  type: string;
  updatedAt: string;
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

const sandboxTickets = (sandbox: RunningSandbox) => control<SandboxTicket[]>(sandbox, "GET", "/ninjaone/tickets");
const sandboxAlerts = async (sandbox: RunningSandbox) => (await control<{ items: SandboxAlert[] }>(sandbox, "GET", "/acronis/alerts")).items;

function stateLinks(home: CliHome): AlertLinkJson[] {
  return Object.values(readStateFile<{ alertLinks: Record<string, AlertLinkJson> }>(home).alertLinks);
}

interface SyncJson {
  dryRun: boolean;
  plan: Record<string, number>;
  counts: { planned: number; applied: number; failed: number; skipped: number };
  unmappedTenants: string[];
  actions: Array<{ kind: string; key: string; alertId?: string; ticketId?: number; reason: string }>;
  applied: { applied: Array<{ kind: string; ticketId: number }>; failed: unknown[] } | null;
}

const DAY_SECONDS = 86_400;

const sync = (env: NodeJS.ProcessEnv, args: string[] = []) => runCliJson<SyncJson>(["tickets", "sync", "--json", ...args], env);

/** The sandbox has two technicians, so the signed-in one cannot be told: tests name the requester. */
async function setRequester(env: NodeJS.ProcessEnv): Promise<void> {
  const result = await runInProcess(["tickets", "config", "--requester", SANDBOX_USER.email], { env });
  if (result.code !== 0) throw new Error(`tickets config --requester failed: ${result.stderr}`);
}

const ticketReads = async (sandbox: RunningSandbox) =>
  (await control<RequestCounts>(sandbox, "GET", "/requests")).services["ninjaone"]?.byRoute["GET /v2/ticketing/ticket/{ticketId}"]?.total ?? 0;

/**
 * The state file `automap --target acronis` writes for the demo estate, made once: every demo
 * sandbox holds the same tenants under the same ids, and each automap run costs a process start.
 */
let mappedState = "";
beforeAll(async () => {
  const sandbox = await startSandbox({ seed: "demo", port: 0 });
  const home = makeCliHome();
  try {
    const mapped = await runInProcess(["automap", "--target", "acronis", "--yes"], { env: sandboxEnv(sandbox, home, { acronis: true }) });
    if (mapped.code !== 0) throw new Error(`automap failed: ${mapped.stderr}`);
    mappedState = readFileSync(stateFile(home), "utf8");
  } finally {
    home.cleanup();
    await sandbox.close();
  }
});

/** Maps the demo customers in `home` as that automap run did. */
function mapCustomers(home: CliHome): void {
  mkdirSync(path.dirname(stateFile(home)), { recursive: true });
  writeFileSync(stateFile(home), mappedState, { mode: 0o600 });
}

function ticketOfAlert(home: CliHome, alertId: string): AlertLinkJson {
  const found = stateLinks(home).find((l) => l.acronisAlertId.toUpperCase() === alertId.toUpperCase());
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
const COUNTED = { ninjaone: counted(createNinjaOneService), acronis: counted(createAcronisService), cipp: counted(createCippService) };

async function waitFor(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 10));
}

let home: CliHome;
beforeEach(() => {
  home = makeCliHome();
});
afterEach(() => home.cleanup());

/** Acronis through the environment, and NinjaOne with either flow. */
function ticketsEnv(sandbox: RunningSandbox, ninja: { refreshToken: string } | "client-credentials"): NodeJS.ProcessEnv {
  const env = sandboxEnv(sandbox, home, { acronis: true });
  return ninja === "client-credentials" ? env : withNinjaUserToken(env, sandbox, ninja.refreshToken);
}

/** Kills the CLI where the sandbox holds a request, for the crash test. */
function startSync(env: NodeJS.ProcessEnv): { child: ChildProcess; done: Promise<number | null> } {
  const child = spawn(process.execPath, [path.join(REPO_ROOT, "bin", "ninja-bridge.js"), "tickets", "sync", "--yes"], { env, stdio: "ignore" });
  return { child, done: new Promise((resolve) => child.on("close", (code) => resolve(code))) };
}

describe("tickets with a client-credentials NinjaOne profile", () => {
  // Neither test changes what the sandbox holds, so they share one.
  const sandbox = useDemoSandbox({ services: COUNTED });

  it("explains user_context_required and how to switch the profile to the authorization-code flow", async () => {
    const env = ticketsEnv(sandbox(), "client-credentials");
    mapCustomers(home);
    await setRequester(env);
    const result = await runInProcess(["tickets", "sync", "--yes"], { env });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("user_context_required");
    expect(result.stderr).toContain("--flow authorization-code");
    expect(result.stderr).toContain("NINJA_BRIDGE_NINJAONE_FLOW=authorization-code");
    expect(await sandboxTickets(sandbox())).toHaveLength(0);
  });

  it("refuses a ticket form with required fields and saves nothing", async () => {
    const env = ticketsEnv(sandbox(), "client-credentials");
    const refused = await runInProcess(["tickets", "config", "--form", "2"], { env });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('"Backup alert" (2) has required fields (External alert id)');
    const saved = await runInProcess(["tickets", "config", "--form", "1", "--severity", "BackupFailed=critical", "--reopen-status", "OPEN"], { env });
    expect(saved.code, saved.stderr).toBe(0);
    const shown = JSON.parse((await runInProcess(["tickets", "config", "show", "--json"], { env })).stdout) as { settings: { ticketFormId: number; alertTypes: Record<string, { severity?: string }> } };
    expect(shown.settings.ticketFormId).toBe(1);
    expect(shown.settings.alertTypes.BackupFailed?.severity).toBe("CRITICAL");
  });
  it("refuses an alert type Acronis does not list, with the nearest one it does, and saves nothing", async () => {
    const env = ticketsEnv(sandbox(), "client-credentials");
    const refused = await runInProcess(["tickets", "config", "--enable-type", "BackupFaild"], { env });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('Acronis has no alert type "BackupFaild": did you mean BackupFailed?');
    const bogus = await runInProcess(["tickets", "config", "--severity", "Bogus=MAJOR"], { env });
    expect(bogus.code).toBe(2);
    expect(bogus.stderr).toContain('Acronis has no alert type "Bogus"');
    expect(bogus.stderr).toContain("MachineIsOffline");
    const shown = JSON.parse((await runInProcess(["tickets", "config", "show", "--json"], { env })).stdout) as { settings: { alertTypes: Record<string, unknown> } };
    expect(Object.keys(shown.settings.alertTypes)).not.toContain("BackupFaild");
    expect(Object.keys(shown.settings.alertTypes)).not.toContain("Bogus");
    expect((await runInProcess(["tickets", "config", "--enable-type", "MachineIsOffline"], { env })).code).toBe(0);
  });
});

describe("tickets sync with an authorization-code NinjaOne profile", () => {
  let env: NodeJS.ProcessEnv;
  /** An authorization-code profile for `home`, with the demo customers mapped. */
  const signIn = async (sandbox: RunningSandbox) => {
    env = ticketsEnv(sandbox, { refreshToken: await sandboxRefreshToken(sandbox) });
    mapCustomers(home);
    await setRequester(env);
  };

  describe("when it changes nothing", () => {
    // These runs write nothing to either side, so they share one sandbox.
    const sandbox = useDemoSandbox({ services: COUNTED });
    beforeEach(() => signIn(sandbox()));

    it("prints the plan with --dry-run and changes nothing", async () => {
      const dry = await sync(env, ["--dry-run"]);
      expect(dry.code, dry.stderr).toBe(0);
      expect(dry.report).toMatchObject({ dryRun: true, applied: null, plan: { create: 6 } });
      expect(await sandboxTickets(sandbox())).toHaveLength(0);
    });

    it("asks for --yes when there is no terminal to confirm on", async () => {
      const result = await runInProcess(["tickets", "sync"], { env });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain("add --yes");
      expect(await sandboxTickets(sandbox())).toHaveLength(0);
    });
  });

  describe("when it writes", () => {
    const sandbox = useDemoSandbox({ fresh: true, services: COUNTED });
    beforeEach(() => signIn(sandbox()));

    it("raises one ticket per alert, clears the alert when a technician resolves it, reopens it within the window and opens a new one after", async () => {
      expect((await runInProcess(["tickets", "config", "--clear-alert", "--reopen", "--reopen-days", "2"], { env })).code).toBe(0);
      const first = await sync(env, ["--yes"]);
      expect(first.code, first.stderr).toBe(0);
      expect(first.report.plan.create).toBe(6);
      const tickets = await sandboxTickets(sandbox());
      expect(tickets).toHaveLength(6);
      expect(tickets.filter((t) => !t.tags.includes("ninja-bridge") || !t.tags.some((tag) => tag.startsWith("ninja-bridge:alert:")))).toEqual([]);
      expect(stateLinks(home).map((l) => l.ninjaTicketId).sort()).toEqual(tickets.map((t) => t.id).sort());

      const alert = (await sandboxAlerts(sandbox())).find((a) => a.type === "BackupFailed" && a.deletedAt === undefined && stateLinks(home).some((l) => l.acronisAlertId === a.id));
      if (alert === undefined) throw new Error("no ticketed BackupFailed alert");
      const ticketId = ticketOfAlert(home, alert.id).ninjaTicketId;
      await control(sandbox(), "POST", `/ninjaone/tickets/${ticketId}/status`, { status: "RESOLVED" });
      const cleared = await sync(env, ["--yes"]);
      expect(cleared.report.actions.map((a) => a.kind)).toEqual(["clear-alert"]);
      expect((await sandboxAlerts(sandbox())).find((a) => a.id === alert.id)?.deletedAt).toBeDefined();
      expect(ticketOfAlert(home, alert.id)).toMatchObject({ status: "resolved", alertState: "cleared" });

      await control(sandbox(), "POST", "/acronis/alerts", { id: alert.id, type: alert.type });
      const reopened = await sync(env, ["--yes"]);
      expect(reopened.report.actions.map((a) => [a.kind, a.ticketId])).toEqual([["reopen", ticketId]]);
      expect((await sandboxTickets(sandbox())).find((t) => t.id === ticketId)?.status.name).toBe("OPEN");
      expect(ticketOfAlert(home, alert.id)).toMatchObject({ ninjaTicketId: ticketId, status: "open", alertState: "active" });

      await control(sandbox(), "POST", `/ninjaone/tickets/${ticketId}/status`, { status: "RESOLVED" });
      expect((await sync(env, ["--yes"])).code).toBe(0);
      await control(sandbox(), "POST", "/clock/advance", { seconds: 3 * DAY_SECONDS });
      await control(sandbox(), "POST", "/acronis/alerts", { id: alert.id, type: alert.type });
      const renewed = await sync(env, ["--yes"]);
      expect(renewed.report.actions.map((a) => a.kind)).toEqual(["create"]);
      const after = await sandboxTickets(sandbox());
      expect(after).toHaveLength(7);
      expect(ticketOfAlert(home, alert.id).ninjaTicketId).toBe(Math.max(...after.map((t) => t.id)));
      expect(after.find((t) => t.id === ticketId)?.status.name).toBe("RESOLVED");
    });

    it("reopens an alert raised again within the window while the services' clock runs days ahead of the local one, saying which clock decided", async () => {
      await control(sandbox(), "POST", "/clock/advance", { seconds: 3 * DAY_SECONDS });
      expect((await runInProcess(["tickets", "config", "--reopen", "--resolve"], { env })).code).toBe(0);
      expect((await sync(env, ["--yes"])).code).toBe(0);
      const link = stateLinks(home)[0];
      if (link === undefined) throw new Error("no link");
      const type = (await sandboxAlerts(sandbox())).find((a) => a.id === link.acronisAlertId)?.type;
      await control(sandbox(), "POST", `/acronis/alerts/${link.acronisAlertId}/clear`);
      const resolved = await sync(env, ["--yes"]);
      expect(resolved.report.actions.map((a) => [a.kind, a.ticketId])).toEqual([["resolve", link.ninjaTicketId]]);
      await control(sandbox(), "POST", "/acronis/alerts", { id: link.acronisAlertId, type });
      const again = await sync(env, ["--yes"]);
      expect(again.code, again.stderr).toBe(0);
      expect(again.report.actions.map((a) => [a.kind, a.ticketId])).toEqual([["reopen", link.ninjaTicketId]]);
      expect(again.report.actions[0]?.reason).toContain("on Acronis' clock");
      expect(again.stderr).not.toContain("lies in the future");
      expect(await sandboxTickets(sandbox())).toHaveLength(6);
    });

    it("dismisses an alert under the id exactly as Acronis spelled it, lower case included", async () => {
      expect((await runInProcess(["tickets", "config", "--clear-alert"], { env })).code).toBe(0);
      expect((await sync(env, ["--yes"])).code).toBe(0);
      const lower = (await sandboxAlerts(sandbox())).find((a) => a.id === a.id.toLowerCase() && a.deletedAt === undefined && stateLinks(home).some((l) => l.acronisAlertId === a.id));
      if (lower === undefined) throw new Error("no ticketed alert with a lower-case id");
      await control(sandbox(), "POST", `/ninjaone/tickets/${ticketOfAlert(home, lower.id).ninjaTicketId}/status`, { status: "RESOLVED" });
      const cleared = await sync(env, ["--yes"]);
      expect(cleared.code, cleared.stderr).toBe(0);
      expect(cleared.report.actions).toMatchObject([{ kind: "clear-alert", alertId: lower.id }]);
      expect((await sandboxAlerts(sandbox())).find((a) => a.id === lower.id)?.deletedAt).toBeDefined();
      expect(ticketOfAlert(home, lower.id)).toMatchObject({ acronisAlertId: lower.id, alertState: "cleared" });
    });

    it("sets the chosen status on the ticket when its alert clears in Acronis, sending back its requester and attribute values unchanged", async () => {
      expect((await runInProcess(["tickets", "config", "--resolve"], { env })).code).toBe(0);
      expect((await sync(env, ["--yes"])).code).toBe(0);
      const link = stateLinks(home)[0];
      if (link === undefined) throw new Error("no link");
      // A technician picks services in a multi-select attribute: its value is an array, not a string.
      const services = ["7a1c2e3f-0000-4b5c-8d9e-000000000001", "7a1c2e3f-0000-4b5c-8d9e-000000000002"];
      await control(sandbox(), "POST", `/ninjaone/tickets/${link.ninjaTicketId}/attributes`, { attributes: [{ attributeId: 7, value: services }] });
      await control(sandbox(), "POST", `/acronis/alerts/${link.acronisAlertId}/clear`);
      const resolved = await sync(env, ["--yes"]);
      expect(resolved.code, resolved.stderr).toBe(0);
      expect(resolved.report.actions.map((a) => [a.kind, a.ticketId])).toEqual([["resolve", link.ninjaTicketId]]);
      const ticket = (await sandboxTickets(sandbox())).find((t) => t.id === link.ninjaTicketId);
      expect(ticket).toMatchObject({ status: { name: "RESOLVED" }, requesterUid: SANDBOX_USER.uid, attributeValues: [{ attributeId: 7, value: services }] });
      expect(ticketOfAlert(home, link.acronisAlertId)).toMatchObject({ status: "resolved", alertState: "cleared" });
    });

    it("writes no ticket while no requester is set and the signed-in user cannot be told, and names the configured one on every ticket", async () => {
      expect((await runInProcess(["tickets", "config", "--requester", "default"], { env })).code).toBe(0);
      const refused = await runInProcess(["tickets", "sync", "--yes"], { env });
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain("tickets config --requester");
      expect(await sandboxTickets(sandbox())).toHaveLength(0);
      const unknown = await runInProcess(["tickets", "config", "--requester", "nobody@example.com"], { env });
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toContain("is not a NinjaOne user");
      await setRequester(env);
      expect((await sync(env, ["--yes"])).code).toBe(0);
      const tickets = await sandboxTickets(sandbox());
      expect(tickets).toHaveLength(6);
      expect(tickets.filter((t) => t.requesterUid !== SANDBOX_USER.uid)).toEqual([]);
    });

    it("defers the alerts over the per-run cap with a message saying so, and tickets them on the next run", async () => {
      expect((await runInProcess(["tickets", "config", "--max-tickets", "4"], { env })).code).toBe(0);
      const storm = await sync(env, ["--yes"]);
      expect(storm.code, storm.stderr).toBe(0);
      expect(storm.report.plan).toMatchObject({ create: 4, deferred: 2 });
      expect(storm.stderr).toContain("alert storm: 2 alert(s) over the cap of 4 ticket(s) raised per run were deferred to the next run");
      expect(await sandboxTickets(sandbox())).toHaveLength(4);
      const rest = await sync(env, ["--yes"]);
      expect(rest.report.plan).toMatchObject({ create: 2, deferred: 0 });
      expect(await sandboxTickets(sandbox())).toHaveLength(6);
    });

    it("counts and reports the alerts of customers mapped to no organization, without ticketing them", async () => {
      await control(sandbox(), "POST", "/acronis/alerts", { type: "BackupFailed", tenantID: "8", details: { resourceId: "0b0b0b0b-0000-4000-8000-000000000001", resourceName: "WGB-SRV" } });
      const result = await sync(env, ["--yes"]);
      expect(result.code, result.stderr).toBe(0);
      expect(result.report.plan.unmapped).toBe(1);
      expect(result.report.unmappedTenants).toEqual(["8"]);
      expect(result.stderr).toMatch(/1 alert\(s\) from 1 Acronis tenant\(s\) not mapped to a NinjaOne organization were not ticketed \(tenant ids 8\)/);
      expect(await sandboxTickets(sandbox())).toHaveLength(6);
    });

    it("lists the links with their states", async () => {
      expect((await sync(env, ["--yes"])).code).toBe(0);
      const list = await runInProcess(["tickets", "list", "--json"], { env });
      const links = (JSON.parse(list.stdout) as { links: Array<{ ninjaTicketId: number; ninjaOrgName: string; status: string }> }).links;
      expect(links).toHaveLength(6);
      expect(links.filter((l) => l.ninjaOrgName === "Contoso")).toHaveLength(3);
    });
  });

  describe("when an incremental read would miss alerts", () => {
    const sandbox = useDemoSandbox({ fresh: true, services: COUNTED });
    beforeEach(() => signIn(sandbox()));

    const cursors = () => readStateFile<{ cursors: Record<string, { cursor: string }> }>(home).cursors;
    const setCursors = (entries: Record<string, string>) => {
      const doc = readStateFile<{ cursors: Record<string, { name: string; cursor: string; updatedAt: string }> }>(home);
      for (const [name, cursor] of Object.entries(entries)) doc.cursors[name] = { name, cursor, updatedAt: new Date().toISOString() };
      writeFileSync(stateFile(home), JSON.stringify(doc), { mode: 0o600 });
    };
    const raiseBackupFailed = (tenantID: string, n: number) =>
      control(sandbox(), "POST", "/acronis/alerts", { type: "BackupFailed", tenantID, details: { resourceId: `d0d0d0d0-0000-4000-8000-${String(n).padStart(12, "0")}`, resourceName: `LATE-${n}` } });

    it("tickets an alert raised after the first run when the server reads the time filter in microseconds", async () => {
      await control(sandbox(), "PUT", "/acronis/options", { alertTimeUnit: "microseconds" });
      expect((await sync(env, ["--yes"])).report.plan.create).toBe(6);
      await raiseBackupFailed("2", 1);
      const next = await sync(env, ["--yes"]);
      expect(next.code, next.stderr).toBe(0);
      expect(next.stderr).toContain("stats moved since the last run but the read since the cursor found nothing newer");
      expect(next.report).toMatchObject({ read: "full", plan: { create: 1 } });
      expect(await sandboxTickets(sandbox())).toHaveLength(7);
      const quiet = await sync(env, ["--yes"]);
      expect(quiet.report).toMatchObject({ read: "incremental", plan: { create: 0 } });
    }, 60_000);

    it("clamps a stored cursor that lies in the future, says so, and tickets what came since", async () => {
      expect((await sync(env, ["--yes"])).code).toBe(0);
      setCursors({ "tickets.acronis-alerts": "2100-01-01T00:00:00.000000000Z" });
      await raiseBackupFailed("2", 2);
      const next = await sync(env, ["--yes"]);
      expect(next.code, next.stderr).toBe(0);
      expect(next.stderr).toContain("the stored alert cursor 2100-01-01T00:00:00.000000000Z lies in the future");
      expect(next.report.plan.create).toBe(1);
      expect(Date.parse(cursors()["tickets.acronis-alerts"]?.cursor ?? "")).toBeLessThan(Date.parse("2100-01-01T00:00:00Z"));
    }, 60_000);

    it("tickets the alerts of tenants mapped after a run that left them unmapped, without holding the cursor for tenants never mapped", async () => {
      const all = path.join(home.dir, "all.json");
      const one = path.join(home.dir, "one.json");
      expect((await runInProcess(["orgs", "map", "export", "--file", all], { env })).code).toBe(0);
      const file = JSON.parse(readFileSync(all, "utf8")) as { acronis: Array<{ orgName: string }> };
      expect(file.acronis).toHaveLength(5);
      writeFileSync(one, JSON.stringify({ ...file, acronis: file.acronis.filter((l) => l.orgName === "Contoso") }));
      expect((await runInProcess(["orgs", "map", "import", one, "--yes"], { env })).code).toBe(0);
      // Woodgrove (tenant 8) is never mapped: its alert must not hold the cursor back.
      await raiseBackupFailed("8", 3);
      const first = await sync(env, ["--yes"]);
      expect(first.code, first.stderr).toBe(0);
      expect(first.report.plan).toMatchObject({ create: 3, unmapped: 4 });
      expect(Object.keys(cursors()).filter((n) => n.startsWith("tickets.acronis-alerts.due:"))).toHaveLength(4);
      const cursorAfterFirst = cursors()["tickets.acronis-alerts"]?.cursor ?? "";
      const woodgrove = (await sandboxAlerts(sandbox())).find((a) => a.details["resourceName"] === "LATE-3");
      // Both RFC3339 with nine fractional digits in UTC: they compare as text.
      expect(cursorAfterFirst >= (woodgrove as SandboxAlert).updatedAt).toBe(true);

      expect((await runInProcess(["orgs", "map", "import", all, "--yes"], { env })).code).toBe(0);
      const mapped = await sync(env, ["--yes"]);
      expect(mapped.code, mapped.stderr).toBe(0);
      expect(mapped.report.plan).toMatchObject({ create: 3, unmapped: 1 });
      expect(await sandboxTickets(sandbox())).toHaveLength(6);
      expect(Object.keys(cursors()).filter((n) => n.startsWith("tickets.acronis-alerts.due:"))).toHaveLength(1);
      const settled = await sync(env, ["--yes"]);
      expect(settled.report.plan).toMatchObject({ create: 0 });
    }, 60_000);

    it("reads alerts changed since a given time with --since, to recover by hand", async () => {
      const now = new Date().toISOString();
      setCursors({ "tickets.acronis-alerts": now, "tickets.acronis-alerts.full-read": now });
      expect((await sync(env, ["--yes"])).report.plan.create).toBe(0);
      const bad = await runInProcess(["tickets", "sync", "--since", "last tuesday"], { env });
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain("--since must be an ISO time");
      const recovered = await sync(env, ["--yes", "--since", "7d"]);
      expect(recovered.code, recovered.stderr).toBe(0);
      expect(recovered.report).toMatchObject({ read: "since", plan: { create: 6 } });
      expect(await sandboxTickets(sandbox())).toHaveLength(6);
    }, 60_000);
  });

  // What a board search matches is undocumented: the crash test holds whatever it matches.
  describe.each(["none", "subject", "subject-tags-attributes"])("when killed while board search matches %s", (mode) => {
    const sandbox = useDemoSandbox({ fresh: true, services: COUNTED });
    beforeEach(async () => {
      await control(sandbox(), "PATCH", "/ninjaone/options", { boardSearch: mode });
      await signIn(sandbox());
    });

    it("leaves exactly one ticket per alert and every link in the state file when killed at any point of a sync", async () => {
      // A refresh token NinjaOne rotated in a run killed before storing it must stay usable, or every later run fails to sign in.
      await control(sandbox(), "PATCH", "/ninjaone/options", { refreshTokenRotation: "on-use" });
      expect((await sync(env, ["--yes"])).code).toBe(0);
      let round = 0;
      const raiseWork = async (): Promise<void> => {
        round += 1;
        for (let i = 0; i < 2; i += 1) {
          const id = `c0c0c0c0-0000-4000-8000-${String(round * 10 + i).padStart(12, "0")}`;
          await control(sandbox(), "POST", "/acronis/alerts", { type: "BackupFailed", tenantID: "2", details: { resourceId: id, resourceName: `CRASH-${round}-${i}` } });
        }
        const open = stateLinks(home).find((l) => l.alertState === "active" && l.status === "open");
        if (open !== undefined) await control(sandbox(), "POST", `/acronis/alerts/${open.acronisAlertId}/clear`);
      };
      await raiseWork();
      const before = arrivals;
      expect((await sync(env, ["--dry-run"])).code).toBe(0);
      const reads = arrivals - before;
      // A round's writes: the newest board row, read once before any create, then side by side two creates
      // (a board read, POST) and a resolve (GET, PUT, comment). Killed while reading; as the first create
      // lands (its link stored or not); and once both creates and the status change landed, before their
      // links and the comment. A held write never lands, so killing before one adds nothing a kill while
      // reading does not.
      const points = [Math.floor(reads / 2), reads + 5, reads + 7];
      for (const n of points) {
        const armedAt = arrivals;
        sandbox().knobs.stallAfterRequests = n;
        const run = startSync(env);
        const finished = await Promise.race([run.done.then(() => true), waitFor(() => arrivals > armedAt + n).then(() => false)]);
        if (!finished) run.child.kill("SIGKILL");
        await run.done;
        sandbox().knobs.stallAfterRequests = 0;
        const rerun = await sync(env, ["--yes"]);
        expect(rerun.code, `after a kill at request ${n + 1}: ${rerun.stderr}`).toBe(0);
        const tickets = await sandboxTickets(sandbox());
        const markers = tickets.map((t) => t.tags.find((tag) => tag.startsWith("ninja-bridge:alert:")));
        expect(new Set(markers).size, `duplicate tickets after a kill at request ${n + 1}`).toBe(tickets.length);
        expect(stateLinks(home).map((l) => l.ninjaTicketId).sort((a, b) => a - b)).toEqual(tickets.map((t) => t.id).sort((a, b) => a - b));
        expect(rerun.report.counts.failed).toBe(0);
        await raiseWork();
      }
      const settled = await sync(env, ["--yes"]);
      expect(settled.report.plan).toMatchObject({ create: 2, adopt: 0 });
      // Rows name organizations, not their ids: known tickets are placed by their links, not read one by one.
      const readsBefore = await ticketReads(sandbox());
      expect((await sync(env, ["--dry-run"])).report.counts.planned).toBe(0);
      expect(await ticketReads(sandbox())).toBe(readsBefore);
    }, 60_000);
  });
});
