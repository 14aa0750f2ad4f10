import { entryLockPath, missingSecretError, withEntryLock, type CredentialStore } from "../../config/credentials/index.js";
import type { Deadline, HttpClient, Now } from "../../http/index.js";
import type { Logger } from "../../log.js";
import { requestNinjaToken, type NinjaApp, type NinjaToken } from "./auth.js";
import { REFRESH_TOKEN_KEY, RefreshTokenStore } from "./auth-refresh-token.js";
import { tokenPlace, type ObtainedToken, type TokenCache } from "../token-cache.js";

export interface UserTokenSpec {
  store: CredentialStore;
  /** The access token kept between runs, for this app and instance. */
  cache: TokenCache;
  profile: string;
  env: NodeJS.ProcessEnv;
  http: HttpClient;
  app: NinjaApp;
  now: Now;
  logger: Logger;
  /** How to sign in again, for the error when there is no refresh token. */
  login: string;
  /** The run's budget, which also bounds the wait for another process's refresh. */
  deadline?: Deadline;
  /** Tells the HTTP logger about a token it must mask. */
  learn(secret: string): void;
}

/**
 * The access token of NinjaOne's user flow, shared by every process of a profile. A token
 * stored by an earlier run is used while it lasts; otherwise one process at a time, holding
 * the lock of the profile's NinjaOne credentials, spends the refresh token and stores both the
 * new refresh token and the new access token. A process that waited for the lock looks again
 * and uses what the holder stored, so it never spends a refresh token that was just replaced.
 */
export async function obtainUserToken(spec: UserTokenSpec, refused: ReadonlySet<string>): Promise<NinjaToken & ObtainedToken> {
  const tokens = new RefreshTokenStore(spec.store, spec.profile, spec.env);
  const stored = async (): Promise<(NinjaToken & ObtainedToken) | undefined> => {
    const cached = await spec.cache.read(spec.now(), refused);
    return cached === undefined ? undefined : { accessToken: cached.accessToken, expiresAt: cached.expiresAt, obtainedAt: cached.obtainedAt, scopes: cached.scopes ?? [], cached: true };
  };
  const early = await stored();
  if (early !== undefined) return early;

  const lockFile = entryLockPath(spec.store.file, spec.profile, "ninjaone");
  return withEntryLock(lockFile, { logger: spec.logger, command: "refresh the NinjaOne token", ...(spec.deadline === undefined ? {} : { deadline: spec.deadline }) }, async () => {
    const meanwhile = await stored();
    if (meanwhile !== undefined) {
      spec.logger.debug("another ninja-bridge process refreshed the NinjaOne token; using the one it stored");
      return meanwhile;
    }
    const current = await tokens.current();
    if (current === undefined) throw missingSecretError(spec.store, { profile: spec.profile, service: "ninjaone", key: REFRESH_TOKEN_KEY }, spec.login);
    spec.learn(current.value);
    const obtainedAt = spec.now();
    const token = await requestNinjaToken(spec.http, spec.app, { type: "refresh_token", refreshToken: current.value }, spec.now);
    if (token.refreshToken !== undefined && token.refreshToken !== current.value) {
      spec.learn(token.refreshToken);
      // Stored before the new access token is used: NinjaOne may already have retired the old one.
      await tokens.replace(current, token.refreshToken);
      spec.logger.debug("NinjaOne issued a new refresh token; stored it in place of the old one");
    }
    // Beside the refresh token it came from, so the next run finds both in the same place.
    await spec.cache.keep(token, obtainedAt, current.origin === "store" ? (current.storedIn ?? "file") : tokenPlace("env", spec.store));
    return token;
  });
}
