import { describe, expect, it } from "vitest";
import { makeCliHome } from "../helpers/run-cli.js";
import { runInProcess, startInProcess } from "../helpers/run-in-process.js";
import { ninjaM2mArgs, ninjaM2mSecret, signInWithCode as signInWithCodeAs, storedSecret, useAuthSandbox } from "../helpers/auth-sandbox.js";

const { sandbox, home } = useAuthSandbox();

async function tokenRequest(form: Record<string, string>): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${sandbox().urls.ninjaone}/ws/oauth/token`, { method: "POST", body: new URLSearchParams(form) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** Signs in with the Web app, playing the browser (see signInWithCode). */
async function signInWithCode(env: NodeJS.ProcessEnv = home().env, profile = "default") {
  return signInWithCodeAs(sandbox(), env, profile);
}

describe("auth login ninjaone with client credentials", () => {
  it("stores the secret and settings, so auth status then passes every check", async () => {
    const login = await runInProcess(["--json", ...ninjaM2mArgs(sandbox())], { env: home().env, input: `${ninjaM2mSecret(sandbox())}\n` });
    expect(login.code, login.stderr).toBe(0);
    const report = JSON.parse(login.stdout) as Record<string, unknown>;
    expect(report).toMatchObject({ service: "ninjaone", authMethod: "client-credentials", scopes: ["monitoring", "management"], userContext: false });
    expect(await storedSecret(home(), "default", "ninjaone", "client_secret")).toBe(ninjaM2mSecret(sandbox()));

    const status = await runInProcess(["--json", "auth", "status"], { env: home().env });
    expect(status.code, status.stderr).toBe(0);
    const ninja = (JSON.parse(status.stdout) as { services: Array<{ service: string; checks: Array<{ name: string; ok: boolean }> }> }).services.find((s) => s.service === "ninjaone");
    expect(ninja?.checks.map((c) => [c.name, c.ok])).toEqual([
      ["token", true],
      ["organizations", true],
      ["custom fields", true],
      ["ticket forms", true],
    ]);
  });

  it("explains invalid_scope and how to fix it when the app lacks a requested scope", async () => {
    const app = sandbox().credentials.ninjaone;
    const result = await runInProcess(["auth", "login", "ninjaone", "--instance", sandbox().urls.ninjaone, "--client-id", app.monitoringOnlyClientId ?? "", "--client-secret-stdin"], {
      env: home().env,
      input: app.monitoringOnlyClientSecret,
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("invalid_scope");
    expect(result.stderr).toContain("--scopes monitoring");
    expect(await storedSecret(home(), "default", "ninjaone", "client_secret")).toBeUndefined();
  });

  it("logs in with only the scopes the app has when --scopes names them", async () => {
    const app = sandbox().credentials.ninjaone;
    const result = await runInProcess(["--json", "auth", "login", "ninjaone", "--instance", sandbox().urls.ninjaone, "--client-id", app.monitoringOnlyClientId ?? "", "--client-secret-stdin", "--scopes", "monitoring"], {
      env: home().env,
      input: app.monitoringOnlyClientSecret,
    });
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ scopes: ["monitoring"] });
  });

  it("reports a 404 from the token endpoint as a wrong instance or unknown client id", async () => {
    const result = await runInProcess(["auth", "login", "ninjaone", "--instance", sandbox().urls.ninjaone, "--client-id", "no-such-client", "--client-secret-stdin"], { env: home().env, input: "whatever" });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("wrong instance or unknown client id");
  });

  it("says the client secret was refused when it is wrong, and stores nothing", async () => {
    const result = await runInProcess(ninjaM2mArgs(sandbox()), { env: home().env, input: "not-the-secret" });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("refused client id");
    expect(result.stderr).not.toContain("not-the-secret");
    expect(await storedSecret(home(), "default", "ninjaone", "client_secret")).toBeUndefined();
  });

  it("refuses an instance that is not a NinjaOne host before sending anything", async () => {
    const result = await runInProcess(["auth", "login", "ninjaone", "--instance", "https://evil.example.com", "--client-id", "x", "--client-secret-stdin"], { env: home().env, input: "s" });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("is not a NinjaOne host");
  });

  it("fails without prompting when no secret is given and there is no terminal", async () => {
    const result = await runInProcess(["auth", "login", "ninjaone", "--instance", sandbox().urls.ninjaone, "--client-id", "nb-sandbox-m2m"], { env: home().env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--client-secret-stdin");
  });

  it("has no flag that takes a secret as its value", async () => {
    const result = await runInProcess(["auth", "login", "ninjaone", "--client-secret", "s3cret"], { env: home().env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("unknown option");
  });

  it("works from environment variables alone, with no login (cron)", async () => {
    const env = {
      ...home().env,
      NINJA_BRIDGE_NINJAONE_INSTANCE: sandbox().urls.ninjaone,
      NINJA_BRIDGE_NINJAONE_CLIENT_ID: sandbox().credentials.ninjaone.clientCredentialsClientId,
      NINJA_BRIDGE_NINJAONE_CLIENT_SECRET: ninjaM2mSecret(sandbox()),
    };
    const status = await runInProcess(["--json", "auth", "status"], { env });
    expect(status.code, status.stderr).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({ ok: true });
  });

  it("warns when another profile already uses the same instance and client id", async () => {
    expect((await runInProcess(["--profile", "one", ...ninjaM2mArgs(sandbox())], { env: home().env, input: ninjaM2mSecret(sandbox()) })).code).toBe(0);
    const second = await runInProcess(["--profile", "two", ...ninjaM2mArgs(sandbox())], { env: home().env, input: ninjaM2mSecret(sandbox()) });
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr).toMatch(/profile "one" already uses this NinjaOne instance and client id/);
  });
});

describe("auth login ninjaone with the authorization code flow", () => {
  it("sends PKCE S256 and state, receives the code on the loopback listener and stores the refresh token", async () => {
    const { result, url, callback, landing } = await signInWithCode();
    expect(result.code, result.stderr).toBe(0);
    expect(url.searchParams.get("code_challenge_method")).toBe("S256");
    expect(url.searchParams.get("scope")).toBe("monitoring management offline_access");
    expect(url.searchParams.get("redirect_uri")).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    expect(callback.searchParams.get("state")).toBe(url.searchParams.get("state"));
    expect(landing.status).toBe(200);
    expect(result.stderr).toContain(`Redirect URI (register it with the NinjaOne app, exactly): ${url.searchParams.get("redirect_uri")}`);
    expect(JSON.parse(result.stdout)).toMatchObject({ authMethod: "authorization-code", userContext: true });
    expect(await storedSecret(home(), "default", "ninjaone", "refresh_token")).toMatch(/^nbr_/);
  });

  it("persists a rotated refresh token, so the next run uses the new one and the old one is refused", async () => {
    expect((await signInWithCode()).result.code).toBe(0);
    const first = await storedSecret(home(), "default", "ninjaone", "refresh_token");

    const status = await runInProcess(["--json", "auth", "status"], { env: home().env });
    expect(status.code, status.stderr).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({ services: [{ service: "ninjaone", userContext: true }, {}, {}] });
    const second = await storedSecret(home(), "default", "ninjaone", "refresh_token");
    expect(second).toMatch(/^nbr_/);
    expect(second).not.toBe(first);

    const web = sandbox().credentials.ninjaone;
    const old = await tokenRequest({ grant_type: "refresh_token", client_id: web.webClientId ?? "", client_secret: web.webClientSecret ?? "", refresh_token: first ?? "" });
    expect(old).toMatchObject({ status: 400, body: { error: "invalid_grant" } });

    const again = await runInProcess(["auth", "status"], { env: home().env });
    expect(again.code, again.stderr).toBe(0);
  });

  it("keeps working from a refresh token in the environment after NinjaOne rotates it", async () => {
    expect((await signInWithCode()).result.code).toBe(0);
    const web = sandbox().credentials.ninjaone;
    const cron = makeCliHome();
    try {
      const env = {
        ...cron.env,
        NINJA_BRIDGE_NINJAONE_INSTANCE: sandbox().urls.ninjaone,
        NINJA_BRIDGE_NINJAONE_CLIENT_ID: web.webClientId,
        NINJA_BRIDGE_NINJAONE_CLIENT_SECRET: web.webClientSecret,
        NINJA_BRIDGE_NINJAONE_FLOW: "authorization-code",
        NINJA_BRIDGE_NINJAONE_REFRESH_TOKEN: await storedSecret(home(), "default", "ninjaone", "refresh_token"),
      };
      const first = await runInProcess(["auth", "status"], { env });
      expect(first.code, first.stderr).toBe(0);
      const second = await runInProcess(["auth", "status"], { env });
      expect(second.code, second.stderr).toBe(0);
    } finally {
      cron.cleanup();
    }
  });

  it("refuses a redirect whose state is not this login's", async () => {
    const web = sandbox().credentials.ninjaone;
    const cli = startInProcess(
      ["auth", "login", "ninjaone", "--instance", sandbox().urls.ninjaone, "--flow", "authorization-code", "--client-id", web.webClientId ?? "", "--client-secret-stdin", "--redirect-port", "0"],
      { env: home().env, input: web.webClientSecret },
    );
    const [, redirectUri] = await cli.waitForStderr(/exactly\): (\S+)/);
    const forged = await fetch(`${redirectUri}?code=stolen&state=forged`);
    expect(forged.status).toBe(400);
    const result = await cli.done;
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("did not carry this login's state");
    expect(await storedSecret(home(), "default", "ninjaone", "refresh_token")).toBeUndefined();
  });
});
