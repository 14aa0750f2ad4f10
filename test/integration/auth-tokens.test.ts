import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CredentialStore } from "../../src/config/credentials/index.js";
import type { RequestCounts } from "../../src/sandbox/core/request-counts.js";
import type { ServiceName } from "../../src/services.js";
import { acronisArgs, cippArgs, credentialsFile, ninjaM2mArgs, ninjaM2mSecret, storedSecret, useAuthSandbox } from "../helpers/auth-sandbox.js";
import { runInProcess } from "../helpers/run-in-process.js";
import { control } from "../helpers/sandbox-control.js";
import { sandboxEnv } from "../helpers/sandbox-env.js";
import { stateFile } from "../helpers/state-file.js";

/**
 * Access tokens kept between runs (issue 19, point 4): a run within a token's lifetime asks
 * for none, an expired or refused one is replaced once, and the kept token never shows.
 */
const { sandbox, home } = useAuthSandbox();

const SERVICES: readonly ServiceName[] = ["ninjaone", "acronis", "cipp"];
const TOKEN_ROUTES: Record<ServiceName, string> = {
  ninjaone: "POST /ws/oauth/token",
  acronis: "POST /api/2/idp/token",
  cipp: "POST /{tenantId}/oauth2/v2.0/token",
};

async function tokenRequests(): Promise<Record<ServiceName, number>> {
  const counts = await control<RequestCounts>(sandbox(), "GET", "/requests");
  return Object.fromEntries(SERVICES.map((s) => [s, counts.services[s].byRoute[TOKEN_ROUTES[s]]?.total ?? 0])) as Record<ServiceName, number>;
}

/** Token requests since `before`, per service. */
async function tokenRequestsSince(before: Record<ServiceName, number>): Promise<Record<ServiceName, number>> {
  const now = await tokenRequests();
  return Object.fromEntries(SERVICES.map((s) => [s, now[s] - before[s]])) as Record<ServiceName, number>;
}

interface StatusJson {
  ok: boolean;
  services: Array<{ service: ServiceName; ok: boolean; expiresAt?: string; tokenReused?: boolean }>;
}

async function status(env: NodeJS.ProcessEnv, flags: string[] = []): Promise<{ doc: StatusJson; stdout: string; stderr: string }> {
  const result = await runInProcess([...flags, "--json", "auth", "status"], { env });
  expect(result.code, result.stderr).toBe(0);
  return { doc: JSON.parse(result.stdout) as StatusJson, stdout: result.stdout, stderr: result.stderr };
}

/** The kept token of each service, read from the credentials file as the next run would. */
async function keptTokens(): Promise<Record<ServiceName, { accessToken: string; expiresAt: number } | undefined>> {
  const entries = await Promise.all(
    SERVICES.map(async (s) => {
      const raw = await storedSecret(home(), "default", s, "access_token");
      return [s, raw === undefined ? undefined : (JSON.parse(raw) as { accessToken: string; expiresAt: number })] as const;
    }),
  );
  return Object.fromEntries(entries) as Record<ServiceName, { accessToken: string; expiresAt: number } | undefined>;
}

/** Moves each kept token's recorded times `seconds` into the past, as if that long had passed since it was issued. */
async function ageKeptTokens(seconds: number): Promise<void> {
  const store = new CredentialStore({ env: home().env });
  for (const s of SERVICES) {
    const address = { profile: "default", service: s, key: "access_token" };
    const kept = JSON.parse((await store.get(address))?.value ?? "{}") as { expiresAt: number; obtainedAt: number };
    await store.set(address, JSON.stringify({ ...kept, expiresAt: kept.expiresAt - seconds * 1000, obtainedAt: kept.obtainedAt - seconds * 1000 }));
  }
}

/** Requests the three services refused (4xx), so far: a dead token sent is one. */
async function refusals(): Promise<number> {
  const counts = await control<RequestCounts>(sandbox(), "GET", "/requests");
  return SERVICES.reduce((sum, s) => sum + (counts.services[s].byStatus["4xx"] ?? 0), 0);
}

