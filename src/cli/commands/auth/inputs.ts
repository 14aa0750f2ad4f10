import type { CredentialStore } from "../../../config/credentials/index.js";
import { credentialEnvName } from "../../../config/credentials/index.js";
import { forgetKeptToken } from "../../../clients/token-cache.js";
import type { ProfileConfig } from "../../../config/profile-config.js";
import { parseSetting, settingEnvName, type SettingKey } from "../../../config/settings.js";
import { CredentialError, UsageError } from "../../../errors.js";
import type { Context } from "../../context.js";
import { ask } from "../../io.js";
import type { ServiceName } from "../../../services.js";

export type InputSource = "flag" | "env" | "profile" | "default" | "prompt";

export interface Input {
  value: string;
  source: InputSource;
}

const required = (value: string): true | string => value.trim() !== "" || "required";

/** A setting for `auth login`: flag > environment > profile > default > a prompt on a TTY. */
export async function loginSetting(ctx: Context, config: ProfileConfig, key: SettingKey, flagValue: string | undefined, flagName: string, question: string): Promise<Input> {
  const resolved = config.resolve(key, ctx.env, flagValue, flagName);
  if (resolved !== undefined) return { value: String(resolved.value), source: resolved.source };
  if (ctx.out.canPrompt) {
    const answer = await ask((p, output) => p.input({ message: question, validate: required }, output));
    return { value: String(parseSetting(key, answer, "the prompt")), source: "prompt" };
  }
  throw new UsageError(`${key} is needed`, { hint: `give ${flagName} <value>, or set ${settingEnvName(key)}` });
}

/** The flags every `auth login` has: the client id, and the secret piped on stdin. */
export interface LoginOptions {
  clientId?: string;
  clientSecretStdin?: boolean;
}

export type SecretOrigin = "stdin" | "env" | "stored" | "prompt";

/**
 * The client secret for `auth login`: piped on stdin, the environment, the one already
 * stored for this same client id, or a prompt. Never a flag value (shell history, `ps`).
 */
export async function loginSecret(
  ctx: Context,
  store: CredentialStore,
  service: ServiceName,
  options: { fromStdin: boolean; sameClientAsStored: boolean },
): Promise<{ value: string; origin: SecretOrigin }> {
  const envName = credentialEnvName(service, "client_secret");
  if (options.fromStdin) {
    const value = (await ctx.readStdin()).replace(/\r?\n$/, "");
    if (value.trim() === "") throw new UsageError("--client-secret-stdin was given but standard input was empty", { hint: `pipe the secret in, e.g. \`pass show ${service} | ninja-bridge auth login ${service} --client-secret-stdin …\`` });
    return { value, origin: "stdin" };
  }
  const found = await store.get({ profile: ctx.profile, service, key: "client_secret" });
  if (found?.source === "env") return { value: found.value, origin: "env" };
  if (found !== undefined && options.sameClientAsStored) return { value: found.value, origin: "stored" };
  if (ctx.out.canPrompt) {
    const value = await ask((p, output) => p.password({ message: `${service} client secret`, mask: "*", validate: required }, output));
    return { value, origin: "prompt" };
  }
  throw new CredentialError(`no ${service} client secret given`, {
    hint: `pipe it in with --client-secret-stdin, or set ${envName}`,
  });
}

/** Saves the settings a person gave now (flags, prompts); values from the environment stay there. */
function saveGiven(config: ProfileConfig, inputs: ReadonlyArray<readonly [SettingKey, Input | undefined]>): SettingKey[] {
  const saved: SettingKey[] = [];
  for (const [key, input] of inputs) {
    if (input === undefined || (input.source !== "flag" && input.source !== "prompt")) continue;
    config.set(key, input.value);
    saved.push(key);
  }
  return saved;
}

/** Where a login's secret ended up, for the report. */
async function storeSecret(
  ctx: Context,
  store: CredentialStore,
  service: ServiceName,
  secret: { value: string; origin: SecretOrigin },
): Promise<string> {
  if (secret.origin === "env") return `client_secret from ${credentialEnvName(service, "client_secret")} (not stored)`;
  if (secret.origin === "stored") return "client_secret unchanged";
  const result = await store.set({ profile: ctx.profile, service, key: "client_secret" }, secret.value);
  if (result.shadowedByEnv) ctx.out.warn(`${result.shadowedByEnv} is set and overrides the stored client secret`);
  return `client_secret stored in the ${result.storedIn}`;
}

/**
 * What a login that worked keeps: the settings given now, then the secret, and no token kept
 * from earlier credentials; nothing on a dry run. Returns the settings saved and, in words, where the secret went.
 */
export async function keepLogin(
  ctx: Context,
  stores: { config: ProfileConfig; credentials: CredentialStore },
  service: ServiceName,
  secret: { value: string; origin: SecretOrigin },
  inputs: ReadonlyArray<readonly [SettingKey, Input | undefined]>,
): Promise<{ savedSettings: SettingKey[]; secretNote: string }> {
  if (ctx.dryRun) return { savedSettings: [], secretNote: "nothing stored (dry run)" };
  const savedSettings = saveGiven(stores.config, inputs);
  const secretNote = await storeSecret(ctx, stores.credentials, service, secret);
  await forgetKeptToken(stores.credentials, ctx.profile, service);
  return { savedSettings, secretNote };
}
