import { createHash } from "node:crypto";
import { z } from "zod";
import { CredentialStore, credentialEnvName, type SecretAddress, type WritableSource } from "../../config/credentials/index.js";

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

/**
 * The last access token of the user flow with its expiry, kept as a secret in the credential
 * store (never in the state file), so a run within its lifetime neither refreshes nor spends
 * the single-use refresh token.
 */
export const ACCESS_TOKEN_KEY = "access_token";

const cachedAccessTokenSchema = z.object({
  accessToken: z.string().min(1),
  expiresAt: z.number(),
  obtainedAt: z.number(),
  scopes: z.array(z.string()),
  /** The app and instance it was issued to: a profile pointed elsewhere must not send it. */
  clientId: z.string(),
  baseUrl: z.string(),
});
export type CachedAccessToken = z.infer<typeof cachedAccessTokenSchema>;

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

  /** The stored access token, if it was issued to this app and instance and is not about to expire. */
  async cachedAccessToken(expect: { clientId: string; baseUrl: string; now: number; refused: ReadonlySet<string> }): Promise<CachedAccessToken | undefined> {
    const stored = await this.store.get(this.address(ACCESS_TOKEN_KEY));
    const cached = stored === undefined ? undefined : parseJson(stored.value, cachedAccessTokenSchema);
    if (cached === undefined || cached.clientId !== expect.clientId || cached.baseUrl !== expect.baseUrl || expect.refused.has(cached.accessToken)) return undefined;
    // The same margin as the in-process cache: a minute, or half the lifetime of a short token.
    const margin = Math.min(60_000, (cached.expiresAt - cached.obtainedAt) / 2);
    return expect.now < cached.expiresAt - margin ? cached : undefined;
  }

  /** Keeps an access token for later runs, beside the refresh token it came from. */
  async keepAccessToken(token: CachedAccessToken, from: CurrentRefreshToken): Promise<void> {
    const value = JSON.stringify(token);
    if (from.origin === "store") await this.store.replace(this.address(ACCESS_TOKEN_KEY), value, from.storedIn ?? "file");
    else await this.store.set(this.address(ACCESS_TOKEN_KEY), value);
  }

  private async envSuccessor(): Promise<z.infer<typeof successorSchema> | undefined> {
    const stored = await this.store.get(this.address(ENV_SUCCESSOR_KEY));
    return stored === undefined ? undefined : parseJson(stored.value, successorSchema);
  }
}

/** A stored JSON secret, or undefined when it is not what we wrote (then it is simply not used). */
function parseJson<T>(text: string, schema: z.ZodType<T>): T | undefined {
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
