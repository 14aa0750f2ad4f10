import type { RunningSandbox } from "../../src/sandbox/server.js";
import type { CliHome } from "./run-cli.js";

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

