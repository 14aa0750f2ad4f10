import { WHILE_A_PERSON_WAITS, httpSettings, openAcronis } from "../../../clients/connect.js";
import type { Context } from "../../context.js";
import { loginSecret, loginSetting, type LoginOptions } from "./inputs.js";
import { finishLogin } from "./login-report.js";

/** Acronis' own hosts; a partner's custom console domain is allowed but named in a warning. */
export function isAcronisHost(url: string): boolean {
  const { protocol, hostname } = new URL(url);
  if (protocol === "http:") return true;
  return /(^|\.)acronis\.(com|cloud)$/i.test(hostname);
}

export interface LoginAcronisOptions extends LoginOptions {
  url?: string;
}

/** `auth login acronis`: token with HTTP Basic, then remember the API client's own tenant. */
export async function run(opts: LoginAcronisOptions, ctx: Context): Promise<void> {
  const config = await ctx.config();
  const store = await ctx.credentials();
  const urlInput = await loginSetting(ctx, config, "acronis.url", opts.url, "--url", "Acronis data center URL (e.g. https://eu2-cloud.acronis.com)");
  const clientIdInput = await loginSetting(ctx, config, "acronis.clientId", opts.clientId, "--client-id", "Acronis API client id");
  if (!isAcronisHost(urlInput.value)) {
    ctx.out.warn(`${new URL(urlInput.value).host} is not an acronis.com or acronis.cloud host; the client secret is sent there`);
  }
  const secret = await loginSecret(ctx, store, "acronis", {
    fromStdin: opts.clientSecretStdin === true,
    sameClientAsStored: config.stored("acronis.clientId") === clientIdInput.value,
  });
  const connection = openAcronis(ctx, { baseUrl: urlInput.value, client: { clientId: clientIdInput.value, clientSecret: secret.value }, http: httpSettings(config, ctx.env, "acronis") }, WHILE_A_PERSON_WAITS);
  const token = await connection.authenticate();
  const tenantId = await connection.ownTenantId();

  await finishLogin(ctx, { config, credentials: store }, secret, [
    ["acronis.url", urlInput],
    ["acronis.clientId", clientIdInput],
    ["acronis.tenantId", { value: tenantId, source: "flag" }],
  ], {
    service: "acronis",
    instance: connection.instance,
    authMethod: connection.authMethod,
    clientId: clientIdInput.value,
    token,
    extra: { tenantId },
  });
}
