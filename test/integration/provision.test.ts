import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startSandbox, type RunningSandbox } from "../../src/sandbox/server.js";
import { makeCliHome, REPO_ROOT, type CliHome } from "../helpers/run-cli.js";
import { runInProcess } from "../helpers/run-in-process.js";
import { control } from "../helpers/sandbox-control.js";
import { readStateFile, stateFile } from "../helpers/state-file.js";

interface SandboxTenant {
  id: string;
  name: string;
  enabled: boolean;
  internal_tag: string | null;
  pricing_mode: string;
  mfa_status: string;
  deleted_at: string | null;
  parent_id: string;
  kind: string;
}

interface SandboxUser {
  id: string;
  login: string;
  tenant_id: string;
  access_policies: Array<{ role_id: string; tenant_id: string }>;
}

interface StateJson {
  mappings: { acronis: Record<string, { acronisTenantId: string; acronisTenantName: string; source: string }> };
  provisioning: Record<
    string,
    { status: string; origin: string; acronisTenantId: string; steps: Record<string, string>; disabledAt?: string; deletedAt?: string; userId?: string; activationSendingAt?: string }
  >;
  orgsSeen: Record<string, unknown>;
}

const DAY_S = 86_400;

/** Points a CLI home at the sandbox's NinjaOne and Acronis through the environment only, as cron would be set up. */
function sandboxEnv(home: CliHome, acronisFrom: RunningSandbox, ninjaFrom: RunningSandbox = acronisFrom): NodeJS.ProcessEnv {
  return {
    ...home.env,
    NINJA_BRIDGE_NINJAONE_INSTANCE: ninjaFrom.urls.ninjaone,
    NINJA_BRIDGE_NINJAONE_CLIENT_ID: ninjaFrom.credentials.ninjaone.clientCredentialsClientId,
    NINJA_BRIDGE_NINJAONE_CLIENT_SECRET: ninjaFrom.credentials.ninjaone.clientCredentialsClientSecret,
    NINJA_BRIDGE_NINJAONE_RATE_LIMIT: "1000",
    NINJA_BRIDGE_ACRONIS_URL: acronisFrom.urls.acronis,
    NINJA_BRIDGE_ACRONIS_CLIENT_ID: acronisFrom.credentials.acronis.client_id,
    NINJA_BRIDGE_ACRONIS_CLIENT_SECRET: acronisFrom.credentials.acronis.client_secret,
    NINJA_BRIDGE_ACRONIS_RATE_LIMIT: "1000",
  };
}

async function tenantsNamed(sandbox: RunningSandbox, name: string): Promise<SandboxTenant[]> {
  const { items } = await control<{ items: SandboxTenant[] }>(sandbox, "GET", "/acronis/tenants");
  return items.filter((t) => t.name === name && t.deleted_at === null && t.kind === "customer");
}

async function usersOf(sandbox: RunningSandbox, tenantId: string): Promise<SandboxUser[]> {
  const { items } = await control<{ items: SandboxUser[] }>(sandbox, "GET", "/acronis/users");
  return items.filter((u) => u.tenant_id === tenantId);
}

async function activationEmails(sandbox: RunningSandbox): Promise<Array<{ email: string; tenant_id: string }>> {
  return (await control<{ items: Array<{ email: string; tenant_id: string }> }>(sandbox, "GET", "/acronis/activation-emails")).items;
}

async function cli(args: string[], env: NodeJS.ProcessEnv) {
  return runInProcess(args, { env });
}

async function configure(env: NodeJS.ProcessEnv, flags: string[]): Promise<void> {
  const result = await cli(["provision", "config", ...flags], env);
  expect(result.code, result.stderr).toBe(0);
}

let home: CliHome;
let sandboxes: RunningSandbox[];
beforeEach(() => {
  home = makeCliHome();
  sandboxes = [];
});
afterEach(async () => {
  await Promise.all(sandboxes.map((s) => s.close()));
  home.cleanup();
});

async function sandbox(now?: () => number): Promise<RunningSandbox> {
  const started = await startSandbox({ seed: "demo", port: 0, ...(now === undefined ? {} : { now }) });
  sandboxes.push(started);
  return started;
}

