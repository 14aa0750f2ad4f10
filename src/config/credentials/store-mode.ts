import { ConfigError } from "../../errors.js";

/** Where `set` writes: the keychain when usable else the file (`auto`), only the keychain, or only the file. */
export const STORE_MODES = ["auto", "keychain", "file"] as const;
export type StoreMode = (typeof STORE_MODES)[number];

export const STORE_MODE_ENV = "NINJA_BRIDGE_CREDENTIAL_STORE";

export function parseStoreMode(raw: string, source: string): StoreMode {
  const value = raw.trim().toLowerCase();
  if ((STORE_MODES as readonly string[]).includes(value)) return value as StoreMode;
  throw new ConfigError(`${source} must be one of ${STORE_MODES.join(", ")} (got ${JSON.stringify(raw)})`, {
    hint: "auto uses the OS keychain when it works and a plaintext file otherwise",
  });
}

/** An explicit option wins over the environment; an empty variable counts as unset. */
export function resolveStoreMode(option: StoreMode | undefined, env: NodeJS.ProcessEnv): StoreMode {
  if (option !== undefined) return option;
  const raw = env[STORE_MODE_ENV];
  return raw ? parseStoreMode(raw, STORE_MODE_ENV) : "auto";
}
