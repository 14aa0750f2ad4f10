import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { RequestCounts } from "../../src/sandbox/core/request-counts.js";
import { signInWithCode, storedSecret, useAuthSandbox } from "../helpers/auth-sandbox.js";
import { makeCliHome, runCli } from "../helpers/run-cli.js";
import { runInProcess } from "../helpers/run-in-process.js";
import { control } from "../helpers/sandbox-control.js";

/**
 * The authorization-code flow as schedulers run it (issue 22, points 1 and 2): NinjaOne's
 * refresh token is single-use under the sandbox's default rotation (`immediate`), so a run
 * that spends a replaced one fails with invalid_grant.
 */
const { sandbox, home } = useAuthSandbox();

/** Lets the sandbox's clock pass the access token's lifetime, so the next run must refresh. */
async function expireAccessTokens(): Promise<void> {
  await control(sandbox(), "POST", "/clock/advance", { seconds: sandbox().knobs.tokenLifetimeSec + 1 });
}

async function tokenRequests(): Promise<number> {
  return (await control<RequestCounts>(sandbox(), "GET", "/requests")).services.ninjaone.byRoute["POST /ws/oauth/token"]?.total ?? 0;
}

/** What cron sees: the same HOME, no D-Bus session, no display. */
function cronEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { DBUS_SESSION_BUS_ADDRESS: _bus, DISPLAY: _display, ...rest } = env;
  return rest;
}

async function orgsList(env: NodeJS.ProcessEnv, flags: string[] = []) {
  const result = await runInProcess([...flags, "--json", "orgs", "list"], { env });
  expect(result.code, result.stderr).toBe(0);
  expect((JSON.parse(result.stdout) as { orgs: unknown[] }).orgs.length).toBeGreaterThan(0);
  return result;
}

// Some tests start several CLI processes; on a loaded two-core machine that takes a while.
const SLOW = { timeout: 120_000 };

describe("a refresh token for cron", SLOW, () => {
  it("(a) auth login with the file store, then three cron runs that each rotate the token", async () => {
    const login = await signInWithCode(sandbox(), home().env);
    expect(login.result.code, login.result.stderr).toBe(0);
    expect(JSON.parse(login.result.stdout)).toMatchObject({ stored: ["client_secret stored in the file", "refresh_token stored in the credential store"] });

    const seen = [await storedSecret(home(), "default", "ninjaone", "refresh_token")];
    for (let run = 0; run < 3; run++) {
      await expireAccessTokens();
      const result = await orgsList(cronEnv(home().env));
      expect(result.stderr).not.toMatch(/keychain|D-?Bus/i);
      seen.push(await storedSecret(home(), "default", "ninjaone", "refresh_token"));
    }
    expect(new Set(seen).size).toBe(4);
    expect(seen.filter((t) => t?.startsWith("nbr_") !== true)).toEqual([]);
  });

  it("(b) auth export-env hands the profile to a container, whose three runs keep rotating in its own store", async () => {
    expect((await signInWithCode(sandbox(), home().env)).result.code).toBe(0);
    const file = path.join(home().dir, "container", "ninja-bridge.env");
    const exported = await runInProcess(["auth", "export-env", "--file", file], { env: home().env });
    expect(exported.code, exported.stderr).toBe(0);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(exported.stderr).toContain(`${file} holds secrets of profile "default" (mode 0600)`);
    expect(exported.stderr).toContain("the NinjaOne refresh token moved to");
    expect(exported.stdout).toBe("");

    const text = readFileSync(file, "utf8");
    const variables = Object.fromEntries(
      text
        .split("\n")
        .filter((line) => line !== "" && !line.startsWith("#"))
        .map((line) => line.split(/=(.*)/s).slice(0, 2) as [string, string]),
    );
    expect(Object.keys(variables).sort(), text).toEqual([
      "NINJA_BRIDGE_CREDENTIAL_STORE",
      "NINJA_BRIDGE_NINJAONE_CLIENT_ID",
      "NINJA_BRIDGE_NINJAONE_CLIENT_SECRET",
      "NINJA_BRIDGE_NINJAONE_FLOW",
      "NINJA_BRIDGE_NINJAONE_INSTANCE",
      "NINJA_BRIDGE_NINJAONE_REDIRECT_PORT",
      "NINJA_BRIDGE_NINJAONE_REFRESH_TOKEN",
    ]);
    expect(variables).toMatchObject({ NINJA_BRIDGE_CREDENTIAL_STORE: "file", NINJA_BRIDGE_NINJAONE_FLOW: "authorization-code" });
    // Handed over: the workstation profile no longer holds a token the container will retire.
    expect(await storedSecret(home(), "default", "ninjaone", "refresh_token")).toBeUndefined();

    const container = makeCliHome();
    try {
      const env = { ...cronEnv(container.env), ...variables };
      const successors: string[] = [];
      for (let run = 0; run < 3; run++) {
        await expireAccessTokens();
        await orgsList(env);
        successors.push(String(await storedSecret(container, "default", "ninjaone", "refresh_token_successor")));
      }
      expect(new Set(successors).size).toBe(3);
      expect(readFileSync(file, "utf8")).toBe(text);
    } finally {
      container.cleanup();
    }
  });
});

