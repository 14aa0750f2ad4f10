/** The part of @napi-rs/keyring the keychain backend uses; tests hand in fakes of this shape. */
export interface KeyringEntry {
  /** Resolves null when there is no such entry. */
  getPassword(): Promise<string | null>;
  setPassword(password: string): Promise<void>;
  /** Resolves false when there was nothing to delete. */
  deleteCredential(): Promise<boolean>;
}

export interface KeyringEntryOptions {
  linux?: { store?: "secret-service" | "keyutils" };
}

export interface KeyringModule {
  AsyncEntry: new (service: string, account: string, options?: KeyringEntryOptions) => KeyringEntry;
  findCredentialsAsync(service: string): Promise<Array<{ account: string; password: string }>>;
}

export type KeyringLoader = () => Promise<KeyringModule>;

/**
 * Loads the optional native module only when a secret is actually needed, so a command
 * that gets its secrets from the environment never touches it (or fails for its absence).
 */
export const loadKeyringModule: KeyringLoader = async () => import("@napi-rs/keyring");