const ONE_EACH = { ninjaone: 1, acronis: 1, cipp: 1 };
const NONE = { ninjaone: 0, acronis: 0, cipp: 0 };

describe("access tokens kept between runs", () => {
  it("two consecutive commands ask each service for one token; the second reuses it and auth status shows its recorded expiry", async () => {
    const env = sandboxEnv(sandbox(), home());
    const before = await tokenRequests();
    const first = await status(env);
    expect(await tokenRequestsSince(before)).toEqual(ONE_EACH);
    const second = await status(env);
    expect(await tokenRequestsSince(before)).toEqual(ONE_EACH);

    const kept = await keptTokens();
    for (const s of SERVICES) {
      const firstReport = first.doc.services.find((r) => r.service === s);
      const secondReport = second.doc.services.find((r) => r.service === s);
      expect(firstReport).toMatchObject({ ok: true, tokenReused: false });
      expect(secondReport).toMatchObject({ ok: true, tokenReused: true, expiresAt: firstReport?.expiresAt });
      expect(secondReport?.expiresAt).toBe(new Date(kept[s]?.expiresAt ?? 0).toISOString());
    }
    // The secrets came from the environment, so the tokens went to the credentials file (mode 0600).
    expect(Object.keys((credentialsFile(home()) as { profiles: { default: Record<string, unknown> } }).profiles.default).sort()).toEqual(["acronis", "cipp", "ninjaone"]);

    const table = await runInProcess(["auth", "status"], { env });
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toMatch(/acronis .*Z \(reused\)/);
  });

  it("asks once more after the kept token has expired, without sending the dead one first, and keeps the new one", async () => {
    const env = sandboxEnv(sandbox(), home());
    await status(env);
    const old = await keptTokens();
    // A token's lifetime passes for both sides: the sandbox's clock, and the expiry the client recorded.
    const lifetime = sandbox().knobs.tokenLifetimeSec + 1;
    await control(sandbox(), "POST", "/clock/advance", { seconds: lifetime });
    await ageKeptTokens(lifetime);
    const before = await tokenRequests();
    const refusedBefore = await refusals();
    const { doc } = await status(env);
    expect(await tokenRequestsSince(before)).toEqual(ONE_EACH);
    expect(await refusals()).toBe(refusedBefore);
    expect(doc.services.every((r) => r.tokenReused === false)).toBe(true);
    const renewed = await keptTokens();
    for (const s of SERVICES) expect(renewed[s]?.accessToken).not.toBe(old[s]?.accessToken);
  });

  it("replaces a token the service revoked once, after its 401, and the command succeeds", async () => {
    const env = sandboxEnv(sandbox(), home());
    await status(env);
    const revoked = await control<{ revoked: Record<ServiceName, number> }>(sandbox(), "POST", "/tokens/revoke");
    expect(Object.values(revoked.revoked).every((n) => n > 0)).toBe(true);
    const before = await tokenRequests();
    const { doc } = await status(env);
    expect(doc.ok).toBe(true);
    expect(await tokenRequestsSince(before)).toEqual(ONE_EACH);
    // The replacement is kept: the next run asks for none.
    await status(env);
    expect(await tokenRequestsSince(before)).toEqual(ONE_EACH);
  });

  it("does not send a kept token to another client id or scope set", async () => {
    const env = sandboxEnv(sandbox(), home());
    await status(env);
    const before = await tokenRequests();
    const orgs = await runInProcess(["--json", "orgs", "list"], { env: { ...env, NINJA_BRIDGE_NINJAONE_SCOPES: "monitoring" } });
    expect(orgs.code, orgs.stderr).toBe(0);
    expect((await tokenRequestsSince(before)).ninjaone).toBe(1);

    // Another API client at the same data center: its token request is refused, so the kept one was not used.
    const other = await runInProcess(["--json", "auth", "status"], { env: { ...env, NINJA_BRIDGE_ACRONIS_CLIENT_ID: "another-client" } });
    expect(other.code).toBe(1);
    expect((JSON.parse(other.stdout) as StatusJson).services.find((r) => r.service === "acronis")).toMatchObject({ ok: false });
    expect((await tokenRequestsSince(before)).acronis).toBe(1);
  });

  it("never shows a kept token: not with --json, not with --verbose, not in the state file", async () => {
    const env = sandboxEnv(sandbox(), home());
    await status(env);
    const tokens = Object.values(await keptTokens()).map((t) => t?.accessToken ?? "");
    expect(tokens.every((t) => t.length > 20)).toBe(true);
    const outputs: string[] = [];
    for (const args of [
      ["--json", "--verbose", "auth", "status"],
      ["--json", "--verbose", "orgs", "list"],
      ["--verbose", "auth", "status"],
      ["--json", "--verbose", "automap", "--yes"],
    ]) {
      const result = await runInProcess(args, { env });
      expect(result.code, `${args.join(" ")}: ${result.stderr}`).toBe(0);
      outputs.push(result.stdout, result.stderr);
    }
    // A refused kept token goes through the 401 path and its debug lines too.
    await control(sandbox(), "POST", "/tokens/revoke");
    const refused = await runInProcess(["--json", "--verbose", "auth", "status"], { env });
    expect(refused.code, refused.stderr).toBe(0);
    outputs.push(refused.stdout, refused.stderr);
    expect(outputs.join("\n")).toContain("retrying once with a new token");

    expect(existsSync(stateFile(home()))).toBe(true);
    outputs.push(readFileSync(stateFile(home()), "utf8"));
    const renewed = Object.values(await keptTokens()).map((t) => t?.accessToken ?? "");
    for (const token of [...tokens, ...renewed]) for (const text of outputs) expect(text).not.toContain(token);
  });

  it("two runs at once both succeed and leave a readable store with every secret", async () => {
    const env = sandboxEnv(sandbox(), home());
    await status(env);
    await control(sandbox(), "POST", "/clock/advance", { seconds: sandbox().knobs.tokenLifetimeSec + 1 });
    const [a, b] = await Promise.all([runInProcess(["--json", "auth", "status"], { env }), runInProcess(["--json", "auth", "status"], { env })]);
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
    const kept = await keptTokens();
    for (const s of SERVICES) expect(kept[s]?.accessToken).toBeTruthy();
    const before = await tokenRequests();
    await status(env);
    expect(await tokenRequestsSince(before)).toEqual(NONE);
  });
});

