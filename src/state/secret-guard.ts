/** Key names that mean a credential, compared without case, `_` or `-` (clientSecret, client_secret, …). */
const SECRET_KEYS = new Set(["clientsecret", "password", "refreshtoken", "accesstoken"]);

function looksSecret(key: string): boolean {
  return SECRET_KEYS.has(key.toLowerCase().replace(/[_-]/g, ""));
}

/**
 * Paths of every key in `value` named like a secret. Credentials belong in the credential
 * store; this is the last line of defence against one leaking into the state file.
 */
export function findSecretKeyPaths(value: unknown, path: readonly string[] = []): string[] {
  if (typeof value !== "object" || value === null) return [];
  const found: string[] = [];
  for (const [key, child] of Object.entries(value)) {
    const childPath = [...path, key];
    if (looksSecret(key)) found.push(childPath.join("."));
    found.push(...findSecretKeyPaths(child, childPath));
  }
  return found;
}
