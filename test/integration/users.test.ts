import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { SANDBOX_USER } from "../../src/sandbox/ninjaone/apps.js";
import { runCliJson } from "../helpers/cli-json.js";
import { sandboxRefreshToken, withNinjaUserToken } from "../helpers/ninja-user-token.js";
import { runInProcess, startInProcess } from "../helpers/run-in-process.js";
import { control } from "../helpers/sandbox-control.js";
import { useDemoProfile, type DemoProfile } from "../helpers/sandbox-env.js";
import { readStateFile, stateFile } from "../helpers/state-file.js";

interface AccessFileJson {
  format: string;
  version: number;
  instance: { url: string; tenant: string };
  roles: Array<{ id?: number; name: string; type?: string; members: Array<{ id?: number; email?: string; name?: string }> }>;
  endUsers: Array<{ id?: number; email: string; firstName: string; lastName: string; organizationId: number }>;
}

interface SandboxTicket {
  id: number;
  subject: string;
  tags: string[];
  status: { statusId: number; name: string };
}

interface ListJson {
  accounts: Array<{ id: number; type: string; email: string; organization: string | null; enabled: boolean | null; mfaConfigured: boolean | null; roles: string[] }>;
  entitlements: Array<{ accountId: number; roleId: number; role: string }>;
}

const ALEX = { id: 2, email: "alex.tech@example.com" };

const profile = useDemoProfile([
  ["config", "set", "users.approvalStatus", "RESOLVED"],
  ["config", "set", "users.requestOrganization", "1"],
  ["config", "set", "users.tokenAccount", SANDBOX_USER.email],
]);

let userEnv: NodeJS.ProcessEnv | undefined;
/** Ticket writes need a token with user context (the sandbox's strict default), as `users request` makes one. */
async function asUser(p: DemoProfile): Promise<NodeJS.ProcessEnv> {
  userEnv ??= withNinjaUserToken(p.env, p.sandbox, await sandboxRefreshToken(p.sandbox));
  return userEnv;
}

const fileIn = (p: DemoProfile, name: string) => path.join(p.home.env.HOME ?? "", name);
const readAccess = (file: string) => JSON.parse(readFileSync(file, "utf8")) as AccessFileJson;
const writeAccess = (file: string, access: AccessFileJson) => writeFileSync(file, `${JSON.stringify(access, null, 2)}\n`);
const tickets = (p: DemoProfile) => control<SandboxTicket[]>(p.sandbox, "GET", "/ninjaone/tickets");
const roleMembers = async (p: DemoProfile, roleName: string) => {
  const { report } = await runCliJson<ListJson>(["users", "list", "--json"], p.env);
  return report.entitlements.filter((e) => e.role === roleName).map((e) => e.accountId);
};

/** The live access exported to `name`, changed by `edit`. */
async function exportEdited(p: DemoProfile, name: string, edit: (access: AccessFileJson) => void): Promise<string> {
  const file = fileIn(p, name);
  const exported = await runInProcess(["users", "export", "--file", file], { env: p.env });
  expect(exported.code, exported.stderr).toBe(0);
  const access = readAccess(file);
  edit(access);
  writeAccess(file, access);
  return file;
}

const addAlexToHelpdesk = (access: AccessFileJson) => access.roles.find((r) => r.name === "Helpdesk")?.members.push({ email: ALEX.email });

describe("users list", () => {
  it("gives accounts and entitlements as an IGA import reads them, with MFA and enabled state as NinjaOne says", async () => {
    const { code, report } = await runCliJson<ListJson>(["users", "list", "--json"], profile().env);
    expect(code).toBe(0);
    expect(report.accounts.map((a) => [a.id, a.type])).toEqual([[1, "technician"], [2, "technician"], [3, "end-user"]]);
    expect(report.accounts[0]).toMatchObject({ email: SANDBOX_USER.email, mfaConfigured: true, enabled: true, roles: ["Administrator"] });
    expect(report.accounts[2]).toMatchObject({ organization: "Contoso", roles: ["Portal users"] });
    expect(report.entitlements).toEqual([
      { accountId: 1, email: SANDBOX_USER.email, type: "technician", roleId: 1, role: "Administrator" },
      { accountId: 3, email: "eve@contoso.example", type: "end-user", roleId: 3, role: "Portal users" },
    ]);
  });

  it("filters by type, organization and role, and prints either table as CSV", async () => {
    const env = profile().env;
    const endUsers = await runInProcess(["users", "list", "--type", "end-user", "--org", "Contoso", "--csv", "entitlements"], { env });
    expect(endUsers.code, endUsers.stderr).toBe(0);
    expect(endUsers.stdout.trim().split("\n")).toEqual(["account_id,email,type,role_id,role", "3,eve@contoso.example,end-user,3,Portal users"]);
    const admins = await runInProcess(["users", "list", "--role", "administrator", "--csv"], { env });
    expect(admins.stdout.trim().split("\n")).toHaveLength(2);
    expect(admins.stdout).toContain(`1,${SANDBOX_USER.uid},technician,Sam Sandbox,${SANDBOX_USER.email},,,true,true,true,Administrator`);
    const none = await runInProcess(["users", "list", "--type", "robot"], { env });
    expect(none.code).toBe(2);
  });
});

