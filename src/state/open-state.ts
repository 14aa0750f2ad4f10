import { randomUUID } from "node:crypto";
import { promises as fs } from "node:fs";
import path from "node:path";
import { StateError } from "../errors.js";
import { writeFileAtomic } from "../fs/atomic-write.js";
import { silentLogger, type Logger } from "../log.js";
import { backupAdvice, backupPathOf, inspectBackup } from "./backup.js";
import { keepCorruptCopy } from "./corrupt-copy.js";
import { removeLeftoverTempFiles } from "./leftovers.js";
import { isDamage, loadError } from "./load-error.js";
import { acquireLock, type HeldLock } from "./lock.js";
import { MIGRATIONS, type Migration } from "./migrations.js";
import { formatIssuePath, parseStateText } from "./parse.js";
import { emptyState, STATE_VERSION, StateDocumentSchema, type ReadonlyStateDocument, type StateDocument } from "./schema.js";
import { findSecretKeyPaths } from "./secret-guard.js";

export interface OpenStateOptions {
  /** "read" never locks and never writes; "write" takes the lock before reading and holds it until close. */
  mode: "read" | "write";
  /** Recorded in the lock so a blocked run can say what holds it, e.g. "tickets sync". */
  command?: string;
  logger?: Logger;
  migrations?: readonly Migration[];
  clock?: () => Date;
  /** Runs after a new version is complete on disk, before it replaces the old one (crash tests). */
  beforeRename?: () => Promise<void>;
}

export interface StateHandle {
  readonly path: string;
  readonly mode: "read" | "write";
  /** False until the first write when the file did not exist at open. */
  readonly exists: boolean;
  readonly data: ReadonlyStateDocument;
  /**
   * Apply `mutator` to a copy of the document, validate it, bump the serial and write it
   * atomically. Resolves only once the change is on disk. Calls made while a write is under
   * way are applied in order and written together by the next write (a group commit), so
   * concurrent workers do not each rewrite the whole file; a mutator that throws is left
   * out of that write and rejects alone. A mutator may run more than once, so it must only
   * change the draft it is given.
   */
  update(mutator: (draft: StateDocument) => void): Promise<void>;
  /** Wait for pending updates and release the lock. Safe to call twice. */
  close(): Promise<void>;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

interface Loaded {
  doc: StateDocument;
  exists: boolean;
}

async function loadState(file: string, migrations: readonly Migration[], now: Date, logger: Logger): Promise<Loaded> {
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { doc: emptyState(now, randomUUID()), exists: false };
    throw new StateError(`Could not read state file ${file}: ${(error as Error).message}`, { cause: error });
  }
  const result = parseStateText(bytes.toString("utf8"), { migrations });
  if (result.ok) {
    if (result.migratedFrom.length > 0) {
      logger.info(`State file ${file} is version ${result.fileVersion}; it is upgraded to version ${STATE_VERSION} on the next write.`);
    }
    return { doc: result.doc, exists: true };
  }
  if (!isDamage(result)) throw loadError(file, result, {});
  let copy: { path?: string; error?: string };
  try {
    copy = { path: await keepCorruptCopy(file, bytes, now) };
  } catch (error) {
    copy = { error: (error as Error).message };
  }
  throw loadError(file, result, copy, backupAdvice(await inspectBackup(file, migrations)));
}

/** The checks every new version passes before it may replace the file on disk. */
function checkNextVersion(file: string, previous: StateDocument, draft: StateDocument): StateDocument {
  if (draft.lineage !== previous.lineage || draft.createdAt !== previous.createdAt) {
    throw new StateError(`Refusing to write state file ${file}: lineage and createdAt never change.`);
  }
  const secrets = findSecretKeyPaths(draft);
  if (secrets.length > 0) {
    throw new StateError(`Refusing to write state file ${file}: it would hold a secret-like key at ${secrets.join(", ")}.`, {
      hint: "Credentials belong in the credential store, never in the state file.",
    });
  }
  const parsed = StateDocumentSchema.safeParse(draft);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue ? `${formatIssuePath(issue.path)}: ${issue.message}` : "unknown field";
    throw new StateError(`Refusing to write state file ${file}: the change is invalid at ${where}.`);
  }
  return parsed.data;
}

