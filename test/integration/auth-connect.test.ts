import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { connectAcronis, connectCipp, connectNinjaOne, type ConnectContext } from "../../src/clients/connect.js";
import { CredentialStore } from "../../src/config/credentials/index.js";
import { ProfileConfig } from "../../src/config/profile-config.js";
import { ConfigError, CredentialError } from "../../src/errors.js";
import { RequestCounter } from "../../src/http/index.js";
import { silentLogger } from "../../src/log.js";
import { startSandbox, type RunningSandbox } from "../../src/sandbox/server.js";

let sandbox: RunningSandbox;
let dir: string;

beforeAll(async () => {
  sandbox = await startSandbox({ seed: "demo", port: 0 });
});
afterAll(async () => {
  await sandbox.close();
});
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "nb-auth-connect-"));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** A context like the CLI's, configured only through the environment (as cron would be). */
function contextWith(vars: Record<string, string | undefined>): ConnectContext {
  const env: NodeJS.ProcessEnv = { NINJA_BRIDGE_CONFIG_DIR: dir, NINJA_BRIDGE_CREDENTIAL_STORE: "file", ...vars };
  return {
    profile: "default",
    env,
    out: silentLogger,
    config: () => ProfileConfig.open("default", { env }),
    credentials: () => Promise.resolve(new CredentialStore({ env })),
  };
}

function ninjaEnv(): Record<string, string | undefined> {
  const app = sandbox.credentials.ninjaone;
  return {
    NINJA_BRIDGE_NINJAONE_INSTANCE: sandbox.urls.ninjaone,
    NINJA_BRIDGE_NINJAONE_CLIENT_ID: app.clientCredentialsClientId,
    NINJA_BRIDGE_NINJAONE_CLIENT_SECRET: app.clientCredentialsClientSecret,
  };
}

describe("connectNinjaOne", () => {
  it("gets a new token and carries on when the token expires in the middle of a command", async () => {
    const counter = new RequestCounter();
    const ninja = await connectNinjaOne(contextWith(ninjaEnv()), { counter });
    sandbox.resetCounts();
    await ninja.http.request({ method: "GET", path: "/v2/organizations", query: { pageSize: 1 } });
    // The server's clock runs ahead, so it refuses a token this process still believes valid.
    sandbox.clock.advance(2 * 3600);
    const orgs = await ninja.http.request({ method: "GET", path: "/v2/organizations", query: { pageSize: 1 } });
    expect(Array.isArray(orgs)).toBe(true);
    const routes = sandbox.counts().services.ninjaone.byRoute;
    expect(routes["POST /ws/oauth/token"]?.total).toBe(2);
    expect(routes["GET /v2/organizations"]?.byStatus).toEqual({ "2xx": 2, "4xx": 1 });
  });

  it("reports the granted scopes and no user context for client credentials", async () => {
    const ninja = await connectNinjaOne(contextWith(ninjaEnv()));
    expect(await ninja.authenticate()).toMatchObject({ scopes: ["monitoring", "management"], userContext: false });
  });

  it("names the setting to give when the instance is missing", async () => {
    await expect(connectNinjaOne(contextWith({ ...ninjaEnv(), NINJA_BRIDGE_NINJAONE_INSTANCE: undefined }))).rejects.toThrow(ConfigError);
  });

  it("names the variable to set when the client secret is missing", async () => {
    const error = await connectNinjaOne(contextWith({ ...ninjaEnv(), NINJA_BRIDGE_NINJAONE_CLIENT_SECRET: undefined })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CredentialError);
    expect((error as CredentialError).hint).toContain("NINJA_BRIDGE_NINJAONE_CLIENT_SECRET");
  });
});

describe("connectAcronis", () => {
  it("authenticates and finds the API client's own tenant when the profile does not name it", async () => {
    const acronis = await connectAcronis(
      contextWith({ NINJA_BRIDGE_ACRONIS_URL: sandbox.urls.acronis, NINJA_BRIDGE_ACRONIS_CLIENT_ID: sandbox.credentials.acronis.client_id, NINJA_BRIDGE_ACRONIS_CLIENT_SECRET: sandbox.credentials.acronis.client_secret }),
    );
    const token = await acronis.authenticate();
    // Acronis answers an absolute expiry (expires_on), read as such rather than as a duration.
    expect(token.expiresAt).toBeGreaterThan(Date.now());
    expect(await acronis.ownTenantId()).toBe(sandbox.credentials.acronis.tenant_id);
  });
});

describe("connectCipp", () => {
  it("authenticates at the configured token URL and lists tenants", async () => {
    const tenant = sandbox.credentials.cipp.tenant_id ?? "";
    const cipp = await connectCipp(
      contextWith({
        NINJA_BRIDGE_CIPP_URL: sandbox.urls.cipp,
        NINJA_BRIDGE_CIPP_TENANT_ID: tenant,
        NINJA_BRIDGE_CIPP_CLIENT_ID: sandbox.credentials.cipp.client_id,
        NINJA_BRIDGE_CIPP_CLIENT_SECRET: sandbox.credentials.cipp.client_secret,
        NINJA_BRIDGE_CIPP_TOKEN_URL: `${sandbox.urls.cipp}/${tenant}/oauth2/v2.0/token`,
      }),
    );
    const tenants = await cipp.http.request({ method: "GET", path: "/api/ListTenants" });
    expect(Array.isArray(tenants) && tenants.length > 0).toBe(true);
  });
});
