import { afterEach, beforeEach, expect } from "vitest";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { CredentialStore } from "../../src/config/credentials/index.js";
import type { RunningSandbox } from "../../src/sandbox/server.js";
import { useDemoSandbox } from "./demo-sandbox.js";
import { makeCliHome, type CliHome, type RunningCli } from "./run-cli.js";
import { startInProcess } from "./run-in-process.js";
import type { ServiceName } from "../../src/services.js";

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
export async function storedSecret(home: CliHome, profile: string, service: ServiceName, key: string): Promise<string | undefined> {
  const envWithoutSecrets = Object.fromEntries(Object.entries(home.env).filter(([k]) => !/_(CLIENT_SECRET|REFRESH_TOKEN)$/.test(k)));
  return (await new CredentialStore({ env: envWithoutSecrets }).get({ profile, service, key }))?.value;
}

/**
 * `auth login ninjaone --flow authorization-code` against the sandbox's Web app, playing the
 * browser: GET the printed URL, follow its redirect to the CLI's loopback listener.
 */
export async function signInWithCode(sandbox: RunningSandbox, env: NodeJS.ProcessEnv, profile = "default", start: typeof startInProcess = startInProcess) {
  const web = sandbox.credentials.ninjaone;
  const cli: RunningCli = start(
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
