/** The credential store's public surface: import from here. */
export {
  CredentialStore,
  type CredentialSource,
  type CredentialStoreOptions,
  type DeleteResult,
  type ListedSecret,
  type ResolvedSecret,
  type SetResult,
  type WritableSource,
} from "./credential-store.js";
export type { KeyringLoader, KeyringModule } from "./keyring-module.js";
export {
  CREDENTIAL_SERVICES,
  KNOWN_SECRET_KEYS,
  credentialEnvName,
  type SecretAddress,
} from "./names.js";
export { entryLockPath, withEntryLock, type EntryLockOptions } from "./entry-lock.js";
export { missingSecretError } from "./missing-secret.js";
export { knownSecretValues } from "./secret-registry.js";
export { STORE_MODE_ENV, STORE_MODES, parseStoreMode, type StoreMode } from "./store-mode.js";
