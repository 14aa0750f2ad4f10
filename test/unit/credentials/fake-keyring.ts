import type { KeyringEntry, KeyringEntryOptions, KeyringLoader, KeyringModule } from "../../../src/config/credentials/keyring-module.js";

export interface FakeKeyring {
  loader: KeyringLoader;
  /** `service\u0000account` → password: what the fake OS store holds. */
  entries: Map<string, string>;
  /** How many times the loader ran. */
  loads(): number;
  /** The options each entry was created with. */
  entryOptions: Array<KeyringEntryOptions | undefined>;
}

const id = (service: string, account: string) => `${service}\u0000${account}`;

/** A keyring that works like a healthy OS keychain. */
export function workingKeyring(): FakeKeyring {
  const entries = new Map<string, string>();
  const entryOptions: Array<KeyringEntryOptions | undefined> = [];
  let loads = 0;
  class AsyncEntry implements KeyringEntry {
    constructor(
      private readonly service: string,
      private readonly account: string,
      options?: KeyringEntryOptions,
    ) {
      entryOptions.push(options);
    }
    async getPassword() {
      return entries.get(id(this.service, this.account)) ?? null;
    }
    async setPassword(password: string) {
      entries.set(id(this.service, this.account), password);
    }
    async deleteCredential() {
      return entries.delete(id(this.service, this.account));
    }
  }
  const module: KeyringModule = {
    AsyncEntry,
    async findCredentialsAsync(service) {
      return [...entries]
        .filter(([key]) => key.startsWith(`${service}\u0000`))
        .map(([key, password]) => ({ account: key.slice(service.length + 1), password }));
    },
  };
  return {
    entries,
    entryOptions,
    loads: () => loads,
    loader: async () => {
      loads += 1;
      return module;
    },
  };
}

/** The optional native module is not installed or fails to load. */
export function missingKeyring(): KeyringLoader {
  return async () => {
    throw new Error("Cannot find module '@napi-rs/keyring'");
  };
}

/**
 * What @napi-rs/keyring does on a headless Linux box with no D-Bus session: pinned to the
 * Secret Service, creating an entry throws.
 */
export function throwingKeyring(): KeyringLoader {
  const fail = (): never => {
    throw new Error(
      "Platform failure: DBus error: Using X11 for dbus-daemon autolaunch was disabled at compile time, set your DBUS_SESSION_BUS_ADDRESS instead",
    );
  };
  const module: KeyringModule = {
    AsyncEntry: class {
      constructor() {
        fail();
      }
    } as unknown as KeyringModule["AsyncEntry"],
    findCredentialsAsync: async () => fail(),
  };
  return async () => module;
}

/** A store that accepts writes but gives nothing back (so a stored secret would be lost). */
export function forgetfulKeyring(): KeyringLoader {
  const module: KeyringModule = {
    AsyncEntry: class implements KeyringEntry {
      async getPassword() {
        return null;
      }
      async setPassword() {}
      async deleteCredential() {
        return false;
      }
    },
    findCredentialsAsync: async () => [],
  };
  return async () => module;
}
