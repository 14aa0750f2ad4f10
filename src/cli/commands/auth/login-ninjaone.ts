import { WHILE_A_PERSON_WAITS, openNinjaOne, httpSettings, type NinjaFlow, type TokenInfo } from "../../../clients/connect.js";
import { parseScopes } from "../../../clients/ninjaone/auth.js";
import { RefreshTokenStore } from "../../../clients/ninjaone/auth-refresh-token.js";
import { resolveNinjaInstance } from "../../../clients/ninjaone/instance.js";
import { profilesSharingNinjaConnection } from "../../../auth/duplicate-connections.js";
import { entryLockPath, withEntryLock } from "../../../config/credentials/index.js";
import { UsageError } from "../../../errors.js";
import type { Context } from "../../context.js";
import { loginSecret, loginSetting, type Input, type LoginOptions } from "./inputs.js";
import { finishLogin } from "./login-report.js";

export interface LoginNinjaOneOptions extends LoginOptions {
  instance?: string;
  flow?: string;
  scopes?: string;
  redirectPort?: string;
  /** `--no-browser` makes it false. */
  browser?: boolean;
}

/** `auth login ninjaone`: sign in with the chosen flow, and store only what worked. */
export async function run(opts: LoginNinjaOneOptions, ctx: Context): Promise<void> {
  const config = await ctx.config();
  const store = await ctx.credentials();
  const instanceInput = await loginSetting(ctx, config, "ninjaone.instance", opts.instance, "--instance", "NinjaOne instance (app, us2, eu, ca, oc, <host>.ninjarmm.com or <host>.ninjaone.com)");
  const instance = resolveNinjaInstance(instanceInput.value);
  const clientIdInput = await loginSetting(ctx, config, "ninjaone.clientId", opts.clientId, "--client-id", "NinjaOne client id");
  const clientId = clientIdInput.value;
  const flowInput = await loginSetting(ctx, config, "ninjaone.flow", opts.flow, "--flow", "flow");
  const flow = flowInput.value as NinjaFlow;
  const scopesInput = await loginSetting(ctx, config, "ninjaone.scopes", opts.scopes, "--scopes", "scopes");
  const scopes = parseScopes(scopesInput.value).filter((s) => flow === "authorization-code" || s !== "offline_access");
  if (scopes.length === 0) throw new UsageError("no NinjaOne scope to ask for", { hint: 'give --scopes "monitoring management"' });

  const secret = await loginSecret(ctx, store, "ninjaone", {
    fromStdin: opts.clientSecretStdin === true,
    sameClientAsStored: config.stored("ninjaone.clientId") === clientId,
  });
  const others = profilesSharingNinjaConnection(config.allProfiles(), { profile: ctx.profile, baseUrl: instance.baseUrl, clientId });
  if (others.length > 0) {
    ctx.out.warn(
      `profile${others.length === 1 ? "" : "s"} ${others.map((p) => `"${p}"`).join(", ")} already use${others.length === 1 ? "s" : ""} this NinjaOne instance and client id: running jobs from both would create every ticket and event twice`,
    );
  }

  const connection = openNinjaOne(ctx, store, { instance, app: { clientId, clientSecret: secret.value }, flow, scopes, http: httpSettings(config, ctx.env, "ninjaone") }, WHILE_A_PERSON_WAITS);
  const stored: string[] = [];
  let portInput: Input | undefined;
  let token: TokenInfo;
  if (flow === "client-credentials") {
    token = await connection.authenticate();
  } else {
    portInput = await loginSetting(ctx, config, "ninjaone.redirectPort", opts.redirectPort, "--redirect-port", "redirect port");
    const { signInWithBrowser } = await import("../../../auth/authorization-code.js");
    const { openBrowser } = await import("../../../auth/browser.js");
    const signedIn = await signInWithBrowser({
      http: connection.http,
      instance,
      app: { clientId, clientSecret: secret.value },
      scopes,
      port: Number(portInput.value),
      now: Date.now,
      show: (redirectUri, url) => {
        ctx.out.err(`Redirect URI (register it with the NinjaOne app, exactly): ${redirectUri}`);
        ctx.out.err(`Open this URL in a browser to approve ninja-bridge:\n  ${url}`);
        ctx.out.err("Waiting for the sign-in (Ctrl+C to cancel)…");
      },
      ...(opts.browser !== false && ctx.out.canPrompt ? { open: openBrowser } : {}),
    });
    token = { expiresAt: signedIn.expiresAt, scopes: signedIn.scopes, userContext: true };
    if (!ctx.dryRun) {
      // Under the credentials lock, so a run refreshing the old sign-in cannot write over this one.
      const lock = entryLockPath(store.file, ctx.profile, "ninjaone");
      const saved = await withEntryLock(lock, { logger: ctx.out, command: "auth login ninjaone" }, () => new RefreshTokenStore(store, ctx.profile, ctx.env).save(signedIn.refreshToken));
      if (saved.shadowedByEnv) ctx.out.warn(`${saved.shadowedByEnv} is set and overrides the stored refresh token`);
      stored.push("refresh_token");
    }
  }

  await finishLogin(ctx, { config, credentials: store }, secret, [
    ["ninjaone.instance", instanceInput],
    ["ninjaone.clientId", clientIdInput],
    ["ninjaone.flow", flowInput],
    ["ninjaone.scopes", scopesInput],
    ["ninjaone.redirectPort", portInput],
  ], {
    service: "ninjaone",
    instance: instance.label,
    authMethod: flow,
    clientId,
    token,
    alsoStored: stored.map((k) => `${k} stored in the credential store`),
  });
}
