import { afterAll, beforeAll, expect } from "vitest";
import { startSandbox, type RunningSandbox } from "../../src/sandbox/server.js";
import { makeCliHome, type CliHome } from "./run-cli.js";
import { runInProcess } from "./run-in-process.js";

/** Points a CLI home at the sandbox through the environment only, as cron would be set up. */
export function sandboxEnv(sandbox: RunningSandbox, home: CliHome, services: { acronis?: boolean; cipp?: boolean } = { acronis: true, cipp: true }): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...home.env,
    NINJA_BRIDGE_NINJAONE_INSTANCE: sandbox.urls.ninjaone,
    NINJA_BRIDGE_NINJAONE_CLIENT_ID: sandbox.credentials.ninjaone.clientCredentialsClientId,
    NINJA_BRIDGE_NINJAONE_CLIENT_SECRET: sandbox.credentials.ninjaone.clientCredentialsClientSecret,
    // The sandbox sets no rate limit; the client's own defaults would only slow the test down.
    NINJA_BRIDGE_NINJAONE_RATE_LIMIT: "1000",
  };
  if (services.acronis) {
    Object.assign(env, {
      NINJA_BRIDGE_ACRONIS_URL: sandbox.urls.acronis,
      NINJA_BRIDGE_ACRONIS_CLIENT_ID: sandbox.credentials.acronis.client_id,
      NINJA_BRIDGE_ACRONIS_CLIENT_SECRET: sandbox.credentials.acronis.client_secret,
      NINJA_BRIDGE_ACRONIS_RATE_LIMIT: "1000",
    });
  }
  if (services.cipp) {
    const tenant = sandbox.credentials.cipp.tenant_id ?? "";
    Object.assign(env, {
      NINJA_BRIDGE_CIPP_URL: sandbox.urls.cipp,
      NINJA_BRIDGE_CIPP_TENANT_ID: tenant,
      NINJA_BRIDGE_CIPP_CLIENT_ID: sandbox.credentials.cipp.client_id,
      NINJA_BRIDGE_CIPP_CLIENT_SECRET: sandbox.credentials.cipp.client_secret,
      NINJA_BRIDGE_CIPP_TOKEN_URL: `${sandbox.urls.cipp}/${tenant}/oauth2/v2.0/token`,
      NINJA_BRIDGE_CIPP_RATE_LIMIT: "1000",
    });
  }
  return env;
}


export interface DemoProfile {
  sandbox: RunningSandbox;
  home: CliHome;
  env: NodeJS.ProcessEnv;
}

/**
 * For the enclosing describe (or file): a demo sandbox, and a CLI home whose environment points
 * at it, prepared by `prepare` (sandbox options, settings) and then by `setup`, CLI commands run
 * in-process that must each exit 0. Returns the profile; call it inside tests and hooks only.
 */
export function useDemoProfile(setup: string[][], prepare?: (profile: DemoProfile) => Promise<void>): () => DemoProfile {
  let profile: DemoProfile | undefined;
  beforeAll(async () => {
    const sandbox = await startSandbox({ seed: "demo", port: 0 });
    const home = makeCliHome();
    profile = { sandbox, home, env: sandboxEnv(sandbox, home) };
    await prepare?.(profile);
    for (const args of setup) {
      const result = await runInProcess(args, { env: profile.env });
      expect(result.code, `${args.join(" ")}: ${result.stderr}`).toBe(0);
    }
  }, 60_000);
  afterAll(async () => {
    await profile?.sandbox.close();
    profile?.home.cleanup();
    profile = undefined;
  });
  return () => {
    if (profile === undefined) throw new Error("the demo profile exists only inside the describe's tests");
    return profile;
  };
}
