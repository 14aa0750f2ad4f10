import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { makeCliHome, REPO_ROOT, runCli, type CliHome } from "../helpers/run-cli.js";
import { runInProcess } from "../helpers/run-in-process.js";
import { applyMigrations, MIGRATIONS, STATE_VERSION } from "../../src/state/index.js";

let home: CliHome;
beforeEach(() => {
  home = makeCliHome();
});
afterEach(() => home.cleanup());

describe("the ninja-bridge program", () => {
  // Spawned, like the next test: the binary's own version lookup and a real exit status.
  it("prints the package version with --version", async () => {
    const pkg = JSON.parse(readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as { version: string };
    const result = await runCli(["--version"], { env: home.env });
    expect(result).toMatchObject({ code: 0, stdout: `${pkg.version}\n` });
  });

  it("lists only the commands that exist in --help", async () => {
    const result = await runInProcess(["--help"], { env: home.env });
    expect(result.code).toBe(0);
    const commands = [...result.stdout.matchAll(/^ {2}(\S+)(?: \[[^\]]+\])* {2,}/gm)]
      .map((m) => m[1])
      .filter((name) => name && !name.startsWith("-"));
    expect(commands.sort()).toEqual(["agents", "auth", "automap", "config", "deprovision", "devices", "docs", "fields", "help", "orgs", "provision", "sandbox", "state", "sync", "tickets", "users"]);
  });

  it("exits 2 with a suggestion for an unknown command", async () => {
    const result = await runCli(["stat"], { env: home.env });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain("unknown command 'stat'");
    expect(result.stderr).toContain("Did you mean state?");
    expect(result.stderr).toContain("--help");
  });

  it("exits 2 for a --deadline that is neither a duration nor a time", async () => {
    const result = await runInProcess(["state", "path", "--deadline", "soon"], { env: home.env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--deadline: "soon" is neither a duration nor a time');
  });

  it("exits 2 for an unknown flag", async () => {
    const result = await runInProcess(["state", "path", "--frobnicate"], { env: home.env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("unknown option '--frobnicate'");
  });

  it("exits 2 when a command group is called without a subcommand", async () => {
    const result = await runInProcess(["config"], { env: home.env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("Usage: ninja-bridge config");
  });

  it("refuses --verbose together with --quiet", async () => {
    const result = await runInProcess(["-v", "-q", "state", "path"], { env: home.env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--verbose and --quiet cannot be used together");
  });

  it("refuses a profile name that cannot be a file name", async () => {
    const result = await runInProcess(["--profile", "../evil", "state", "path"], { env: home.env });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/profile name "..\/evil" is not allowed/);
  });
});

describe("config", () => {
  it("stores a setting in the profile and reads it back", async () => {
    expect((await runInProcess(["config", "set", "ninjaone.instance", "eu"], { env: home.env })).code).toBe(0);
    const result = await runInProcess(["config", "get", "ninjaone.instance"], { env: home.env });
    expect(result).toMatchObject({ code: 0, stdout: "eu\n" });
  });

  it("keeps profiles apart", async () => {
    await runInProcess(["--profile", "acme", "config", "set", "ninjaone.instance", "us2"], { env: home.env });
    const other = await runInProcess(["config", "get", "ninjaone.instance"], { env: home.env });
    expect(other.code).toBe(2);
    expect(other.stderr).toContain('ninjaone.instance is not set in profile "default"');
    const acme = await runInProcess(["config", "get", "ninjaone.instance", "--profile", "acme"], { env: home.env });
    expect(acme.stdout).toBe("us2\n");
  });

  it("lets the environment override the profile, and says so in list", async () => {
    await runInProcess(["config", "set", "ninjaone.rateLimit", "3"], { env: home.env });
    const env = { ...home.env, NINJA_BRIDGE_NINJAONE_RATE_LIMIT: "2" };
    const get = await runInProcess(["config", "get", "ninjaone.rateLimit", "--json"], { env });
    expect(JSON.parse(get.stdout)).toEqual({ profile: "default", key: "ninjaone.rateLimit", value: 2, source: "env" });
    const list = await runInProcess(["config", "list", "--json"], { env });
    const settings = (JSON.parse(list.stdout) as { settings: Array<{ key: string; value: unknown; source: string }> })
      .settings;
    expect(settings.find((s) => s.key === "ninjaone.rateLimit")).toEqual({ key: "ninjaone.rateLimit", value: 2, source: "env" });
    expect(settings.find((s) => s.key === "ninjaone.scopes")).toEqual({
      key: "ninjaone.scopes",
      value: "monitoring management",
      source: "default",
    });
    expect(settings.find((s) => s.key === "acronis.url")).toEqual({ key: "acronis.url", value: null, source: "unset" });
  });

  it("prints a table of settings for a person", async () => {
    await runInProcess(["config", "set", "acronis.url", "https://eu2-cloud.acronis.com/"], { env: home.env });
    const result = await runInProcess(["config", "list"], { env: home.env });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^KEY\s+VALUE\s+SOURCE$/m);
    expect(result.stdout).toMatch(/^acronis\.url\s+https:\/\/eu2-cloud\.acronis\.com\s+profile$/m);
  });

  it("refuses an invalid value with the reason and changes nothing", async () => {
    const result = await runInProcess(["config", "set", "ninjaone.rateLimit", "fast"], { env: home.env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("ninjaone.rateLimit");
    expect(result.stderr).toContain("requests per second");
    const get = await runInProcess(["config", "get", "ninjaone.rateLimit"], { env: home.env });
    expect(get.stdout).toBe("5\n");
  });

  it("refuses to store a secret in the profile and says where secrets go", async () => {
    const result = await runInProcess(["config", "set", "ninjaone.clientSecret", "s3cr3t"], { env: home.env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("secrets are never kept in the profile config");
    expect(result.stderr).toContain("NINJA_BRIDGE_NINJAONE_CLIENT_SECRET");
    expect(result.stderr).not.toContain("s3cr3t");
  });

  it("names the known settings for an unknown key", async () => {
    const result = await runInProcess(["config", "get", "ninjaone.instanse"], { env: home.env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('unknown setting "ninjaone.instanse"');
    expect(result.stderr).toContain("ninjaone.instance");
  });

  it("writes nothing with --dry-run", async () => {
    const result = await runInProcess(["config", "set", "cipp.tenantId", "contoso.onmicrosoft.com", "--dry-run", "--json"], {
      env: home.env,
    });
    expect(JSON.parse(result.stdout)).toMatchObject({ changed: true, dryRun: true, after: "contoso.onmicrosoft.com" });
    const get = await runInProcess(["config", "get", "cipp.tenantId"], { env: home.env });
    expect(get.code).toBe(2);
  });

  it("unsets a setting back to its default", async () => {
    await runInProcess(["config", "set", "ninjaone.flow", "authorization-code"], { env: home.env });
    await runInProcess(["config", "unset", "ninjaone.flow"], { env: home.env });
    const get = await runInProcess(["config", "get", "ninjaone.flow", "--json"], { env: home.env });
    expect(JSON.parse(get.stdout)).toMatchObject({ value: "client-credentials", source: "default" });
  });

  it("keeps the config file private", async () => {
    await runInProcess(["config", "set", "ninjaone.instance", "eu"], { env: home.env });
    const file = path.join(home.env.NINJA_BRIDGE_CONFIG_DIR as string, "config.json");
    if (process.platform !== "win32") expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it("reports a damaged config file by name instead of replacing it", async () => {
    await runInProcess(["config", "set", "ninjaone.instance", "eu"], { env: home.env });
    const file = path.join(home.env.NINJA_BRIDGE_CONFIG_DIR as string, "config.json");
    const { writeFileSync } = await import("node:fs");
    writeFileSync(file, "{ not json");
    const result = await runInProcess(["config", "list"], { env: home.env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(path.dirname(file));
    expect(readFileSync(file, "utf8")).toBe("{ not json");
  });
});

describe("state", () => {
  const example = path.join(REPO_ROOT, "fixtures", "state", "example-v1.json");

  it("prints the profile's state path under the data directory", async () => {
    const result = await runInProcess(["--profile", "acme", "state", "path"], { env: home.env });
    expect(result.stdout).toBe(`${path.join(home.env.NINJA_BRIDGE_DATA_DIR as string, "state-acme.json")}\n`);
  });

  it("says there is no state yet instead of inventing one", async () => {
    const result = await runInProcess(["state", "show", "--json"], { env: home.env });
    expect(result).toMatchObject({ code: 0, stdout: "null\n" });
    expect(result.stderr).toContain("no state file yet");
  });

  it("summarises a state file and prints it whole with --json", async () => {
    const { copyFileSync } = await import("node:fs");
    const file = path.join(home.dir, "state.json");
    copyFileSync(example, file);
    const table = await runInProcess(["--state", file, "state", "show"], { env: home.env });
    expect(table.stdout).toMatch(/^Acronis mappings\s+1$/m);
    const json = await runInProcess(["--state", file, "state", "show", "--json"], { env: home.env });
    // The example is a version 1 file: it is shown as this build reads it, upgraded, with the agents records and kept-apart pairs it predates empty.
    const upgraded = applyMigrations(JSON.parse(readFileSync(example, "utf8")) as Record<string, unknown>, 1, STATE_VERSION, MIGRATIONS);
    expect(upgraded.ok).toBe(true);
    expect(JSON.parse(json.stdout)).toEqual(upgraded.ok ? { ...upgraded.doc, agentTokens: {}, agentDeploys: {}, deviceApart: {} } : null);
  });

  it("verify exits 1 on a damaged file and leaves it as it was", async () => {
    const { writeFileSync } = await import("node:fs");
    const file = path.join(home.dir, "state.json");
    writeFileSync(file, '{"version": 1, "serial": "x"}', { mode: 0o600 });
    const result = await runInProcess(["--state", file, "state", "verify"], { env: home.env });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(file);
    expect(readFileSync(file, "utf8")).toBe('{"version": 1, "serial": "x"}');
  });

  it("verify names the backup of a damaged file, and restore puts it back only once confirmed", async () => {
    const { copyFileSync, readdirSync, writeFileSync } = await import("node:fs");
    const file = path.join(home.dir, "state.json");
    copyFileSync(example, `${file}.bak`);
    writeFileSync(file, "{ damaged", { mode: 0o600 });
    const verify = await runInProcess(["--state", file, "state", "verify"], { env: home.env });
    expect(verify.code).toBe(1);
    expect(verify.stderr).toContain(`${file}.bak`);
    expect(verify.stderr).toContain("ninja-bridge state restore");

    const unconfirmed = await runInProcess(["--state", file, "state", "restore"], { env: home.env });
    expect(unconfirmed.code).toBe(2);
    expect(unconfirmed.stderr).toContain("--yes");
    expect(readFileSync(file, "utf8")).toBe("{ damaged");

    const restored = await runInProcess(["--state", file, "state", "restore", "--yes"], { env: home.env });
    expect(restored.code, restored.stderr).toBe(0);
    expect(readFileSync(file, "utf8")).toBe(readFileSync(example, "utf8"));
    const copies = readdirSync(home.dir).filter((name) => name.startsWith("state.json.corrupt-"));
    expect(copies).toHaveLength(1);
    expect(readFileSync(path.join(home.dir, copies[0] as string), "utf8")).toBe("{ damaged");
  });

  it("verify refuses a file from a newer ninja-bridge", async () => {
    const { writeFileSync } = await import("node:fs");
    const file = path.join(home.dir, "state.json");
    const newer = { ...JSON.parse(readFileSync(example, "utf8")), version: 99 };
    writeFileSync(file, JSON.stringify(newer), { mode: 0o600 });
    const result = await runInProcess(["--state", file, "state", "verify", "--json"], { env: home.env });
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: false, fileVersion: 99 });
  });
});
