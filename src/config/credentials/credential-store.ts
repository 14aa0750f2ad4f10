import path from "node:path";
import { CredentialError } from "../../errors.js";
import { silentLogger, type Logger } from "../../log.js";
import { configDir, platformEnv } from "../paths.js";
import { addressesIn, secretIn, withSecret, withoutSecret, type CredentialsDocument } from "./credentials-document.js";
import { CREDENTIALS_FILE_NAME, CredentialsFile } from "./credentials-file.js";
import { withEntryLock } from "./entry-lock.js";
import { Keychain, KeychainUnavailableError } from "./keychain.js";
import { loadKeyringModule, type KeyringLoader } from "./keyring-module.js";
import { CREDENTIAL_SERVICES, KNOWN_SECRET_KEYS, assertProfileName, assertSecretAddress, credentialEnvName, keychainAccount, parseKeychainAccount, type SecretAddress } from "./names.js";
import { rememberSecret } from "./secret-registry.js";
import { resolveStoreMode, STORE_MODE_ENV, type StoreMode } from "./store-mode.js";
import type { ServiceName } from "../../services.js";

export type CredentialSource = "env" | "keychain" | "file";
export type WritableSource = Exclude<CredentialSource, "env">;

export interface ResolvedSecret {
  value: string;
  source: CredentialSource;
}

export interface SetResult {
  storedIn: WritableSource;
  /** Set when an environment variable holds another value that reads will use instead. */
  shadowedByEnv?: string;
}

export interface DeleteResult {
  removedFrom: WritableSource[];
  /** Set when an environment variable still provides a value; only the user can unset it. */
  stillInEnv?: string;
}

/** One secret of a profile: where it exists, in read order (the first one wins). Never its value. */
export interface ListedSecret {
  service: ServiceName;
  key: string;
  envName: string;
  sources: CredentialSource[];
}

export interface CredentialStoreOptions {
  env?: NodeJS.ProcessEnv;
  /** Overrides NINJA_BRIDGE_CREDENTIAL_STORE. */
  mode?: StoreMode;
  /** The credentials file; `credentials.json` in the config directory by default. */
  file?: string;
  logger?: Logger;
  /** Tests give a fake keyring; by default @napi-rs/keyring, shared by every store in the process. */
  loadKeyring?: KeyringLoader;
  platform?: NodeJS.Platform;
}

/** A read-modify-write of the file takes milliseconds; a holder this slow is stuck, and a run should not hang on it. */
const FILE_LOCK_WAIT_MS = 5_000;

let processKeychain: Keychain | undefined;
/** Keychains whose plaintext fallback a person was already warned about (one per process in use). */
const warnedKeychains = new WeakSet<Keychain>();

/**
 * Secrets by (profile, service, key). Reads try the environment, then the OS keychain
 * (unless the file was forced), then the credentials file; writes go to the keychain or
 * the file as the mode says. The environment is read-only to us.
 */
export class CredentialStore {
  readonly mode: StoreMode;
  readonly file: string;
  private readonly env: NodeJS.ProcessEnv;
  private readonly logger: Logger;
  private readonly keychain: Keychain;
  private readonly credentialsFile: CredentialsFile;
  private fileQueue: Promise<unknown> = Promise.resolve();

  constructor(options: CredentialStoreOptions = {}) {
    this.env = options.env ?? process.env;
    this.mode = resolveStoreMode(options.mode, this.env);
    this.file = options.file ?? path.join(configDir(platformEnv(this.env)), CREDENTIALS_FILE_NAME);
    this.logger = options.logger ?? silentLogger;
    const platform = options.platform ?? process.platform;
    this.keychain = options.loadKeyring
      ? new Keychain(options.loadKeyring, this.env, platform)
      : (processKeychain ??= new Keychain(loadKeyringModule, this.env, platform));
    this.credentialsFile = new CredentialsFile(this.file, this.logger, options.platform);
  }

  async get(address: SecretAddress): Promise<ResolvedSecret | undefined> {
    assertSecretAddress(address);
    const found = await this.lookUp(address);
    if (found) rememberSecret(found.value);
    return found;
  }

  async set(address: SecretAddress, value: string): Promise<SetResult> {
    assertSecretAddress(address);
    if (value === "") throw new CredentialError(`refusing to store an empty ${address.service} ${address.key}`);
    rememberSecret(value);
    // Validate the file first: a damaged one must stop us before anything changes.
    await this.credentialsFile.read();
    const storedIn = await this.store(address, value);
    const envName = credentialEnvName(address.service, address.key);
    return this.envValue(address) === undefined ? { storedIn } : { storedIn, shadowedByEnv: envName };
  }

  /**
   * Stores a new value for a secret in the place its current value was read from, so a token
   * that is replaced on every use (a rotating refresh token) stays where the next run looks:
   * a token kept in the file by `auth login` with the file store stays in the file even when a
   * keychain is reachable now, and the other way round.
   */
  async replace(address: SecretAddress, value: string, where: WritableSource): Promise<WritableSource> {
    assertSecretAddress(address);
    if (value === "") throw new CredentialError(`refusing to store an empty ${address.service} ${address.key}`);
    rememberSecret(value);
    if (where === "keychain") return this.store(address, value);
    await this.updateFile((doc) => withSecret(doc, address, value));
    return "file";
  }

  /**
   * Why the OS keychain could not be read in this process, when a lookup tried it and failed:
   * a secret missing from the environment and the file may then be in the keychain.
   */
  keychainUnreachable(): string | undefined {
    return this.mode === "file" ? undefined : this.keychain.unreachableReason;
  }

