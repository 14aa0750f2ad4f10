import { CredentialError } from "../../errors.js";
import type { CredentialStore } from "./credential-store.js";
import { credentialEnvName, type SecretAddress } from "./names.js";
import { STORE_MODE_ENV } from "./store-mode.js";

/**
 * The error for a secret that is nowhere this process can look, after `store.get` found
 * nothing. When the keychain could not be reached the secret may well be there (stored from a
 * desktop session, read by a cron job that has none): say so, and how to keep it where this
 * process can read it. `login` is the command that stores it, e.g. `ninja-bridge auth login cipp`.
 */
export function missingSecretError(store: CredentialStore, address: SecretAddress, login: string): CredentialError {
  const what = `${address.service} ${address.key.replace(/_/g, " ")}`;
  const envName = credentialEnvName(address.service, address.key);
  const unreachable = store.keychainUnreachable();
  if (unreachable === undefined) {
    return new CredentialError(`no ${what} for profile "${address.profile}"`, { hint: `run \`${login}\`, or set ${envName} (cron, CI)` });
  }
  return new CredentialError(
    `the ${what} of profile "${address.profile}" is not in the environment or ${store.file}, and the OS keychain, where \`auth login\` keeps it, cannot be reached: ${unreachable}`,
    { hint: `as the account this runs under, run \`${STORE_MODE_ENV}=file ${login}\` once to keep it in the credentials file, or set ${envName} in this job's environment` },
  );
}
