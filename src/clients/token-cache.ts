import { createHash } from "node:crypto";
import { z } from "zod";
import type { CredentialSource, CredentialStore, SecretAddress, WritableSource } from "../config/credentials/index.js";
import { rememberSecret } from "../config/credentials/secret-registry.js";
import { renewAt, type IssuedToken } from "../http/index.js";
import type { Logger } from "../log.js";
import type { ServiceName } from "../services.js";

/** The credential store's key for a service's last access token (a JSON secret, never in the state file). */
export const ACCESS_TOKEN_KEY = "access_token";

const cachedTokenSchema = z.object({
  accessToken: z.string().min(1),
  expiresAt: z.number(),
  obtainedAt: z.number(),
  scopes: z.array(z.string()).optional(),
  /** tokenFingerprint of what it was issued for. */
  issuedFor: z.string(),
});
export type CachedToken = z.infer<typeof cachedTokenSchema>;

/**
 * What a token was issued for (service, flow, instance or token URL, client id, scopes), as a
 * hash: a profile pointed at another app, instance or scope set must not send the stored token.
 */
export function tokenFingerprint(identity: Record<string, string | readonly string[]>): string {
  const canonical = Object.keys(identity)
    .sort()
    .map((key) => {
      const value = identity[key] ?? "";
      return [key, typeof value === "string" ? value : [...value].sort()];
    });
  return createHash("sha256").update(JSON.stringify(canonical)).digest("hex");
}

/**
 * Where a token is kept: beside the secret it was obtained with. A secret from the environment
 * (cron, CI, a container) has no place of its own, so the token goes to the credentials file
 * (mode 0600), unless the profile is told to use only the keychain: trying a keychain first would
 * warn on every headless run that it cannot be reached.
 */
export function tokenPlace(secretSource: CredentialSource, store: CredentialStore): WritableSource {
  if (secretSource !== "env") return secretSource;
  return store.mode === "keychain" ? "keychain" : "file";
}

/**
 * A service's access token kept between runs in the credential store, so a run within its
 * lifetime asks for none. It is only an economy: a store that cannot be read or written costs a
 * token request, never the run.
 */
export class TokenCache {
  private readonly address: SecretAddress;

  constructor(
    private readonly store: CredentialStore,
    profile: string,
    service: ServiceName,
    private readonly issuedFor: string,
    private readonly logger: Logger,
  ) {
    this.address = { profile, service, key: ACCESS_TOKEN_KEY };
  }

  /** The stored token, if issued for this connection, not refused in this run, and not about to expire. */
  async read(now: number, refused: ReadonlySet<string>): Promise<CachedToken | undefined> {
    let stored;
    try {
      stored = await this.store.get(this.address);
    } catch (error) {
      this.logger.debug(`cannot read the stored ${this.address.service} access token, asking for a new one: ${messageOf(error)}`);
      return undefined;
    }
    const cached = stored === undefined ? undefined : parseStoredJson(stored.value, cachedTokenSchema);
    if (cached === undefined || cached.issuedFor !== this.issuedFor || refused.has(cached.accessToken)) return undefined;
    // The store masks the JSON it read as a whole; the token inside it must be masked on its own.
    rememberSecret(cached.accessToken);
    return now < renewAt(cached.obtainedAt, cached.expiresAt) ? cached : undefined;
  }

  /** Keeps a token for later runs, unless its endpoint stated no lifetime (we would not know when it dies). */
  async keep(token: IssuedToken & { scopes?: string[] }, obtainedAt: number, where: WritableSource): Promise<void> {
    if (token.expiryStated === false) return;
    // Stored as part of a JSON value, which the store masks whole: mask the token on its own too.
    rememberSecret(token.accessToken);
    const record: CachedToken = {
      accessToken: token.accessToken,
      expiresAt: token.expiresAt,
      obtainedAt,
      ...(token.scopes === undefined ? {} : { scopes: token.scopes }),
      issuedFor: this.issuedFor,
    };
    try {
      await this.store.replace(this.address, JSON.stringify(record), where);
    } catch (error) {
      this.logger.debug(`did not keep the ${this.address.service} access token for later runs: ${messageOf(error)}`);
    }
  }
}

/** Drops a service's kept token: credentials given anew are tested, not skipped over with an old token. */
export async function forgetKeptToken(store: CredentialStore, profile: string, service: ServiceName): Promise<void> {
  await store.delete({ profile, service, key: ACCESS_TOKEN_KEY });
}

/** A stored JSON secret, or undefined when it is not what we wrote (then it is simply not used). */
export function parseStoredJson<T>(text: string, schema: z.ZodType<T>): T | undefined {
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A token as a connection reports it: `cached` when it came from the store, not the service. */
export type ObtainedToken = IssuedToken & { scopes?: string[]; cached?: boolean };

/**
 * `obtain`, but a token an earlier run kept is used while it lasts, and a new one is kept for
 * the next run. No lock: client credentials can be spent by any number of runs at once, so two
 * runs that both find the token stale each ask for one, and the last to finish is kept.
 */
export function throughCache(
  cache: TokenCache,
  where: WritableSource,
  now: () => number,
  obtain: (refused: ReadonlySet<string>) => Promise<IssuedToken & { scopes?: string[] }>,
): (refused: ReadonlySet<string>) => Promise<ObtainedToken> {
  return async (refused) => {
    const cached = await cache.read(now(), refused);
    if (cached !== undefined) return { accessToken: cached.accessToken, expiresAt: cached.expiresAt, obtainedAt: cached.obtainedAt, ...(cached.scopes === undefined ? {} : { scopes: cached.scopes }), cached: true };
    const obtainedAt = now();
    const token = await obtain(refused);
    await cache.keep(token, obtainedAt, where);
    return token;
  };
}