describe("auth login and logout with kept tokens", () => {
  it("auth login tests the credentials given rather than a kept token, and logout forgets the token with the secret", async () => {
    for (const [args, secret] of [
      [ninjaM2mArgs(sandbox()), ninjaM2mSecret(sandbox())],
      [acronisArgs(sandbox()), sandbox().credentials.acronis.client_secret],
      [cippArgs(sandbox()), sandbox().credentials.cipp.client_secret],
    ] as const) {
      const result = await runInProcess(args, { env: home().env, input: secret });
      expect(result.code, result.stderr).toBe(0);
    }
    await status(home().env);
    expect((await keptTokens()).acronis).toBeDefined();

    const before = await tokenRequests();
    const wrong = await runInProcess(acronisArgs(sandbox()), { env: home().env, input: "wrong" });
    expect(wrong.code).toBe(1);
    expect((await tokenRequestsSince(before)).acronis).toBe(1);

    const relogin = await runInProcess(acronisArgs(sandbox()), { env: home().env, input: sandbox().credentials.acronis.client_secret });
    expect(relogin.code, relogin.stderr).toBe(0);
    expect((await keptTokens()).acronis).toBeUndefined();

    await status(home().env);
    const logout = await runInProcess(["--json", "auth", "logout", "--all"], { env: home().env });
    expect(logout.code, logout.stderr).toBe(0);
    const removed = (JSON.parse(logout.stdout) as { removed: Array<{ service: string; key: string }> }).removed;
    for (const s of SERVICES) expect(removed).toContainEqual(expect.objectContaining({ service: s, key: "access_token" }));
    expect(await keptTokens()).toEqual({ ninjaone: undefined, acronis: undefined, cipp: undefined });
  });
});