describe("users access as code", () => {
  it("exports the same bytes twice from an unchanged instance, sorted by id", async () => {
    const p = profile();
    const first = await runInProcess(["users", "export"], { env: p.env });
    const second = await runInProcess(["users", "export"], { env: p.env });
    expect(first.code, first.stderr).toBe(0);
    expect(second.stdout).toBe(first.stdout);
    const access = JSON.parse(first.stdout) as AccessFileJson;
    expect(access.instance.url).toBe(p.sandbox.urls.ninjaone);
    expect(access.roles.map((r) => r.id)).toEqual([1, 2, 3]);
    expect(access.endUsers.map((u) => u.id)).toEqual([3]);
  });

  it("export → edit → check (4) → request → approve → apply --ticket → check (0)", async () => {
    const p = profile();
    const env = await asUser(p);
    const file = await exportEdited(p, "access.json", (access) => {
      addAlexToHelpdesk(access);
      access.endUsers.push({ email: "new.user@contoso.example", firstName: "Nia", lastName: "New", organizationId: 1 });
    });

    const drift = await runInProcess(["users", "check", "--file", file], { env });
    expect(drift.code).toBe(4);
    expect(drift.stdout).toContain(`add Alex Tech <${ALEX.email}> (2) to role Helpdesk (2)`);
    expect(drift.stdout).toContain("create end user Nia New <new.user@contoso.example> in organization 1");

    const requested = await runCliJson<{ ticketId: number; marker: string; changes: string[] }>(["users", "request", "--file", file, "--json"], env);
    expect(requested.code, requested.stderr).toBe(0);
    const { ticketId, marker } = requested.report;
    expect(requested.report.changes).toHaveLength(2);
    const ticket = (await tickets(p)).find((t) => t.id === ticketId);
    expect(ticket?.tags).toContain(marker);
    const recorded = readStateFile<{ users: { requests: Record<string, { status: string; actions: unknown[] }> } }>(p.home).users.requests[String(ticketId)];
    expect(recorded).toMatchObject({ status: "requested" });
    expect(recorded?.actions).toHaveLength(2);

    const early = await runInProcess(["users", "apply", "--ticket", String(ticketId), "--yes"], { env });
    expect(early.code).toBe(1);
    expect(early.stderr).toContain("not approved yet");
    expect(await roleMembers(p, "Helpdesk")).toEqual([]);

    await control(p.sandbox, "POST", `/ninjaone/tickets/${ticketId}/status`, { status: "RESOLVED" });
    const applied = await runCliJson<{ counts: { applied: number }; applied: { commented: boolean } }>(["users", "apply", "--ticket", String(ticketId), "--yes", "--json"], env);
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.report.counts.applied).toBe(2);
    expect(applied.report.applied.commented).toBe(true);
    expect(readStateFile<{ users: { requests: Record<string, { status: string }> } }>(p.home).users.requests[String(ticketId)]?.status).toBe("applied");

    const clean = await runInProcess(["users", "check", "--file", file], { env });
    expect(clean.code, clean.stdout + clean.stderr).toBe(0);
    const again = await runInProcess(["users", "apply", "--ticket", String(ticketId), "--yes"], { env });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain("applied already");
  });
});

