import { readFileSync, readdirSync, existsSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runCli, startCli } from "../helpers/run-cli.js";
import { runInProcess } from "../helpers/run-in-process.js";
import { acronisArgs, cippArgs, credentialsFile, ninjaM2mArgs, ninjaM2mSecret, storedSecret, stringsIn, useAuthSandbox } from "../helpers/auth-sandbox.js";

const { sandbox, home } = useAuthSandbox();
afterEach(async () => {
  await control("PUT", "/control/cipp/faults", { listTenantsFails: false });
});

async function control(method: string, route: string, body: unknown): Promise<void> {
  const response = await fetch(`${sandbox().urls.control}${route}`, { method, headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  expect(response.ok).toBe(true);
}

async function loginAll(extra: string[] = []): Promise<void> {
  for (const [args, secret] of [
    [ninjaM2mArgs(sandbox()), ninjaM2mSecret(sandbox())],
    [acronisArgs(sandbox()), sandbox().credentials.acronis.client_secret],
    [cippArgs(sandbox()), sandbox().credentials.cipp.client_secret],
  ] as const) {
    const result = await runInProcess([...extra, ...args], { env: home().env, input: secret });
    expect(result.code, result.stderr).toBe(0);
  }
}

interface StatusJson {
  ok: boolean;
  services: Array<{ service: string; configured: boolean; ok: boolean; checks: Array<{ name: string; ok: boolean; fix?: string }> }>;
}

describe("auth login acronis", () => {
  it("gets a token with HTTP Basic and remembers the API client's own tenant", async () => {
    const result = await runInProcess(["--json", ...acronisArgs(sandbox())], { env: home().env, input: sandbox().credentials.acronis.client_secret });
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ service: "acronis", tenantId: sandbox().credentials.acronis.tenant_id });
    const get = await runInProcess(["config", "get", "acronis.tenantId"], { env: home().env });
    expect(get.stdout.trim()).toBe(sandbox().credentials.acronis.tenant_id);
  });

  it("says the API client was refused when the secret is wrong", async () => {
    const result = await runInProcess(acronisArgs(sandbox()), { env: home().env, input: "wrong" });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`refused API client "${sandbox().credentials.acronis.client_id}"`);
  });
});

