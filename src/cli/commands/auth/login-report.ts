import type { TokenInfo } from "../../../clients/connect.js";
import type { CredentialStore } from "../../../config/credentials/index.js";
import type { ProfileConfig } from "../../../config/profile-config.js";
import type { SettingKey } from "../../../config/settings.js";
import type { Context } from "../../context.js";
import { keepLogin, type Input, type SecretOrigin } from "./inputs.js";
import type { ServiceName } from "../../../services.js";

export interface LoginOutcome {
  service: ServiceName;
  instance: string;
  authMethod: string;
  clientId: string;
  token: TokenInfo;
  /** Settings written to the profile. */
  savedSettings: string[];
  /** What happened to each secret, in words. */
  stored: string[];
  /** Learned from the service and remembered (the Acronis client's tenant). */
  extra?: Record<string, string>;
}

/** A login that worked, before anything is kept: what accepted which client, and secrets stored besides the client secret. */
export interface LoginResult extends Omit<LoginOutcome, "savedSettings" | "stored"> {
  alsoStored?: string[];
}

/** The end of every `auth login`: keep the settings given and the secret (not on a dry run), then report. */
export async function finishLogin(
  ctx: Context,
  stores: { config: ProfileConfig; credentials: CredentialStore },
  secret: { value: string; origin: SecretOrigin },
  inputs: ReadonlyArray<readonly [SettingKey, Input | undefined]>,
  result: LoginResult,
): Promise<void> {
  const { alsoStored = [], ...connected } = result;
  const { savedSettings, secretNote } = await keepLogin(ctx, stores, result.service, secret, inputs);
  reportLogin(ctx, { ...connected, savedSettings, stored: [secretNote, ...alsoStored] });
}

/** The result of `auth login`: JSON on stdout with --json, notices on stderr otherwise. */
function reportLogin(ctx: Context, outcome: LoginOutcome): void {
  // Null when the service stated no lifetime: the time we assume is not a fact to report.
  const expiresAt = outcome.token.expiryStated === false ? null : new Date(outcome.token.expiresAt).toISOString();
  if (ctx.json) {
    ctx.out.printJson({
      profile: ctx.profile,
      service: outcome.service,
      instance: outcome.instance,
      authMethod: outcome.authMethod,
      clientId: outcome.clientId,
      expiresAt,
      scopes: outcome.token.scopes ?? null,
      userContext: outcome.token.userContext ?? null,
      savedSettings: outcome.savedSettings,
      stored: outcome.stored,
      dryRun: ctx.dryRun,
      ...outcome.extra,
    });
    return;
  }
  const scopes = outcome.token.scopes && outcome.token.scopes.length > 0 ? `, scopes ${outcome.token.scopes.join(" ")}` : "";
  ctx.out.success(`${outcome.service} (${outcome.instance}) accepted client ${outcome.clientId} with ${outcome.authMethod}${scopes}; ${expiresAt === null ? "the token's lifetime was not stated" : `token valid until ${expiresAt}`}`);
  for (const [key, value] of Object.entries(outcome.extra ?? {})) ctx.out.success(`${key}: ${value}`);
  if (ctx.dryRun) {
    ctx.out.err(`dry run: nothing stored in profile "${ctx.profile}"`);
    return;
  }
  if (outcome.savedSettings.length > 0) ctx.out.success(`saved ${outcome.savedSettings.join(", ")} in profile "${ctx.profile}"`);
  for (const line of outcome.stored) ctx.out.success(line);
  ctx.out.info(`next: \`ninja-bridge${ctx.profile === "default" ? "" : ` --profile ${ctx.profile}`} auth status\` probes what the jobs need`);
}