describe("provision", () => {
  it("provisions one named organization in production with 2FA off: services, pricing, admin, role, activation e-mail, mapping", async () => {
    const sb = await sandbox();
    const env = sandboxEnv(home, sb);
    await configure(env, ["--edition", "per_workload", "--admin-email", "backup+{slug}@msp.example", "--mode", "production", "--mfa", "off"]);

    const result = await cli(["provision", "Alpine Ski House", "--yes", "--json"], env);
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as { plan: Array<{ action: string }>; results: Array<{ result: string; steps: string[] }> };
    expect(report.plan.map((a) => a.action)).toEqual(["create"]);
    expect(report.results).toMatchObject([{ result: "applied", steps: ["tenant", "mfa", "services", "pricing", "user", "role", "activation", "map"] }]);

    const [tenant, ...others] = await tenantsNamed(sb, "Alpine Ski House");
    expect(others).toEqual([]);
    expect(tenant).toMatchObject({ pricing_mode: "production", mfa_status: "disabled", internal_tag: "ninja-org:5", parent_id: sb.credentials.acronis.tenant_id });
    const tenantId = tenant?.id ?? "";
    const users = await usersOf(sb, tenantId);
    expect(users).toMatchObject([{ login: "backup+alpine-ski-house@msp.example", access_policies: [{ role_id: "company_admin", tenant_id: tenantId }] }]);
    expect(await activationEmails(sb)).toMatchObject([{ email: "backup+alpine-ski-house@msp.example", tenant_id: tenantId }]);
    const services = await acronisApi<{ items: Array<{ name: string; status: number }> }>(sb, "GET", `/api/2/tenants/${tenantId}/offering_items?edition=*`);
    expect(services.items.filter((i) => i.status === 1).map((i) => i.name).sort()).toEqual(["pw_advanced_security", "pw_servers", "pw_storage", "pw_workstations"]);

    const state = readStateFile<StateJson>(home);
    expect(state.mappings.acronis["5"]).toMatchObject({ acronisTenantId: tenantId, source: "provision" });
    expect(state.provisioning["5"]).toMatchObject({ status: "active", origin: "provisioned", userId: users[0]?.id });
    expect(Object.keys(state.orgsSeen)).toHaveLength(6);
  });

  it("provisions every unmapped organization in trial with 2FA on, refusing those an unmapped customer already names", async () => {
    const sb = await sandbox();
    const env = sandboxEnv(home, sb);
    await configure(env, ["--edition", "per_workload", "--admin-email", "it-{orgId}@msp.example", "--mode", "trial", "--mfa", "on"]);

    const result = await cli(["provision", "--all-unmapped", "--yes", "--json"], env);
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as { plan: Array<{ org: { name: string }; action: string; candidates?: Array<{ name: string }> }> };
    expect(report.plan.map((a) => `${a.org.name}: ${a.action}`)).toEqual([
      "Contoso: refuse",
      "Fabrikam, Inc.: refuse",
      "Northwind Traders: refuse",
      "Tailspin Toys (HQ): create",
      "Alpine Ski House: create",
      "Adatum: refuse",
    ]);
    expect(report.plan.find((a) => a.org.name === "Adatum")?.candidates?.map((c) => c.name)).toEqual(["Adatum GmbH", "ADATUM"]);

    for (const name of ["Tailspin Toys (HQ)", "Alpine Ski House"]) {
      const found = await tenantsNamed(sb, name);
      expect(found).toHaveLength(1);
      expect(found[0]).toMatchObject({ pricing_mode: "trial", mfa_status: "enabled" });
    }
    expect((await activationEmails(sb)).map((e) => e.email).sort()).toEqual(["it-4@msp.example", "it-5@msp.example"]);
    expect(await tenantsNamed(sb, "Contoso")).toHaveLength(1);

    const again = await cli(["provision", "--all-unmapped", "--yes", "--json"], env);
    expect(again.code, again.stderr).toBe(0);
    expect((JSON.parse(again.stdout) as { plan: Array<{ action: string }> }).plan.filter((a) => a.action !== "refuse")).toEqual([]);
    expect(await activationEmails(sb)).toHaveLength(2);
  });

  it("stops before creating a tenant when the edition would enable nothing, naming the partner's editions", async () => {
    const sb = await sandbox();
    const env = sandboxEnv(home, sb);
    await configure(env, ["--admin-email", "it@msp.example"]);

    const several = await cli(["provision", "Alpine Ski House", "--yes"], env);
    expect(several.code).toBe(2);
    expect(several.stderr).toContain("several editions (per_gigabyte, per_workload)");
    await configure(env, ["--edition", "standard"]);
    const legacy = await cli(["provision", "Alpine Ski House", "--yes"], env);
    expect(legacy.code).toBe(2);
    expect(legacy.stderr).toContain("nothing in the standard edition");
    expect(legacy.stderr).toContain("the partner's editions: per_gigabyte, per_workload");
    expect(await tenantsNamed(sb, "Alpine Ski House")).toEqual([]);
    expect(existsSync(stateFile(home))).toBe(false);

    await configure(env, ["--edition", "*", "--offering-items", "pg_base_workstations,pg_storage"]);
    const named = await cli(["provision", "Alpine Ski House", "--yes", "--json"], env);
    expect(named.code, named.stderr).toBe(0);
    expect((JSON.parse(named.stdout) as { services: string[] }).services).toEqual(["pg_base_workstations", "pg_storage"]);
  });

  it("refuses a named organization whose normalised name an unmapped customer carries and exits 1, and applies nothing without --yes", async () => {
    const sb = await sandbox();
    const env = sandboxEnv(home, sb);
    await configure(env, ["--edition", "per_workload", "--admin-email", "it@msp.example"]);

    const result = await cli(["provision", "Fabrikam, Inc.", "--yes"], env);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("Fabrikam Inc");
    expect(result.stdout).toContain("orgs map");
    expect(await tenantsNamed(sb, "Fabrikam, Inc.")).toEqual([]);
    expect(readStateFile<StateJson>(home).provisioning).toEqual({});

    const unconfirmed = await cli(["provision", "Alpine Ski House"], env);
    expect(unconfirmed.code).toBe(2);
    expect(unconfirmed.stderr).toContain("--yes");
    expect(await tenantsNamed(sb, "Alpine Ski House")).toEqual([]);
  });

  it("resumes after a kill right after the tenant was created: one tenant, one user, mapped", async () => {
    const sb = await sandbox();
    const env = sandboxEnv(home, sb);
    await configure(env, ["--edition", "per_workload", "--admin-email", "it@msp.example"]);

    // A dry run makes exactly the reads a real run makes before its create, once the token the
    // real run reuses is kept: count the second dry run.
    expect((await cli(["provision", "Alpine Ski House", "--dry-run"], env)).code).toBe(0);
    const before = sb.counts().total;
    expect((await cli(["provision", "Alpine Ski House", "--dry-run"], env)).code).toBe(0);
    const reads = sb.counts().total - before;
    sb.knobs.stallAfterRequests = reads + 1;

    const child = spawn(process.execPath, [path.join(REPO_ROOT, "bin", "ninja-bridge.js"), "provision", "Alpine Ski House", "--yes"], { env, stdio: "ignore" });
    const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
    await until(() => existsSync(stateFile(home)) && readStateFile<StateJson>(home).provisioning["5"] !== undefined);
    child.kill("SIGKILL");
    await exited;
    sb.knobs.stallAfterRequests = 0;

    const killed = readStateFile<StateJson>(home);
    expect(killed.provisioning["5"]).toMatchObject({ status: "provisioning", steps: { tenant: expect.any(String) } });
    expect(killed.provisioning["5"]?.steps.services).toBeUndefined();

    const rerun = await cli(["provision", "Alpine Ski House", "--yes", "--json"], env);
    expect(rerun.code, rerun.stderr).toBe(0);
    expect((JSON.parse(rerun.stdout) as { plan: Array<{ action: string }> }).plan).toMatchObject([{ action: "resume" }]);
    const tenants = await tenantsNamed(sb, "Alpine Ski House");
    expect(tenants).toHaveLength(1);
    expect(await usersOf(sb, tenants[0]?.id ?? "")).toHaveLength(1);
    expect(readStateFile<StateJson>(home).mappings.acronis["5"]).toMatchObject({ acronisTenantId: tenants[0]?.id });
  });

  it("sends no second activation e-mail after a kill between sending it and recording it, and none to a user who is activated", async () => {
    const sb = await sandbox();
    const env = sandboxEnv(home, sb);
    await configure(env, ["--edition", "per_workload", "--admin-email", "it+{orgId}@msp.example", "--mode", "trial"]);

    // The first dry run may also fetch the token the real run then reuses: count the second.
    expect((await cli(["provision", "Alpine Ski House", "--dry-run"], env)).code).toBe(0);
    const before = sb.counts().total;
    expect((await cli(["provision", "Alpine Ski House", "--dry-run"], env)).code).toBe(0);
    const reads = sb.counts().total - before;
    // In trial with 2FA off, seven writes and reads come before the e-mail: create, services, list users,
    // check_login, create user, role, and the user's activation state. The e-mail request is held.
    sb.knobs.stallAfterRequests = reads + 7;
    const child = spawn(process.execPath, [path.join(REPO_ROOT, "bin", "ninja-bridge.js"), "provision", "Alpine Ski House", "--yes"], { env, stdio: "ignore" });
    const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
    let gone = false;
    void exited.then(() => (gone = true));
    await until(() => gone || (existsSync(stateFile(home)) && readStateFile<StateJson>(home).provisioning["5"]?.activationSendingAt !== undefined));
    child.kill("SIGKILL");
    await exited;
    sb.knobs.stallAfterRequests = 0;
    const killed = readStateFile<StateJson>(home).provisioning["5"];
    expect(killed).toMatchObject({ activationSendingAt: expect.any(String), steps: { role: expect.any(String) } });
    expect(killed?.steps.activation).toBeUndefined();
    // The held request stands for one that landed before the kill: Acronis sent the e-mail, the state never heard.
    await acronisApi(sb, "POST", `/api/2/users/${killed?.userId ?? ""}/send-activation-email`, {});

    const rerun = await cli(["provision", "Alpine Ski House", "--yes", "--json"], env);
    expect(rerun.code, rerun.stderr).toBe(0);
    const [result] = (JSON.parse(rerun.stdout) as { results: Array<{ steps: string[]; notes: string[] }> }).results;
    expect(result?.steps).toEqual(["activation", "map"]);
    expect(result?.notes).toEqual([expect.stringContaining("it is not sent again")]);
    expect(await activationEmails(sb)).toHaveLength(1);

    // Another organization's admin, activated before the e-mail step (say through the portal), gets none.
    sb.knobs.stallAfterRequests = reads + 6;
    const second = spawn(process.execPath, [path.join(REPO_ROOT, "bin", "ninja-bridge.js"), "provision", "Tailspin Toys (HQ)", "--yes"], { env, stdio: "ignore" });
    const secondExited = new Promise<void>((resolve) => second.on("exit", () => resolve()));
    await until(() => readStateFile<StateJson>(home).provisioning["4"]?.steps.role !== undefined);
    second.kill("SIGKILL");
    await secondExited;
    sb.knobs.stallAfterRequests = 0;
    await control(sb, "POST", `/acronis/users/${readStateFile<StateJson>(home).provisioning["4"]?.userId ?? ""}/activate`);
    const quiet = await cli(["provision", "Tailspin Toys (HQ)", "--yes", "--json"], env);
    expect(quiet.code, quiet.stderr).toBe(0);
    expect((JSON.parse(quiet.stdout) as { results: Array<{ notes: string[] }> }).results).toMatchObject([{ notes: [] }]);
    expect((await activationEmails(sb)).map((e) => e.email)).toEqual(["it+5@msp.example"]);
  });

  it("adopts the customer a killed run created but never recorded, found by its internal tag", async () => {
    const sb = await sandbox();
    const env = sandboxEnv(home, sb);
    await configure(env, ["--edition", "per_workload", "--admin-email", "it@msp.example"]);
    const orphan = await createTenantDirectly(sb, { name: "Alpine Ski House", internal_tag: "ninja-org:5" });

    const result = await cli(["provision", "Alpine Ski House", "--yes", "--json"], env);
    expect(result.code, result.stderr).toBe(0);
    expect((JSON.parse(result.stdout) as { plan: Array<{ action: string }> }).plan).toMatchObject([{ action: "adopt" }]);
    expect((await tenantsNamed(sb, "Alpine Ski House")).map((t) => t.id)).toEqual([orphan]);
    expect(await usersOf(sb, orphan)).toHaveLength(1);
    expect(readStateFile<StateJson>(home).mappings.acronis["5"]).toMatchObject({ acronisTenantId: orphan });
  });
});