/** A local port nothing listens on: bound once, then closed. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe("auth login to a URL nothing answers", () => {
  it("gives up after two attempts, not five, and names the URL it could not reach", async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const result = await runInProcess(["auth", "login", "acronis", "--url", url, "--client-id", "someone", "--client-secret-stdin"], { env: home().env, input: "secret" });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`could not reach ${url}`);
    expect(result.stderr).toContain("after 2 attempts");
    expect(result.stderr).not.toMatch(/attempt [345]\//);
  });
});

describe("auth login cipp", () => {
  it("gets a token from the Entra token endpoint for the CIPP API's own scope", async () => {
    const result = await runInProcess(["--json", ...cippArgs(sandbox())], { env: home().env, input: sandbox().credentials.cipp.client_secret });
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ service: "cipp", authMethod: "entra-app" });
    expect(await storedSecret(home(), "default", "cipp", "client_secret")).toBe(sandbox().credentials.cipp.client_secret);
  });

  it("explains a wrong client secret in Entra's terms", async () => {
    const result = await runInProcess(cippArgs(sandbox()), { env: home().env, input: "wrong" });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("Entra ID refused the client secret");
    expect(result.stderr).toContain("value (not its id)");
  });
});

describe("auth status", () => {
  it("passes for all three services and prints one row each", async () => {
    await loginAll();
    const result = await runInProcess(["auth", "status"], { env: home().env });
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stdout.trim().split("\n");
    expect(lines[0]).toMatch(/^SERVICE\s+INSTANCE\s+AUTH\s+EXPIRES\s+CHECKS$/);
    expect(lines.slice(1).map((l) => l.split(/\s+/)[0])).toEqual(["ninjaone", "acronis", "cipp"]);
    expect(result.stdout).toContain("✓ own tenant  ✓ child tenants");
    expect(result.stdout).not.toContain("✗");
  });

  it("shows ✗ with a fix and exits 1 when one service is broken", async () => {
    await loginAll();
    await control("PUT", "/control/cipp/faults", { listTenantsFails: true });
    const result = await runInProcess(["auth", "status"], { env: home().env });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/cipp .*✓ token {2}✗ tenants/);
    expect(result.stderr).toContain("✗ cipp tenants: CIPP could not retrieve its tenants");
    expect(result.stderr).toContain("→ run a permission check in CIPP");

    const json = await runInProcess(["--json", "auth", "status"], { env: home().env });
    expect(json.code).toBe(1);
    const doc = JSON.parse(json.stdout) as StatusJson;
    expect(doc.ok).toBe(false);
    expect(doc.services.map((s) => [s.service, s.ok])).toEqual([
      ["ninjaone", true],
      ["acronis", true],
      ["cipp", false],
    ]);
    expect(doc.services[2]?.checks[1]).toMatchObject({ name: "tenants", ok: false, fix: expect.stringContaining("permission check") });
  });

  it("fails a service whose secret has gone, naming the variable that would provide it", async () => {
    await loginAll();
    expect((await runInProcess(["auth", "logout", "acronis"], { env: home().env })).code).toBe(0);
    const result = await runInProcess(["--json", "auth", "status"], { env: home().env });
    expect(result.code).toBe(1);
    const acronis = (JSON.parse(result.stdout) as StatusJson).services[1];
    expect(acronis).toMatchObject({ service: "acronis", ok: false, checks: [{ name: "configuration", ok: false, fix: expect.stringContaining("NINJA_BRIDGE_ACRONIS_CLIENT_SECRET") }] });
  });

  it("exits 2 with a hint when no service is configured", async () => {
    const result = await runInProcess(["auth", "status"], { env: home().env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("auth login");
  });
});

describe("auth logout", () => {
  it("removes the stored secrets of one service and says what it removed", async () => {
    await loginAll();
    const result = await runInProcess(["auth", "logout", "ninjaone"], { env: home().env });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain("removed ninjaone client_secret from the file");
    expect(await storedSecret(home(), "default", "ninjaone", "client_secret")).toBeUndefined();
    expect(await storedSecret(home(), "default", "acronis", "client_secret")).toBe(sandbox().credentials.acronis.client_secret);
  });

  it("removes every service's secrets with --all and reports them as JSON", async () => {
    await loginAll();
    const result = await runInProcess(["--json", "auth", "logout", "--all"], { env: home().env });
    expect(result.code, result.stderr).toBe(0);
    const doc = JSON.parse(result.stdout) as { removed: Array<{ service: string; key: string }> };
    expect(doc.removed.map((r) => `${r.service}/${r.key}`).sort()).toEqual(["acronis/client_secret", "cipp/client_secret", "ninjaone/client_secret"]);
    expect(stringsIn(credentialsFile(home()))).toEqual([]);
  });

  it("warns and succeeds when there is nothing to remove", async () => {
    const result = await runInProcess(["auth", "logout", "cipp"], { env: home().env });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain("nothing stored for cipp");
  });
});

describe("secrets", () => {
  // Spawned: the logger masks the secrets its own process has read (secret-registry.ts), and
  // in-process runs before this one would have taught it secrets a fresh process never sees.
  it("never appear in output, verbose logs, the config file or the state file", async () => {
    await loginAll(["--verbose"]);
    const web = sandbox().credentials.ninjaone;
    const cli = startCli(
      ["--verbose", "--profile", "web", "auth", "login", "ninjaone", "--instance", sandbox().urls.ninjaone, "--flow", "authorization-code", "--client-id", web.webClientId ?? "", "--client-secret-stdin", "--redirect-port", "0"],
      { env: home().env, input: web.webClientSecret },
    );
    const [, url] = await cli.waitForStderr(/^\s+(http:\/\/\S+\/ws\/oauth\/authorize\?\S+)$/m);
    const authorize = await fetch(url ?? "", { redirect: "manual" });
    const code = new URL(authorize.headers.get("location") ?? "").searchParams.get("code") ?? "";
    await fetch(authorize.headers.get("location") ?? "");
    const login = await cli.done;
    expect(login.code, login.stderr).toBe(0);

    const outputs = [login.stdout, login.stderr];
    for (const args of [["--verbose", "auth", "status"], ["--verbose", "--json", "auth", "status"], ["--verbose", "--profile", "web", "auth", "status"], ["config", "list", "--json"], ["state", "show", "--json"]]) {
      const result = await runCli(args, { env: home().env });
      outputs.push(result.stdout, result.stderr);
    }
    const files = [home().env.NINJA_BRIDGE_CONFIG_DIR ?? "", home().env.NINJA_BRIDGE_DATA_DIR ?? ""]
      .filter((dir) => existsSync(dir))
      .flatMap((dir) => readdirSync(dir).map((name) => path.join(dir, name)))
      .filter((file) => path.basename(file) !== "credentials.json");
    expect(files.map((f) => path.basename(f))).toContain("config.json");
    const haystack = [...outputs, ...files.map((f) => readFileSync(f, "utf8"))].join("\n");

    const secrets = [...stringsIn(credentialsFile(home())), ninjaM2mSecret(sandbox()), web.webClientSecret ?? "", sandbox().credentials.acronis.client_secret ?? "", sandbox().credentials.cipp.client_secret ?? "", code];
    expect(secrets.filter((s) => s.length >= 8).length).toBeGreaterThanOrEqual(6);
    for (const secret of secrets.filter((s) => s.length >= 8)) expect(haystack).not.toContain(secret);
    expect(haystack).toMatch(/Bearer \[REDACTED\]|client_secret=\[REDACTED\]/);
    expect(haystack).not.toMatch(/nba_[A-Za-z0-9_-]{10}/);
    // Nine CLI processes one after another: on a loaded 2-core runner that alone can pass 20 s.
  }, 60_000);
});
