import { promises as fs } from "node:fs";
import path from "node:path";
import { renderEnvFile, type EnvLine } from "../../../auth/env-file.js";
import { isConfigured, loginCommand } from "../../../clients/connect.js";
import { ENV_SUCCESSOR_KEY, REFRESH_TOKEN_KEY, RefreshTokenStore, type RefreshTokenOrigin } from "../../../clients/ninjaone/auth-refresh-token.js";
import { ACCESS_TOKEN_KEY } from "../../../clients/token-cache.js";
import { CREDENTIAL_SERVICES, credentialEnvName, entryLockPath, missingSecretError, STORE_MODE_ENV, withEntryLock, type CredentialStore } from "../../../config/credentials/index.js";
import { SETTING_KEYS, settingEnvName } from "../../../config/settings.js";
import { UsageError } from "../../../errors.js";
import { writeFileAtomic } from "../../../fs/atomic-write.js";
import type { Context } from "../../context.js";

async function exists(file: string): Promise<boolean> {
  return fs.stat(file).then(
    () => true,
    () => false,
  );
}

/** The profile's settings (from the profile or the environment, not defaults) and secrets, as variables. */
async function profileLines(ctx: Context, store: CredentialStore): Promise<{ lines: EnvLine[]; refreshToken?: RefreshTokenOrigin }> {
  const config = await ctx.config();
  const lines: EnvLine[] = [{ name: STORE_MODE_ENV, value: "file" }];
  for (const key of SETTING_KEYS) {
    const resolved = config.resolve(key, ctx.env);
    if (resolved !== undefined && resolved.source !== "default") lines.push({ name: settingEnvName(key), value: String(resolved.value) });
  }
  const services = CREDENTIAL_SERVICES.filter((s) => isConfigured(config, ctx.env, s));
  if (services.length === 0) {
    throw new UsageError(`no service is configured in profile "${ctx.profile}", so there is nothing to export`, { hint: "run `ninja-bridge auth login ninjaone|acronis|cipp` first" });
  }
  for (const service of services) {
    const address = { profile: ctx.profile, service, key: "client_secret" };
    const secret = await store.get(address);
    if (secret === undefined) throw missingSecretError(store, address, loginCommand(ctx.profile, service));
    lines.push({ name: credentialEnvName(service, "client_secret"), value: secret.value });
  }
  let refreshToken: RefreshTokenOrigin | undefined;
  if (services.includes("ninjaone") && config.resolve("ninjaone.flow", ctx.env)?.value === "authorization-code") {
    const current = await new RefreshTokenStore(store, ctx.profile, ctx.env).current();
    const address = { profile: ctx.profile, service: "ninjaone" as const, key: REFRESH_TOKEN_KEY };
    if (current === undefined) throw missingSecretError(store, address, loginCommand(ctx.profile, "ninjaone", " --flow authorization-code"));
    lines.push({ name: credentialEnvName("ninjaone", REFRESH_TOKEN_KEY), value: current.value });
    refreshToken = current.origin;
  }
  return refreshToken === undefined ? { lines } : { lines, refreshToken };
}

export interface ExportEnvOptions {
  file?: string;
}

/**
 * `auth export-env --file F`: the profile as NINJA_BRIDGE_* lines for a container or another
 * host. A NinjaOne refresh token is single-use: NinjaOne replaces it when it is spent, so two
 * places cannot share one. It is handed over: written to F and forgotten here, under the
 * credentials lock so no run of this profile spends it in between.
 */
export async function run(opts: ExportEnvOptions, ctx: Context): Promise<void> {
  const file = opts.file;
  if (file === undefined || file === "") throw new UsageError("where to?", { hint: "give --file <path>; the file gets mode 0600 (secrets are never printed)" });
  const target = path.resolve(file);
  if (!ctx.dryRun && !ctx.globals.yes && (await exists(target))) {
    throw new UsageError(`${target} exists`, { hint: "give --yes to replace it, or another --file" });
  }
  const store = await ctx.credentials();
  const exported = await withEntryLock(entryLockPath(store.file, ctx.profile, "ninjaone"), { logger: ctx.out, command: "auth export-env", deadline: ctx.deadline }, async () => {
    const { lines, refreshToken } = await profileLines(ctx, store);
    const header = [`ninja-bridge profile "${ctx.profile}", exported ${new Date().toISOString()}.`, "Holds secrets: keep it mode 0600, out of images and version control."];
    const { text, quoted } = renderEnvFile(header, lines);
    if (!ctx.dryRun) {
      await fs.mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
      await writeFileAtomic(target, text, { mode: 0o600 });
      if (refreshToken !== undefined) {
        // Only the copy that was exported: a token from the environment lives on as its stored successor.
        const given = refreshToken === "store" ? REFRESH_TOKEN_KEY : ENV_SUCCESSOR_KEY;
        for (const key of [given, ACCESS_TOKEN_KEY]) await store.delete({ profile: ctx.profile, service: "ninjaone", key });
      }
    }
    return { names: lines.map((l) => l.name), refreshToken: refreshToken !== undefined, quoted };
  });

  if (ctx.json) {
    ctx.out.printJson({ profile: ctx.profile, file: target, variables: exported.names, refreshTokenHandedOver: exported.refreshToken && !ctx.dryRun, dryRun: ctx.dryRun });
  }
  if (ctx.dryRun) {
    if (!ctx.json) ctx.out.err(`dry run: would write ${exported.names.join(", ")} to ${target}`);
    return;
  }
  ctx.out.warn(`${target} holds secrets of profile "${ctx.profile}" (mode 0600): keep it out of images, logs and version control`);
  if (exported.quoted.length > 0) {
    ctx.out.warn(`${exported.quoted.join(", ")} ${exported.quoted.length === 1 ? "is" : "are"} single-quoted: read the file with a shell or systemd, not docker --env-file`);
  }
  if (exported.refreshToken) {
    ctx.out.warn(
      `the NinjaOne refresh token moved to ${target}: NinjaOne replaces it when it is used, so only one place can keep it. This profile no longer has one; \`${loginCommand(ctx.profile, "ninjaone", " --flow authorization-code")}\` signs it in again`,
    );
  }
  if (!ctx.json) ctx.out.success(`wrote ${exported.names.length} variables to ${target}`);
}