/** Open the state file at `file`. A missing file is an empty state, created on the first write. */
export async function openState(file: string, options: OpenStateOptions): Promise<StateHandle> {
  const statePath = path.resolve(file);
  const logger = options.logger ?? silentLogger;
  const clock = options.clock ?? (() => new Date());
  const migrations = options.migrations ?? MIGRATIONS;

  let lock: HeldLock | undefined;
  if (options.mode === "write") {
    await fs.mkdir(path.dirname(statePath), { recursive: true, mode: 0o700 });
    lock = await acquireLock(statePath, { command: options.command ?? "ninja-bridge", logger, now: clock });
    try {
      const removed = await removeLeftoverTempFiles(statePath);
      if (removed.length > 0) logger.debug(`Removed ${removed.length} temp file(s) left by an interrupted write: ${removed.join(", ")}`);
    } catch (error) {
      logger.debug(`Could not remove leftover temp files next to ${statePath}: ${(error as Error).message}`);
    }
  }

  let loaded: Loaded;
  try {
    loaded = await loadState(statePath, migrations, clock(), logger);
  } catch (error) {
    await lock?.release();
    throw error;
  }

  let current = deepFreeze(loaded.doc);
  let exists = loaded.exists;
  let closed = false;
  let pending: Array<{ mutator: (draft: StateDocument) => void; resolve: () => void; reject: (error: unknown) => void }> = [];
  let writing: Promise<void> | undefined;

  async function write(draft: StateDocument): Promise<void> {
    const next = checkNextVersion(statePath, current, {
      ...draft,
      version: STATE_VERSION,
      serial: current.serial + 1,
      updatedAt: clock().toISOString(),
    });
    try {
      await writeFileAtomic(statePath, `${JSON.stringify(next, null, 2)}\n`, {
        mode: 0o600,
        keepPreviousAs: backupPathOf(statePath),
        ...(options.beforeRename ? { beforeRename: options.beforeRename } : {}),
      });
    } catch (error) {
      throw new StateError(`Could not write state file ${statePath}: ${(error as Error).message}`, {
        cause: error,
        hint: "The previous version is intact. Check free space and permissions of the folder, then run again.",
      });
    }
    current = deepFreeze(next);
    exists = true;
  }

  /** Applies a batch of mutators to one draft and writes it once; each settles with the write. */
  async function writeBatch(batch: typeof pending): Promise<void> {
    let draft = structuredClone(current) as StateDocument;
    const applied: typeof pending = [];
    for (const entry of batch) {
      try {
        entry.mutator(draft);
        applied.push(entry);
      } catch (error) {
        entry.reject(error);
        // The failed mutator may have half-changed the draft: start again from the others.
        draft = structuredClone(current) as StateDocument;
        for (const ok of applied) ok.mutator(draft);
      }
    }
    if (applied.length === 0) return;
    try {
      await write(draft);
      for (const entry of applied) entry.resolve();
    } catch (error) {
      for (const entry of applied) entry.reject(error);
    }
  }

  async function drain(): Promise<void> {
    // Let `writing` be set before any of this runs, and gather the updates of this tick.
    await Promise.resolve();
    while (pending.length > 0) {
      const batch = pending;
      pending = [];
      await writeBatch(batch);
    }
    writing = undefined;
  }

  return {
    path: statePath,
    mode: options.mode,
    get exists() {
      return exists;
    },
    get data() {
      return current;
    },
    update(mutator) {
      if (closed) return Promise.reject(new StateError(`State file ${statePath} is already closed.`));
      if (options.mode !== "write") return Promise.reject(new StateError(`State file ${statePath} was opened read-only.`));
      return new Promise<void>((resolve, reject) => {
        pending.push({ mutator, resolve, reject });
        writing ??= drain();
      });
    },
    async close() {
      if (closed) return;
      while (writing !== undefined) await writing;
      closed = true;
      await lock?.release();
    },
  };
}
