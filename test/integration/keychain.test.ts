import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { CredentialStore } from "../../src/config/credentials/index.js";
import { startSandbox, type RunningSandbox } from "../../src/sandbox/server.js";
import { credentialsFile, ninjaM2mArgs, ninjaM2mSecret, signInWithCode, stringsIn } from "../helpers/auth-sandbox.js";
import { makeCliHome, runCli, type CliHome } from "../helpers/run-cli.js";
import { control } from "../helpers/sandbox-control.js";

/**
 * The real OS keychain on Linux: gnome-keyring's Secret Service in a private D-Bus session.
 * `.ci/run` runs this file under `dbus-run-session` with an unlocked keyring and
 * NINJA_BRIDGE_TEST_KEYCHAIN=1; anywhere else it skips, so a developer's own keychain is
 * never written by the suite.
 */
const OPT_IN = process.env.NINJA_BRIDGE_TEST_KEYCHAIN === "1";
const skipReason = !OPT_IN
  ? "real keychain test: set NINJA_BRIDGE_TEST_KEYCHAIN=1 and run under dbus-run-session with an unlocked gnome-keyring (.ci/run does)"
  : !process.env.DBUS_SESSION_BUS_ADDRESS
    ? "real keychain test: no D-Bus session (run it under dbus-run-session with gnome-keyring, as .ci/run does)"
    : undefined;

// Two profiles of their own, so a keyring that has other entries is left as it was.
const PROFILE = `kc-${process.pid}`;
const USER_PROFILE = `kc-user-${process.pid}`;

let sandbox: RunningSandbox;
let home: CliHome;
let env: NodeJS.ProcessEnv;

/** What the keychain holds for a profile, read as the CLI would in auto mode. */
async function inKeychain(profile: string, key: string): Promise<string | undefined> {
  const found = await new CredentialStore({ env: { ...env, NINJA_BRIDGE_CREDENTIAL_STORE: "keychain" } }).get({ profile, service: "ninjaone", key });
  return found?.value;
}

describe("the OS keychain through the Secret Service (gnome-keyring)", { timeout: 120_000 }, () => {
  beforeEach((ctx) => {
    if (skipReason !== undefined) ctx.skip(skipReason);
  });

  beforeAll(async () => {
    if (skipReason !== undefined) {
      console.warn(`skipped: ${skipReason}`);
      return;
    }
    sandbox = await startSandbox({ seed: "demo", port: 0 });
    home = makeCliHome();
    // Auto mode, as a technician's workstation runs: the keychain first, the file only as a fallback.
    const { NINJA_BRIDGE_CREDENTIAL_STORE: _mode, ...auto } = home.env;
    env = auto;
    // Fail here, with the library's reason, rather than in every test below.
    const probe = new CredentialStore({ env: { ...env, NINJA_BRIDGE_CREDENTIAL_STORE: "keychain" } });
    await probe.set({ profile: PROFILE, service: "ninjaone", key: "probe" }, "probe");
    await probe.delete({ profile: PROFILE, service: "ninjaone", key: "probe" });
  });

  afterAll(async () => {
    if (skipReason !== undefined) return;
    for (const profile of [PROFILE, USER_PROFILE]) await runCli(["--profile", profile, "auth", "logout", "--all"], { env });
    home.cleanup();
    await sandbox.close();
  });

  it("stores a client secret in the keychain, not the file, and runs from it", async () => {
    const login = await runCli(["--profile", PROFILE, "--json", ...ninjaM2mArgs(sandbox)], { env, input: ninjaM2mSecret(sandbox) });
    expect(login.code, login.stderr).toBe(0);
    expect(JSON.parse(login.stdout)).toMatchObject({ stored: ["client_secret stored in the keychain"] });
    expect(login.stderr).not.toMatch(/keychain cannot be reached|plaintext/);
    expect(stringsIn(credentialsFile(home))).not.toContain(ninjaM2mSecret(sandbox));
    expect(await inKeychain(PROFILE, "client_secret")).toBe(ninjaM2mSecret(sandbox));

    const list = await runCli(["--profile", PROFILE, "--json", "orgs", "list"], { env });
    expect(list.code, list.stderr).toBe(0);
    expect(list.stderr).toBe("");
  });

  it("says, with the same HOME and no D-Bus session (cron), that the secret is in a keychain out of reach", async () => {
    const { DBUS_SESSION_BUS_ADDRESS: _bus, ...cron } = env;
    const result = await runCli(["--profile", PROFILE, "orgs", "list"], { env: cron });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("cannot be reached: this process has no D-Bus session, as under cron, systemd or ssh");
    expect(result.stderr).toContain(`NINJA_BRIDGE_CREDENTIAL_STORE=file ninja-bridge --profile ${PROFILE} auth login ninjaone`);
    expect(result.stderr).not.toContain("DBus error");
  });

  it("keeps a rotated refresh token and the access token in the keychain, and logout removes them", async () => {
    const login = await signInWithCode(sandbox, env, USER_PROFILE);
    expect(login.result.code, login.result.stderr).toBe(0);
    const first = await inKeychain(USER_PROFILE, "refresh_token");
    expect(first).toMatch(/^nbr_/);

    await control(sandbox, "POST", "/clock/advance", { seconds: sandbox.knobs.tokenLifetimeSec + 1 });
    const list = await runCli(["--profile", USER_PROFILE, "--json", "orgs", "list"], { env });
    expect(list.code, list.stderr).toBe(0);
    const second = await inKeychain(USER_PROFILE, "refresh_token");
    expect(second).toMatch(/^nbr_/);
    expect(second).not.toBe(first);
    expect(await inKeychain(USER_PROFILE, "access_token")).toBeDefined();
    expect(stringsIn(credentialsFile(home)).filter((s) => s.includes("nbr_") || s.includes("nba_"))).toEqual([]);

    const logout = await runCli(["--profile", USER_PROFILE, "auth", "logout", "ninjaone"], { env });
    expect(logout.code, logout.stderr).toBe(0);
    expect(await inKeychain(USER_PROFILE, "refresh_token")).toBeUndefined();
    expect(await inKeychain(USER_PROFILE, "access_token")).toBeUndefined();
  });
});