  async delete(address: SecretAddress): Promise<DeleteResult> {
    assertSecretAddress(address);
    const removedFrom: WritableSource[] = [];
    if (this.mode !== "file" && (await this.keychainOr(false, (k) => k.delete(keychainAccount(address))))) {
      removedFrom.push("keychain");
    }
    if (await this.removeFromFile(address)) removedFrom.push("file");
    const envName = credentialEnvName(address.service, address.key);
    return this.envValue(address) === undefined ? { removedFrom } : { removedFrom, stillInEnv: envName };
  }

  /** Which secrets of `profile` exist and where: the known ones plus any other stored. */
  async list(profile: string): Promise<ListedSecret[]> {
    assertProfileName(profile);
    const doc = await this.credentialsFile.read();
    const inKeychain = new Set<string>();
    if (this.mode !== "file") {
      for (const account of await this.keychainOr([], (k) => k.accounts())) {
        const address = parseKeychainAccount(account);
        if (address?.profile === profile) inKeychain.add(`${address.service}/${address.key}`);
      }
    }
    const candidates = new Set<string>(inKeychain);
    for (const service of CREDENTIAL_SERVICES) for (const key of KNOWN_SECRET_KEYS[service]) candidates.add(`${service}/${key}`);
    for (const a of addressesIn(doc, profile)) candidates.add(`${a.service}/${a.key}`);

    const listed: ListedSecret[] = [];
    for (const id of candidates) {
      const [service, key] = id.split("/") as [ServiceName, string];
      const address = { profile, service, key };
      const sources: CredentialSource[] = [];
      if (this.envValue(address) !== undefined) sources.push("env");
      if (inKeychain.has(id)) sources.push("keychain");
      if (secretIn(doc, address) !== undefined) sources.push("file");
      if (sources.length > 0) listed.push({ service, key, envName: credentialEnvName(service, key), sources });
    }
    const order = (s: ServiceName) => CREDENTIAL_SERVICES.indexOf(s);
    return listed.sort((a, b) => order(a.service) - order(b.service) || a.key.localeCompare(b.key));
  }

  private async lookUp(address: SecretAddress): Promise<ResolvedSecret | undefined> {
    const fromEnv = this.envValue(address);
    if (fromEnv !== undefined) return { value: fromEnv, source: "env" };
    if (this.mode !== "file") {
      const fromKeychain = await this.keychainOr(undefined, (k) => k.get(keychainAccount(address)));
      if (fromKeychain) return { value: fromKeychain, source: "keychain" };
    }
    const fromFile = secretIn(await this.credentialsFile.read(), address);
    return fromFile === undefined ? undefined : { value: fromFile, source: "file" };
  }

  private async store(address: SecretAddress, value: string): Promise<WritableSource> {
    if (this.mode !== "file") {
      const stored = await this.keychainOr(
        false,
        async (k) => {
          await k.set(keychainAccount(address), value);
          return true;
        },
        true,
      );
      if (stored) {
        // A plaintext copy left from an earlier fallback would outlive the keychain entry.
        await this.removeFromFile(address);
        return "keychain";
      }
    }
    await this.updateFile((doc) => withSecret(doc, address, value));
    return "file";
  }

  private envValue(address: SecretAddress): string | undefined {
    // An empty variable counts as unset, as a cron line with `VAR=` means "not given".
    return this.env[credentialEnvName(address.service, address.key)] || undefined;
  }

  /**
   * Runs a keychain operation. When the keychain is unusable: in `keychain` mode that is an
   * error; in `auto` mode the caller falls back to `fallback`. A person is warned once, when a
   * secret is about to be written in plaintext; a read that falls back to the file is
   * ordinary on a headless server, so it is only logged with --verbose.
   */
  private async keychainOr<T>(fallback: T, operation: (keychain: Keychain) => Promise<T>, writing = false): Promise<T> {
    try {
      return await operation(this.keychain);
    } catch (error) {
      if (!(error instanceof KeychainUnavailableError)) throw error;
      if (this.mode === "keychain") {
        throw new CredentialError(`the OS keychain cannot be reached: ${error.reason}`, {
          cause: error,
          hint: `unlock or start the OS keychain (on Linux, a Secret Service such as gnome-keyring in a D-Bus session), or set ${STORE_MODE_ENV}=file to keep credentials in ${this.file} (plaintext, mode 0600)`,
        });
      }
      if (error.firstReport) this.logger.debug(`OS keychain unavailable: ${error.detail}`);
      if (writing && !warnedKeychains.has(this.keychain)) {
        warnedKeychains.add(this.keychain);
        this.logger.warn(
          `the OS keychain cannot be reached: ${error.reason}. Storing credentials in ${this.file} instead (plaintext, mode 0600); set ${STORE_MODE_ENV}=file to keep them there without trying the keychain`,
        );
      }
      return fallback;
    }
  }

  private async removeFromFile(address: SecretAddress): Promise<boolean> {
    let removed = false;
    await this.updateFile((doc) => {
      if (secretIn(doc, address) === undefined) return undefined;
      removed = true;
      return withoutSecret(doc, address);
    });
    return removed;
  }

  /**
   * Read-modify-write of the file, one at a time within the process and, under the file's own
   * lock, across processes: a run keeping its access token while another stores a rotated
   * refresh token must not write back a copy without it. `undefined` means no change.
   */
  private updateFile(change: (doc: CredentialsDocument) => CredentialsDocument | undefined): Promise<void> {
    const lock = { logger: this.logger, command: "update the credentials file", waitMs: FILE_LOCK_WAIT_MS };
    const next = this.fileQueue.then(() =>
      withEntryLock(`${this.file}.lock`, lock, async () => {
        const updated = change(await this.credentialsFile.read());
        if (updated) await this.credentialsFile.write(updated);
      }),
    );
    this.fileQueue = next.catch(() => undefined);
    return next;
  }
}