describe("deprovision", () => {
  async function provisioned(sb: RunningSandbox, env: NodeJS.ProcessEnv, settings: string[]): Promise<string> {
    const org = "Alpine Ski House";
    await configure(env, ["--edition", "per_workload", "--admin-email", "it+{slug}@msp.example", ...settings]);
    const result = await cli(["provision", org, "--yes"], env);
    expect(result.code, result.stderr).toBe(0);
    return (await tenantsNamed(sb, org))[0]?.id ?? "";
  }

  it("disables the customer of a deleted organization, and deletes it once it has been disabled for delete-after-days", async () => {
    // Acronis' clock runs 40 days behind during the disable, so "40 days later" is now.
    let lagMs = 0;
    const sb = await sandbox(() => Date.now() - lagMs);
    const env = sandboxEnv(home, sb);
    const tenantId = await provisioned(sb, env, ["--delete-after-days", "60"]);
    await control(sb, "DELETE", "/ninjaone/organizations/5");

    lagMs = 40 * DAY_S * 1000;
    const disable = await cli(["deprovision", "--yes"], env);
    lagMs = 0;
    expect(disable.code, disable.stderr).toBe(0);
    expect((await tenantsNamed(sb, "Alpine Ski House"))[0]).toMatchObject({ id: tenantId, enabled: false });
    const disabledAt = Date.parse(readStateFile<StateJson>(home).provisioning["5"]?.disabledAt ?? "");
    expect(Date.now() - disabledAt).toBeGreaterThan(39 * DAY_S * 1000);

    const early = await cli(["deprovision", "--yes", "--json"], env);
    expect(early.code, early.stderr).toBe(0);
    expect((JSON.parse(early.stdout) as { plan: Array<{ action: string }> }).plan).toMatchObject([{ action: "wait" }]);

    await configure(env, ["--delete-after-days", "30"]);
    const unconfirmed = await cli(["deprovision"], env);
    expect(unconfirmed.code).toBe(2);
    expect(await tenantsNamed(sb, "Alpine Ski House")).toHaveLength(1);

    const deleted = await cli(["deprovision", "--yes"], env);
    expect(deleted.code, deleted.stderr).toBe(0);
    expect(await tenantsNamed(sb, "Alpine Ski House")).toEqual([]);
    const state = readStateFile<StateJson>(home);
    expect(state.provisioning["5"]).toMatchObject({ status: "deleted", deletedAt: expect.any(String) });
    expect(state.mappings.acronis["5"]).toBeUndefined();
  });

  it("counts the days since the disable on Acronis' clock, so a service clock ahead of the local one deletes on time", async () => {
    const sb = await sandbox();
    const env = sandboxEnv(home, sb);
    await provisioned(sb, env, ["--delete-after-days", "30"]);
    await control(sb, "DELETE", "/ninjaone/organizations/5");
    expect((await cli(["deprovision", "--yes"], env)).code).toBe(0);
    // 31 days pass for Acronis; the local clock has not moved.
    await control(sb, "POST", "/clock/advance", { seconds: 31 * DAY_S });
    const deleted = await cli(["deprovision", "--yes", "--json"], env);
    expect(deleted.code, deleted.stderr).toBe(0);
    expect((JSON.parse(deleted.stdout) as { plan: Array<{ action: string; reason: string }> }).plan).toMatchObject([{ action: "delete", reason: expect.stringContaining("by Acronis' clock") }]);
    expect(await tenantsNamed(sb, "Alpine Ski House")).toEqual([]);
  });

  it("warns before turning on automatic provisioning, lists the unmapped customers close to unmapped organizations, and needs --force while there are any", async () => {
    const sb = await sandbox();
    const env = sandboxEnv(home, sb);
    const refused = await cli(["provision", "config", "--auto-provision", "on"], env);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("map existing customers before turning on automatic provisioning");
    expect(refused.stderr).toContain("Contoso (org 1)  ~  Contoso (Acronis customer");
    expect(refused.stderr).toContain("Fabrikam, Inc. (org 2)  ~  Fabrikam Inc (Acronis customer");
    expect(refused.stderr).not.toContain("Alpine Ski House");
    expect(refused.stderr).toContain("--force");
    const shown = await cli(["provision", "config", "show", "--json"], env);
    expect((JSON.parse(shown.stdout) as { autoProvision: boolean }).autoProvision).toBe(false);

    // --dry-run shows the settings it would save and saves nothing.
    const tried = await cli(["provision", "config", "--auto-provision", "on", "--force", "--dry-run", "--json"], env);
    expect(tried.code, tried.stderr).toBe(0);
    expect((JSON.parse(tried.stdout) as { autoProvision: boolean }).autoProvision).toBe(true);
    expect((JSON.parse((await cli(["provision", "config", "show", "--json"], env)).stdout) as { autoProvision: boolean }).autoProvision).toBe(false);

    const forced = await cli(["provision", "config", "--auto-provision", "on", "--force"], env);
    expect(forced.code, forced.stderr).toBe(0);
    expect(forced.stderr).toContain("Contoso (org 1)");
    expect(forced.stderr).toContain("turning automatic provisioning on anyway (--force)");
    expect((JSON.parse((await cli(["provision", "config", "show", "--json"], env)).stdout) as { autoProvision: boolean }).autoProvision).toBe(true);
  });

  it("stops without changing anything when NinjaOne lists no organizations", async () => {
    const sb = await sandbox();
    const env = sandboxEnv(home, sb);
    expect((await cli(["automap", "--target", "acronis", "--yes"], env)).code).toBe(0);
    for (let id = 1; id <= 6; id++) await control(sb, "DELETE", `/ninjaone/organizations/${id}`);

    const result = await cli(["deprovision", "--yes"], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("NinjaOne returned no organizations");
    expect((await tenantsNamed(sb, "Contoso"))[0]).toMatchObject({ enabled: true });
    expect(readStateFile<StateJson>(home).provisioning).toEqual({});
  });

  it("stops when more customers would be disabled than --max-deprovision allows, and goes ahead once raised", async () => {
    const sb = await sandbox();
    const env = sandboxEnv(home, sb);
    expect((await cli(["automap", "--target", "acronis", "--yes"], env)).code).toBe(0);
    for (const id of [1, 2, 3]) await control(sb, "DELETE", `/ninjaone/organizations/${id}`);

    const stopped = await cli(["deprovision", "--yes", "--max-deprovision", "2"], env);
    expect(stopped.code).toBe(1);
    expect(stopped.stderr).toContain("3 customers would be disabled, more than the limit of 2");
    expect((await tenantsNamed(sb, "Contoso"))[0]).toMatchObject({ enabled: true });

    const raised = await cli(["deprovision", "--yes", "--max-deprovision", "3"], env);
    expect(raised.code, raised.stderr).toBe(0);
    for (const name of ["Contoso", "Fabrikam Inc", "NORTHWIND TRADERS LLC"]) expect((await tenantsNamed(sb, name))[0]).toMatchObject({ enabled: false });
    expect(readStateFile<StateJson>(home).provisioning["1"]).toMatchObject({ origin: "mapped", status: "disabled" });
  });

  it("re-enables the customer when its organization reappears in NinjaOne before the delete", async () => {
    const sb = await sandbox();
    const env = sandboxEnv(home, sb);
    await provisioned(sb, env, []);
    await control(sb, "DELETE", "/ninjaone/organizations/5");
    expect((await cli(["deprovision", "--yes"], env)).code).toBe(0);
    expect((await tenantsNamed(sb, "Alpine Ski House"))[0]).toMatchObject({ enabled: false });

    // A second demo NinjaOne, where the organization still exists, stands for it coming back.
    const ninjaBack = await sandbox();
    const result = await cli(["deprovision", "--yes", "--json"], sandboxEnv(home, sb, ninjaBack));
    expect(result.code, result.stderr).toBe(0);
    expect((JSON.parse(result.stdout) as { plan: Array<{ action: string }> }).plan).toMatchObject([{ action: "reenable" }]);
    expect((await tenantsNamed(sb, "Alpine Ski House"))[0]).toMatchObject({ enabled: true });
    expect(readStateFile<StateJson>(home).provisioning["5"]).toMatchObject({ status: "active", reenabledAt: expect.any(String) });
  });
});

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error("the condition never came true");
}