describe("users bad input", () => {
  it("refuses a file naming a role or user that does not exist, naming each, and applies nothing", async () => {
    const p = profile();
    const file = await exportEdited(p, "unknown.json", (access) => {
      access.roles.push({ name: "Ghost role", members: [] });
      access.roles.find((r) => r.name === "Administrator")?.members.push({ email: "nobody@example.com" });
    });
    const before = await roleMembers(p, "Administrator");
    const result = await runInProcess(["users", "apply", "--file", file, "--yes"], { env: p.env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('no NinjaOne role is named "Ghost role"');
    expect(result.stderr).toContain('"nobody@example.com" is not a NinjaOne user');
    expect(await roleMembers(p, "Administrator")).toEqual(before);
  });

  it("refuses a file exported from another instance", async () => {
    const p = profile();
    const file = await exportEdited(p, "foreign.json", (access) => {
      access.instance.url = "https://eu.ninjarmm.com";
    });
    const result = await runInProcess(["users", "check", "--file", file], { env: p.env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("belongs to another NinjaOne instance");
  });

  it("refuses a ticket that is not one of its requests", async () => {
    const result = await runInProcess(["users", "apply", "--ticket", "999999", "--yes"], { env: profile().env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("ticket 999999 is not a request");
  });

  it("never removes the last technician of the administrator role, nor more than --max-remove", async () => {
    const p = profile();
    const file = await exportEdited(p, "no-admin.json", (access) => {
      const admin = access.roles.find((r) => r.name === "Administrator");
      if (admin !== undefined) admin.members = [];
    });
    // The profile's token account is Sam, the one administrator; here the token is another technician's.
    const env = { ...p.env, NINJA_BRIDGE_USERS_TOKEN_ACCOUNT: ALEX.email };
    const guarded = await runCliJson<{ counts: { planned: number; skipped: number }; notes: string[] }>(["users", "apply", "--file", file, "--yes", "--json"], env);
    expect(guarded.code, guarded.stderr).toBe(0);
    expect(guarded.report.counts).toMatchObject({ planned: 0, skipped: 1 });
    expect(guarded.report.notes[0]).toContain("without an enabled technician");
    expect(await roleMembers(p, "Administrator")).toEqual([1]);
    const own = await runCliJson<{ notes: string[] }>(["users", "apply", "--file", file, "--yes", "--json"], p.env);
    expect(own.report.notes[0]).toContain("it is the account the token signs in as");

    const everyone = await exportEdited(p, "remove-all.json", (access) => {
      access.endUsers = [];
    });
    const capped = await runInProcess(["users", "apply", "--file", everyone, "--yes", "--max-remove", "0"], { env: p.env });
    expect(capped.code).toBe(2);
    expect(capped.stderr).toContain("more than --max-remove allows (0)");
  });

  it("refuses to apply a request when NinjaOne changed since it was made", async () => {
    const p = profile();
    const env = await asUser(p);
    const file = await exportEdited(p, "drift.json", (access) => {
      access.roles.find((r) => r.name === "Administrator")?.members.push({ id: ALEX.id });
    });
    const requested = await runCliJson<{ ticketId: number }>(["users", "request", "--file", file, "--json"], env);
    expect(requested.code, requested.stderr).toBe(0);
    // A person takes someone out of a role the file lists, in NinjaOne's UI.
    await control(p.sandbox, "POST", "/ninjaone/roles/2/members", { remove: [ALEX.id] });
    await control(p.sandbox, "POST", `/ninjaone/tickets/${requested.report.ticketId}/status`, { status: "RESOLVED" });
    const result = await runInProcess(["users", "apply", "--ticket", String(requested.report.ticketId), "--yes"], { env });
    expect(result.code).toBe(4);
    expect(result.stderr).toContain("changed since ticket");
    expect(await roleMembers(p, "Administrator")).toEqual([1]);
  });

  it("request --wait exits 4 when the ticket is closed unapproved and 124 at --timeout", async () => {
    const p = profile();
    const env = await asUser(p);
    const file = await exportEdited(p, "wait.json", (access) => {
      access.roles.find((r) => r.name === "Helpdesk")?.members.push({ id: 1 }, { id: ALEX.id });
    });
    const known = new Set((await tickets(p)).map((t) => t.id));
    const waiting = startInProcess(["users", "request", "--file", file, "--wait", "--timeout", "2m"], { env });
    let opened: SandboxTicket | undefined;
    while (opened === undefined) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      opened = (await tickets(p)).find((t) => !known.has(t.id));
    }
    await control(p.sandbox, "POST", `/ninjaone/tickets/${opened.id}/status`, { status: "CLOSED" });
    const rejected = await waiting.done;
    expect(rejected.code, rejected.stderr).toBe(4);
    expect(rejected.stderr).toContain("closed without approval");

    const timedOut = await runInProcess(["users", "request", "--file", file, "--wait", "--timeout", "1s"], { env });
    expect(timedOut.code, timedOut.stderr).toBe(124);
    expect(timedOut.stderr).toContain("at --timeout");
  });

  it("never opens a second ticket for a request a stopped run may have opened: it is adopted by its marker, or forgotten", async () => {
    const p = profile();
    const env = await asUser(p);
    const file = await exportEdited(p, "pending.json", addAlexToHelpdesk);
    const known = (await tickets(p)).length;

    // The create's connection drops: whether NinjaOne made the ticket cannot be told, so the request stays pending.
    await control(p.sandbox, "PATCH", "/knobs", { faultRate: 1, faultKinds: ["drop"], faultRoutes: ["POST /v2/ticketing/ticket"] });
    const dropped = await runInProcess(["users", "request", "--file", file], { env });
    await control(p.sandbox, "PATCH", "/knobs", { faultRate: 0, faultKinds: ["status500", "status502", "status503", "drop", "html"], faultRoutes: [] });
    expect(dropped.code).not.toBe(0);
    const pending = () => Object.keys(readStateFile<{ users: { pending: Record<string, unknown> } }>(p.home).users.pending);
    expect(pending()).toHaveLength(1);
    const refused = await runInProcess(["users", "request", "--file", file], { env });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("no second one is opened");
    expect(await tickets(p)).toHaveLength(known);

    const forgot = await runInProcess(["users", "request", "--forget-pending"], { env });
    expect(forgot.code, forgot.stderr).toBe(0);
    const opened = await runCliJson<{ ticketId: number; marker: string }>(["users", "request", "--file", file, "--json"], env);
    expect(opened.code, opened.stderr).toBe(0);
    const { ticketId, marker } = opened.report;

    // What a kill between the create and its record leaves: the request pending, its ticket made.
    const doc = readStateFile<{ users: { requests: Record<string, Record<string, unknown>>; pending: Record<string, unknown> } }>(p.home);
    const { ticketId: _id, status: _status, landed: _landed, ...request } = doc.users.requests[String(ticketId)] ?? {};
    delete doc.users.requests[String(ticketId)];
    doc.users.pending[marker] = request;
    writeFileSync(stateFile(p.home), JSON.stringify(doc));

    const other = (await tickets(p)).find((t) => !t.tags.includes(marker));
    const wrong = await runInProcess(["users", "request", "--adopt", String(other?.id ?? 1)], { env });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain("carries no pending request's marker");
    const adopted = await runInProcess(["users", "request", "--adopt", String(ticketId)], { env });
    expect(adopted.code, adopted.stderr).toBe(0);
    expect(pending()).toEqual([]);
    await control(p.sandbox, "POST", `/ninjaone/tickets/${ticketId}/status`, { status: "RESOLVED" });
    const applied = await runInProcess(["users", "apply", "--ticket", String(ticketId), "--yes"], { env });
    expect(applied.code, applied.stderr).toBe(0);
    expect(await roleMembers(p, "Helpdesk")).toEqual([ALEX.id]);
    await control(p.sandbox, "POST", "/ninjaone/roles/2/members", { remove: [ALEX.id] });
  });

  it("stops with NinjaOne's 403 when the token lacks the scope to change roles", async () => {
    const p = profile();
    const file = await exportEdited(p, "readonly.json", addAlexToHelpdesk);
    const env = {
      ...p.env,
      NINJA_BRIDGE_NINJAONE_CLIENT_ID: p.sandbox.credentials.ninjaone.monitoringOnlyClientId,
      NINJA_BRIDGE_NINJAONE_CLIENT_SECRET: p.sandbox.credentials.ninjaone.monitoringOnlyClientSecret,
      NINJA_BRIDGE_NINJAONE_SCOPES: "monitoring",
    };
    const result = await runInProcess(["users", "apply", "--file", file, "--yes"], { env });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain("403");
    expect(await roleMembers(p, "Helpdesk")).not.toContain(ALEX.id);
  });
});