describe("two processes, one refresh token", SLOW, () => {
  it("four runs at once all succeed, and only one of them refreshes", async () => {
    expect((await signInWithCode(sandbox(), home().env)).result.code).toBe(0);
    await expireAccessTokens();
    const before = await tokenRequests();
    // Spawned: four processes that share one credentials file and its lock.
    const results = await Promise.all(Array.from({ length: 4 }, () => runCli(["--json", "orgs", "list"], { env: home().env })));
    for (const result of results) expect(result.code, result.stderr).toBe(0);
    expect((await tokenRequests()) - before).toBe(1);

    // The next run within the token's lifetime does not refresh at all, and never shows the
    // stored token, even with --verbose.
    const verbose = await orgsList(home().env, ["--verbose"]);
    expect((await tokenRequests()) - before).toBe(1);
    const cached = JSON.parse((await storedSecret(home(), "default", "ninjaone", "access_token")) ?? "{}") as { accessToken?: string };
    expect(cached.accessToken).toMatch(/^nba_/);
    expect(verbose.stderr).not.toContain(cached.accessToken);

    // Once NinjaOne refuses the stored token, a run refreshes once instead of sending it again.
    await expireAccessTokens();
    await orgsList(home().env);
    expect((await tokenRequests()) - before).toBe(2);
  });
});

describe.skipIf(process.platform !== "linux")("a keychain out of reach (Linux, no D-Bus session)", SLOW, () => {
  it("says the secret may be in the keychain and how to use the file or the environment", async () => {
    const { NINJA_BRIDGE_CREDENTIAL_STORE: _mode, ...auto } = cronEnv(home().env);
    const env = { ...auto, NINJA_BRIDGE_NINJAONE_INSTANCE: sandbox().urls.ninjaone, NINJA_BRIDGE_NINJAONE_CLIENT_ID: sandbox().credentials.ninjaone.clientCredentialsClientId };
    // Spawned: the process keeps one keychain, bound to the environment of its first store.
    const result = await runCli(["orgs", "list"], { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("the OS keychain, where `auth login` keeps it, cannot be reached: this process has no D-Bus session, as under cron, systemd or ssh");
    expect(result.stderr).toContain("run `NINJA_BRIDGE_CREDENTIAL_STORE=file ninja-bridge auth login ninjaone` once");
    expect(result.stderr).toContain("or set NINJA_BRIDGE_NINJAONE_CLIENT_SECRET");
    expect(result.stderr).not.toContain("DBus error");
  });

  it("reads secrets kept in the file without a word about the keychain, and keeps a rotated token there", async () => {
    expect((await signInWithCode(sandbox(), home().env)).result.code).toBe(0);
    const { NINJA_BRIDGE_CREDENTIAL_STORE: _mode, ...auto } = cronEnv(home().env);
    const before = await storedSecret(home(), "default", "ninjaone", "refresh_token");
    await expireAccessTokens();
    const result = await orgsList(auto);
    expect(result.stderr).toBe("");
    const after = await storedSecret(home(), "default", "ninjaone", "refresh_token");
    expect(after).not.toBe(before);
  });
});
