/**
 * Every secret value this process has read or stored, so the HTTP logger can mask them.
 * Process-wide on purpose: a secret resolved by any store must never reach a log.
 */
const seen = new Set<string>();

export function rememberSecret(value: string): void {
  if (value !== "") seen.add(value);
}

/** The secret values resolved so far, longest first so a secret containing another is masked whole. */
export function knownSecretValues(): string[] {
  return [...seen].sort((a, b) => b.length - a.length);
}
