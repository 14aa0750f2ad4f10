import { WHILE_A_PERSON_WAITS, httpSettings, openCipp } from "../../../clients/connect.js";
import { defaultCippScope, defaultCippTokenUrl } from "../../../clients/cipp/auth.js";
import type { Context } from "../../context.js";
import { loginSecret, loginSetting, type Input, type LoginOptions } from "./inputs.js";
import { finishLogin } from "./login-report.js";

export interface LoginCippOptions extends LoginOptions {
  url?: string;
  tenantId?: string;
  scope?: string;
  tokenUrl?: string;
}

/** `auth login cipp`: client credentials at the MSP's Entra tenant for the CIPP API's own audience. */
export async function run(opts: LoginCippOptions, ctx: Context): Promise<void> {
  const config = await ctx.config();
  const store = await ctx.credentials();
  const urlInput = await loginSetting(ctx, config, "cipp.url", opts.url, "--url", "CIPP API base URL");
  const tenantInput = await loginSetting(ctx, config, "cipp.tenantId", opts.tenantId, "--tenant-id", "Entra tenant id of the CIPP API application");
  const clientIdInput = await loginSetting(ctx, config, "cipp.clientId", opts.clientId, "--client-id", "CIPP API client (application) id");
  const optional = (key: "cipp.scope" | "cipp.tokenUrl", value: string | undefined, flagName: string): Input | undefined => {
    const resolved = config.resolve(key, ctx.env, value, flagName);
    return resolved === undefined ? undefined : { value: String(resolved.value), source: resolved.source };
  };
  const scopeInput = optional("cipp.scope", opts.scope, "--scope");
  const tokenUrlInput = optional("cipp.tokenUrl", opts.tokenUrl, "--token-url");
  const scope = scopeInput?.value ?? defaultCippScope(clientIdInput.value);
  const tokenUrl = tokenUrlInput?.value ?? defaultCippTokenUrl(tenantInput.value);

  const secret = await loginSecret(ctx, store, "cipp", {
    fromStdin: opts.clientSecretStdin === true,
    sameClientAsStored: config.stored("cipp.clientId") === clientIdInput.value,
  });
  const connection = openCipp(ctx, {
    baseUrl: urlInput.value,
    tokenUrl,
    app: { tenantId: tenantInput.value, clientId: clientIdInput.value, clientSecret: secret.value, scope },
    http: httpSettings(config, ctx.env, "cipp"),
  }, WHILE_A_PERSON_WAITS);
  const token = await connection.authenticate();

  await finishLogin(ctx, { config, credentials: store }, secret, [
    ["cipp.url", urlInput],
    ["cipp.tenantId", tenantInput],
    ["cipp.clientId", clientIdInput],
    ["cipp.scope", scopeInput],
    ["cipp.tokenUrl", tokenUrlInput],
  ], {
    service: "cipp",
    instance: connection.instance,
    authMethod: connection.authMethod,
    clientId: clientIdInput.value,
    token,
  });
}
