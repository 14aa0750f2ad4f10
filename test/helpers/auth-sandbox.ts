import { spawn } from "node:child_process";
import { afterEach, beforeEach, expect } from "vitest";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { CredentialStore, type CredentialService } from "../../src/config/credentials/index.js";
import type { RunningSandbox } from "../../src/sandbox/server.js";
import { useDemoSandbox } from "./demo-sandbox.js";
import { makeCliHome, REPO_ROOT, type CliHome, type CliResult } from "./run-cli.js";

/**
 * The setup of the auth tests: one demo sandbox for the file (useDemoSandbox) and a fresh CLI
 * home for each test, so a sign-in never carries over. Call both inside tests and hooks only.
 */
export function useAuthSandbox(): { sandbox: () => RunningSandbox; home: () => CliHome } {
  const sandbox = useDemoSandbox();
  let home: CliHome | undefined;
  beforeEach(() => {
    home = makeCliHome();
  });
  afterEach(() => {
    home?.cleanup();
    home = undefined;
  });
  return {
    sandbox,
    home: () => {
      if (home === undefined) throw new Error("the CLI home only exists inside a test");
      return home;
    },
  };
}

/** Flags that point `auth login ninjaone` at the sandbox's machine-to-machine app. */
export function ninjaM2mArgs(sandbox: RunningSandbox): string[] {
  return ["auth", "login", "ninjaone", "--instance", sandbox.urls.ninjaone, "--client-id", sandbox.credentials.ninjaone.clientCredentialsClientId ?? "", "--client-secret-stdin"];
}

export function ninjaM2mSecret(sandbox: RunningSandbox): string {
  return sandbox.credentials.ninjaone.clientCredentialsClientSecret ?? "";
}

/** Flags for the sandbox's Acronis API client. */
export function acronisArgs(sandbox: RunningSandbox): string[] {
  return ["auth", "login", "acronis", "--url", sandbox.urls.acronis, "--client-id", sandbox.credentials.acronis.client_id ?? "", "--client-secret-stdin"];
}

/** Flags for the sandbox's CIPP, whose Entra token endpoint lives on the same server. */
export function cippArgs(sandbox: RunningSandbox): string[] {
  const tenant = sandbox.credentials.cipp.tenant_id ?? "";
  return [
    "auth",
    "login",
    "cipp",
    "--url",
    sandbox.urls.cipp,
    "--tenant-id",
    tenant,
    "--client-id",
    sandbox.credentials.cipp.client_id ?? "",
    "--token-url",
    `${sandbox.urls.cipp}/${tenant}/oauth2/v2.0/token`,
    "--client-secret-stdin",
  ];
}

/** The credentials file the file-mode store writes in a CliHome. */
export function credentialsFile(home: CliHome): Record<string, unknown> {
  const file = path.join(home.env.NINJA_BRIDGE_CONFIG_DIR ?? "", "credentials.json");
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>) : {};
}

/** Every string value anywhere in a JSON document. */
export function stringsIn(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (typeof value === "object" && value !== null) return Object.values(value).flatMap(stringsIn);
  return [];
}

/** A secret as the CLI in `home` stored it (the file store, as makeCliHome sets). */
export async function storedSecret(home: CliHome, profile: string, service: CredentialService, key: string): Promise<string | undefined> {
  const envWithoutSecrets = Object.fromEntries(Object.entries(home.env).filter(([k]) => !/_(CLIENT_SECRET|REFRESH_TOKEN)$/.test(k)));
  return (await new CredentialStore({ env: envWithoutSecrets }).get({ profile, service, key }))?.value;
}

export interface RunningCli {
  /** Resolves with stderr so far once `pattern` appears in it. */
  waitForStderr(pattern: RegExp): Promise<RegExpExecArray>;
  done: Promise<CliResult>;
}

/** Starts the built CLI and lets the test act while it runs (as the browser of a sign-in). */
export function startCli(args: string[], options: { env: NodeJS.ProcessEnv; input?: string }): RunningCli {
  const child = spawn(process.execPath, [path.join(REPO_ROOT, "bin", "ninja-bridge.js"), ...args], { env: options.env, stdio: ["pipe", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  const waiters: Array<{ pattern: RegExp; resolve: (m: RegExpExecArray) => void }> = [];
  const check = (): void => {
    for (const waiter of [...waiters]) {
      const match = waiter.pattern.exec(stderr);
      if (match) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(match);
      }
    }
  };
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
    check();
  });
  const done = new Promise<CliResult>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
  child.stdin.end(options.input ?? "");
  return {
    waitForStderr: (pattern) =>
      new Promise((resolve, reject) => {
        waiters.push({ pattern, resolve });
        check();
        void done.then((r) => reject(new Error(`the CLI exited (${r.code}) before printing ${pattern}:\n${r.stderr}`)));
      }),
    done,
  };
}

/**
 * `auth login ninjaone --flow authorization-code` against the sandbox's Web app, playing the
 * browser: GET the printed URL, follow its redirect to the CLI's loopback listener.
 */
export async function signInWithCode(sandbox: RunningSandbox, env: NodeJS.ProcessEnv, profile = "default") {
  const web = sandbox.credentials.ninjaone;
  const cli = startCli(
    ["--profile", profile, "--json", "auth", "login", "ninjaone", "--instance", sandbox.urls.ninjaone, "--flow", "authorization-code", "--client-id", web.webClientId ?? "", "--client-secret-stdin", "--redirect-port", "0", "--no-browser"],
    { env, input: `${web.webClientSecret}\n` },
  );
  const [, url] = await cli.waitForStderr(/^\s+(http:\/\/\S+\/ws\/oauth\/authorize\?\S+)$/m);
  const authorize = await fetch(url ?? "", { redirect: "manual" });
  expect(authorize.status).toBe(302);
  const callback = authorize.headers.get("location") ?? "";
  const landing = await fetch(callback);
  return { result: await cli.done, url: new URL(url ?? ""), callback: new URL(callback), landing };
}
