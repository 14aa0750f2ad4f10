import type { KeyringLoader, KeyringModule } from "./keyring-module.js";
import { KEYCHAIN_SERVICE } from "./names.js";

/**
 * On Linux the keyring library falls back from the Secret Service to the kernel keyring,
 * which forgets everything at logout or reboot (and, in containers without a D-Bus
 * session, refuses writes with AccessDenied after half-creating the key). Pinning the
 * Secret Service makes an unusable store fail up front, so we fall back to the file instead.
 */
const ENTRY_OPTIONS = { linux: { store: "secret-service" as const } };

/**
 * The keychain cannot be used in this process; `firstReport` is true only the first time it is
 * said. `reason` is one plain sentence for people; `detail` is the library's own first line.
 */
export class KeychainUnavailableError extends Error {
  constructor(
    readonly reason: string,
    readonly detail: string,
    readonly firstReport: boolean,
  ) {
    super(`OS keychain unavailable (${reason})`);
  }
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split("\n")[0]?.trim() || "unknown error";
}

const MODULE_MISSING = "@napi-rs/keyring could not be loaded";

/**
 * What a keychain failure means, in words a person can act on. On Linux the Secret Service is
 * reached over the D-Bus session bus, which cron, systemd services and ssh logins do not have:
 * the library then reports a D-Bus autolaunch error that says nothing about keychains.
 */
export function keychainFailureReason(detail: string, env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string {
  if (detail.startsWith(MODULE_MISSING)) {
    // The single binary (scripts/build-binary.mjs) stands a module in that says why it has no keychain.
    if (/single binary/i.test(detail)) return "the single binary cannot embed the OS keychain module (install the npm package to use the keychain)";
    return "the optional @napi-rs/keyring module is not installed or cannot load";
  }
  if (platform === "linux" && /d-?bus/i.test(detail)) {
    return env.DBUS_SESSION_BUS_ADDRESS
      ? "no Secret Service (such as gnome-keyring) answers on this D-Bus session"
      : "this process has no D-Bus session, as under cron, systemd or ssh";
  }
  return detail;
}

/**
 * The OS keychain behind @napi-rs/keyring. The first failure of any kind (module missing,
 * no Secret Service, a store that does not give back what it was given) marks it unusable
 * for the rest of the process, so later calls fail fast and the user is told once.
 */
export class Keychain {
  private module: Promise<KeyringModule> | undefined;
  private unusable: string | undefined;
  private reported = false;

  constructor(
    private readonly load: KeyringLoader,
    private readonly env: NodeJS.ProcessEnv = process.env,
    private readonly platform: NodeJS.Platform = process.platform,
  ) {}

  /** Why the keychain cannot be used, once an operation has found out; undefined while it works or is untried. */
  get unreachableReason(): string | undefined {
    return this.unusable === undefined ? undefined : keychainFailureReason(this.unusable, this.env, this.platform);
  }

  async get(account: string): Promise<string | undefined> {
    return this.run(async (m) => (await new m.AsyncEntry(KEYCHAIN_SERVICE, account, ENTRY_OPTIONS).getPassword()) ?? undefined);
  }

  async set(account: string, value: string): Promise<void> {
    await this.run(async (m) => {
      const entry = new m.AsyncEntry(KEYCHAIN_SERVICE, account, ENTRY_OPTIONS);
      await entry.setPassword(value);
      if ((await entry.getPassword()) !== value) throw new Error("the keychain did not return the secret just stored");
    });
  }

  /** True when an entry was removed. */
  async delete(account: string): Promise<boolean> {
    return this.run((m) => new m.AsyncEntry(KEYCHAIN_SERVICE, account, ENTRY_OPTIONS).deleteCredential());
  }

  /** The accounts filed under this tool's service name (values are dropped at once). */
  async accounts(): Promise<string[]> {
    return this.run(async (m) => (await m.findCredentialsAsync(KEYCHAIN_SERVICE)).map((c) => c.account));
  }

  private async run<T>(operation: (m: KeyringModule) => Promise<T>): Promise<T> {
    if (this.unusable === undefined) {
      try {
        this.module ??= this.load();
        let m: KeyringModule;
        try {
          m = await this.module;
        } catch (error) {
          throw new Error(`${MODULE_MISSING}: ${firstLine(error)}`);
        }
        return await operation(m);
      } catch (error) {
        this.unusable = firstLine(error);
      }
    }
    const first = !this.reported;
    this.reported = true;
    throw new KeychainUnavailableError(keychainFailureReason(this.unusable, this.env, this.platform), this.unusable, first);
  }
}
