import type { ServiceName } from "../../services.js";
import { CredentialError } from "../../errors.js";
import { PROFILE_NAME } from "../paths.js";

/** The services whose secrets the store keeps. */
export const CREDENTIAL_SERVICES: readonly ServiceName[] = ["ninjaone", "acronis", "cipp"];

/** The secrets the tool itself asks for; `list` always looks for these, other keys are allowed too. */
export const KNOWN_SECRET_KEYS: Readonly<Record<ServiceName, readonly string[]>> = {
  ninjaone: ["client_secret", "refresh_token"],
  acronis: ["client_secret"],
  cipp: ["client_secret"],
};

/** Keys become parts of environment variable names and keychain accounts, so keep them plain. */
export const SECRET_KEY = /^[a-z][a-z0-9_]{0,63}$/;

export interface SecretAddress {
  profile: string;
  service: ServiceName;
  key: string;
}

/** The service name every keychain entry of this tool is filed under. */
export const KEYCHAIN_SERVICE = "ninja-bridge";

export function isCredentialService(name: string): name is ServiceName {
  return (CREDENTIAL_SERVICES as readonly string[]).includes(name);
}

export function assertProfileName(profile: string): void {
  if (!PROFILE_NAME.test(profile)) {
    throw new CredentialError(`profile name ${JSON.stringify(profile)} is not allowed`, {
      hint: "use letters, digits, '-' and '_' (at most 64 characters)",
    });
  }
}

export function assertSecretAddress(address: SecretAddress): void {
  assertProfileName(address.profile);
  if (!isCredentialService(address.service)) {
    throw new CredentialError(`unknown service ${JSON.stringify(address.service)}`, {
      hint: `services: ${CREDENTIAL_SERVICES.join(", ")}`,
    });
  }
  if (!SECRET_KEY.test(address.key)) {
    throw new CredentialError(`secret name ${JSON.stringify(address.key)} is not allowed`, {
      hint: "use lower-case letters, digits and '_', starting with a letter, e.g. client_secret",
    });
  }
}

/** `("ninjaone", "client_secret")` → `NINJA_BRIDGE_NINJAONE_CLIENT_SECRET`. */
export function credentialEnvName(service: ServiceName, key: string): string {
  return `NINJA_BRIDGE_${service}_${key}`.toUpperCase();
}

/** The keychain account of a secret: `<profile>/<service>/<key>`. */
export function keychainAccount(address: SecretAddress): string {
  return `${address.profile}/${address.service}/${address.key}`;
}

/** The reverse of keychainAccount, for accounts the keychain lists; undefined for anything else. */
export function parseKeychainAccount(account: string): SecretAddress | undefined {
  const [profile, service, key, ...rest] = account.split("/");
  if (profile === undefined || service === undefined || key === undefined || rest.length > 0) return undefined;
  if (!PROFILE_NAME.test(profile) || !isCredentialService(service) || !SECRET_KEY.test(key)) return undefined;
  return { profile, service, key };
}