/** One call to the sandbox's Acronis API with a token of its API client, as a test's own hands. */
async function acronisApi<T>(sb: RunningSandbox, method: string, route: string, body?: unknown): Promise<T> {
  const { client_id: id, client_secret: secret } = sb.credentials.acronis;
  const token = await fetch(`${sb.urls.acronis}/api/2/idp/token`, {
    method: "POST",
    headers: { authorization: `Basic ${Buffer.from(`${id}:${secret}`).toString("base64")}`, "content-type": "application/x-www-form-urlencoded" },
    body: "grant_type=client_credentials",
  }).then((r) => r.json() as Promise<{ access_token: string }>);
  const response = await fetch(`${sb.urls.acronis}${route}`, {
    method,
    headers: { authorization: `Bearer ${token.access_token}`, "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`acronis ${method} ${route}: ${response.status}`);
  return (response.status === 204 ? undefined : await response.json()) as T;
}

/** Creates a customer straight through the Acronis API, as a run that died before recording it would have. */
async function createTenantDirectly(sb: RunningSandbox, fields: { name: string; internal_tag: string }): Promise<string> {
  const created = await acronisApi<{ id: string }>(sb, "POST", "/api/2/tenants", { ...fields, kind: "customer", parent_id: sb.credentials.acronis.tenant_id });
  return created.id;
}
