/** One forward step: turns a document of version `from` into one of version `from + 1`. */
export interface Migration {
  from: number;
  migrate(doc: Record<string, unknown>): Record<string, unknown>;
}

/** The steps this build knows, oldest first. */
export const MIGRATIONS: readonly Migration[] = [
  // 1 → 2: recorded device links (issue 16) start empty.
  { from: 1, migrate: (doc) => ({ ...doc, deviceLinks: {} }) },
];

export type MigrationResult =
  | { ok: true; doc: Record<string, unknown>; applied: number[] }
  | { ok: false; missingFrom: number };

/**
 * Walk a document from its own version up to `target`, one step at a time. Each step must
 * exist: skipping a version would silently reinterpret old data under a newer layout.
 * The runner, not the step, sets the new version number so a step cannot forget it.
 */
export function applyMigrations(
  doc: Record<string, unknown>,
  fromVersion: number,
  target: number,
  migrations: readonly Migration[],
): MigrationResult {
  let current = doc;
  const applied: number[] = [];
  for (let version = fromVersion; version < target; version++) {
    const step = migrations.find((m) => m.from === version);
    if (!step) return { ok: false, missingFrom: version };
    current = { ...step.migrate(structuredClone(current)), version: version + 1 };
    applied.push(version);
  }
  return { ok: true, doc: current, applied };
}
