import { createHash } from "node:crypto";
import { z } from "zod";
import { CredentialStore, credentialEnvName, type SecretAddress, type WritableSource } from "../../config/credentials/index.js";
import { ACCESS_TOKEN_KEY, parseStoredJson } from "../token-cache.js";

/** Where a refresh token was read from, so its successor is written where the next run looks. */
export type RefreshTokenOrigin = "store" | "env";

export interface CurrentRefreshToken {
  value: string;
  origin: RefreshTokenOrigin;
  /** For a stored token: the keychain or the file, where its successor goes too. */
  storedIn?: WritableSource;
}

export const REFRESH_TOKEN_KEY = "refresh_token";
/**
 * The successor of a refresh token given in the environment. NinjaOne may retire a refresh
 * token once it has issued a new one, and we cannot change the caller's environment: so the
 * new token is stored with a fingerprint of the one it replaces, and a later run with the same
 * variable uses the stored successor instead of the dead token.
 */
export const ENV_SUCCESSOR_KEY = "refresh_token_successor";

const successorSchema = z.object({ replaces: z.string(), token: z.string().min(1) });

function fingerprint(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export class RefreshTokenStore {
  private readonly envName = credentialEnvName("ninjaone", REFRESH_TOKEN_KEY);

  constructor(
    private readonly store: CredentialStore,
    private readonly profile: string,
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  private address(key: string): SecretAddress {
    return { profile: this.profile, service: "ninjaone", key };
  }

  async current(): Promise<CurrentRefreshToken | undefined> {
    const fromEnv = this.env[this.envName] || undefined;
    if (fromEnv === undefined) {
      const stored = await this.store.get(this.address(REFRESH_TOKEN_KEY));
      if (stored === undefined || stored.source === "env") return undefined;
      return { value: stored.value, origin: "store", storedIn: stored.source };
    }
    const successor = await this.envSuccessor();
    if (successor !== undefined && successor.replaces === fingerprint(fromEnv)) return { value: successor.token, origin: "env" };
    return { value: fromEnv, origin: "env" };
  }

  /**
   * Records the token NinjaOne just issued in place of `previous`. Called before the new
   * access token is used for anything, so a crash cannot leave only a retired token behind.
   */
  async replace(previous: CurrentRefreshToken, next: string): Promise<void> {
    if (previous.value === next) return;
    if (previous.origin === "store") {
      // Where it was read: a token the scheduler's account keeps in the file stays there even
      // when a desktop session with a keychain refreshes it, so cron still finds it.
      await this.store.replace(this.address(REFRESH_TOKEN_KEY), next, previous.storedIn ?? "file");
      return;
    }
    const original = this.env[this.envName] ?? previous.value;
    await this.store.set(this.address(ENV_SUCCESSOR_KEY), JSON.stringify({ replaces: fingerprint(original), token: next }));
  }

  /** Stores the token of a fresh sign-in, dropping any successor and access token of an older one. */
  async save(token: string): Promise<{ shadowedByEnv?: string }> {
    const result = await this.store.set(this.address(REFRESH_TOKEN_KEY), token);
    await this.store.delete(this.address(ENV_SUCCESSOR_KEY));
    await this.store.delete(this.address(ACCESS_TOKEN_KEY));
    return result.shadowedByEnv === undefined ? {} : { shadowedByEnv: result.shadowedByEnv };
  }

  private async envSuccessor(): Promise<z.infer<typeof successorSchema> | undefined> {
    const stored = await this.store.get(this.address(ENV_SUCCESSOR_KEY));
    return stored === undefined ? undefined : parseStoredJson(stored.value, successorSchema);
  }
}
