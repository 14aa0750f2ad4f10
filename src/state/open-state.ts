import { randomUUID } from "node:crypto";
import { promises as fs } from "node:fs";
import path from "node:path";
import { StateError } from "../errors.js";
import { replaceWithTemp, syncDirectory, writeFileAtomic, writeTempFileSync } from "../fs/atomic-write.js";
import { collectGarbageNow } from "../heap.js";
import { jsonChunks } from "../json-chunks.js";
import { silentLogger, type Logger } from "../log.js";
import { backupAdvice, backupPathOf, inspectBackup } from "./backup.js";
import { keepCorruptCopy } from "./corrupt-copy.js";
import { removeLeftoverTempFiles } from "./leftovers.js";
import { isDamage, loadError } from "./load-error.js";
import { acquireLock, type HeldLock } from "./lock.js";
import { MIGRATIONS, type Migration } from "./migrations.js";
import { parseStateText } from "./parse.js";
import { emptyState, STATE_VERSION, type ReadonlyStateDocument, type StateDocument } from "./schema.js";
import { applyChanges, type Change, checkChange, Draft, freezeEntries, readonlyView } from "./changes.js";
import { journalHeader, journalLine, journalPathOf, replayJournal } from "./journal.js";

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
  /** The journal is folded into the file once it would pass this size or the file's, whichever is larger. */
  journalLimit?: number;
}

export interface StateHandle {
  readonly path: string;
  readonly mode: "read" | "write";
  /** False until the first write when the file did not exist at open. */
  readonly exists: boolean;
  readonly data: ReadonlyStateDocument;
  /**
   * Apply `mutator` to a draft of the document, validate and secret-check what it changed,
   * bump the serial and record it. Resolves only once the change is on disk: appended to the
   * journal and synced, or, when the file does not exist yet or the journal has grown past its
   * limit, written into the file atomically. Calls made while a write is under way are applied
   * in order and written together by the next write (a group commit); a mutator that throws is
   * left out of that write and rejects alone. A mutator may run more than once, so it must only
   * change the draft it is given.
   */
  update(mutator: (draft: StateDocument) => void): Promise<void>;
  /** Wait for pending updates, fold the journal into the file and release the lock. Safe to call twice. */
  close(): Promise<void>;
}

/** The journal is folded at the latest past this size, or the file's own size when that is larger (so folding costs O(1) per change). */
export const DEFAULT_JOURNAL_LIMIT = 1024 * 1024;

/** A state file this large leaves its text as garbage worth collecting at once (see collectGarbageNow): some 10,000 devices' records. */
const LARGE_STATE_BYTES = 8 * 1024 * 1024;

type Stamp = Pick<StateDocument, "version" | "serial" | "updatedAt">;

interface Loaded {
  doc: StateDocument;
  /** The serial of the version in the file, before the journal. */
  fileSerial: number;
  exists: boolean;
  /** Bytes of the file, 0 when missing. */
  size: number;
  /** The file is older than this build: the next write rewrites it whole. */
  migrated: boolean;
  /** The journal beside the file had anything in it, applied or not. */
  journal: boolean;
}

async function loadState(file: string, migrations: readonly Migration[], now: Date, logger: Logger): Promise<Loaded> {
  // The journal before the file: a reader holds no lock, and a writer may fold between the two
  // reads. Journal lines read first either are in the file read after (skipped by serial) or
  // follow it; read the other way, the file could miss lines a fresh journal then skips past.
  const journalBytes = await readJournal(file);
  let text: string;
  let size: number;
  let loaded: Loaded;
  try {
    // Read as text: on a large estate the file's bytes, kept beside it, are tens of megabytes more.
    text = await fs.readFile(file, "utf8");
    size = Buffer.byteLength(text);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw new StateError(`Could not read state file ${file}: ${(error as Error).message}`, { cause: error });
    size = 0;
    text = "";
  }
  if (size === 0 && !(await fileExists(file))) {
    loaded = { doc: emptyState(now, randomUUID()), fileSerial: 0, exists: false, size: 0, migrated: false, journal: false };
  } else {
    const result = parseStateText(text, { migrations });
    if (!result.ok) {
      if (!isDamage(result)) throw loadError(file, result, {});
      // The copy keeps the bytes as they are on disk, read again: the text may have lost invalid UTF-8.
      throw loadError(file, result, await keepCopy(file, await fs.readFile(file).catch(() => Buffer.from(text, "utf8")), now), backupAdvice(await inspectBackup(file, migrations)));
    }
    if (result.migratedFrom.length > 0) {
      logger.info(`State file ${file} is version ${result.fileVersion}; it is upgraded to version ${STATE_VERSION} on the next write.`);
    }
    loaded = { doc: result.doc, fileSerial: result.doc.serial, exists: true, size, migrated: result.migratedFrom.length > 0, journal: false };
  }
  return replayInto(file, loaded, journalBytes, now);
}

async function readJournal(file: string): Promise<Buffer | undefined> {
  const journalPath = journalPathOf(file);
  try {
    return await fs.readFile(journalPath);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new StateError(`Could not read state journal ${journalPath}: ${(error as Error).message}`, { cause: error });
  }
}

async function fileExists(file: string): Promise<boolean> {
  return fs.stat(file).then(
    () => true,
    () => false,
  );
}

async function keepCopy(file: string, bytes: Buffer, now: Date): Promise<{ path?: string; error?: string }> {
  try {
    return { path: await keepCorruptCopy(file, bytes, now) };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

/** Applies the journal beside the file, if any; a damaged line stops the load with its file and line. */
async function replayInto(file: string, loaded: Loaded, bytes: Buffer | undefined, now: Date): Promise<Loaded> {
  if (bytes === undefined) return loaded;
  const journalPath = journalPathOf(file);
  const replay = replayJournal(loaded.doc, bytes.toString("utf8"));
  if (!replay.ok) {
    const copy = await keepCopy(journalPath, bytes, now);
    const kept = copy.path ? `A copy was kept at ${copy.path}. ` : `No copy could be kept (${copy.error ?? "unknown error"}); copy the journal aside first. `;
    throw new StateError(`State journal ${journalPath} line ${replay.line} ${replay.detail}; it was left untouched.`, {
      hint: `${kept}The lines before it are intact: repair or remove line ${replay.line} and the lines after it (changes recorded since the last full write of ${file}), then run again.`,
    });
  }
  return { ...loaded, journal: bytes.length > 0 };
}

/** One write(2) may take fewer bytes than asked (a full disk) without an error: a part-written line must fail the append, not count as recorded. */
async function writeWhole(handle: fs.FileHandle, text: string): Promise<void> {
  const bytes = Buffer.from(text, "utf8");
  const { bytesWritten } = await handle.write(bytes, 0, bytes.length);
  if (bytesWritten !== bytes.length) throw new Error(`only ${bytesWritten} of ${bytes.length} bytes were written`);
}

function refusal(file: string, reason: string): StateError {
  return new StateError(
    `Refusing to write state file ${file}: ${reason}.`,
    reason.includes("secret") ? { hint: "Credentials belong in the credential store, never in the state file." } : {},
  );
}

/** Open the state file at `file`. A missing file is an empty state, created on the first write. */
export async function openState(file: string, options: OpenStateOptions): Promise<StateHandle> {
  const statePath = path.resolve(file);
  const journalPath = journalPathOf(statePath);
  const logger = options.logger ?? silentLogger;
  const clock = options.clock ?? (() => new Date());
  const migrations = options.migrations ?? MIGRATIONS;
  const journalLimit = options.journalLimit ?? DEFAULT_JOURNAL_LIMIT;

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

  if (loaded.size >= LARGE_STATE_BYTES) collectGarbageNow();
  const live = loaded.doc;
  freezeEntries(live);
  const { view, changed: viewChanged } = readonlyView(live);
  let exists = loaded.exists;
  let fileSize = loaded.size;
  /** The serial of the version in the file (the journal holds those after it). */
  let fileSerial = loaded.fileSerial;
  /** The last change recorded, so a fold can write the version before it as the backup. */
  let last: { changes: Change[]; before: Stamp; after: Stamp; undo: () => void } | undefined;
  /** The next write rewrites the file whole: it is missing, older than this build, or the journal cannot take appends. */
  let rewriteDue = !loaded.exists || loaded.migrated;
  /** A failed append may have left its whole line, a change the caller was told did not land: close folds the file without it. */
  let appendFailed = false;
  let journal: fs.FileHandle | undefined;
  let journalBytes = 0;
  let closed = false;
  let pending: Array<{ mutator: (draft: StateDocument) => void; resolve: () => void; reject: (error: unknown) => void }> = [];
  let writing: Promise<void> | undefined;

  /**
   * The document as the file holds it, in pieces (a large state is never one string), counting
   * its bytes into `written`. Without indentation: on 50,000 devices that is a quarter less to
   * write, read and parse.
   */
  function* documentText(written: { bytes: number }): Generator<string> {
    for (const piece of jsonChunks(live, { indent: 0 })) {
      written.bytes += Buffer.byteLength(piece);
      yield piece;
    }
    written.bytes += 1;
    yield "\n";
  }

  /** Applies changes to the live document, giving the views of what they touch new identities; so does its undo. */
  function applyToLive(changes: Change[]): () => void {
    const undo = applyChanges(live, changes);
    viewChanged(changes);
    return () => {
      undo();
      viewChanged(changes);
    };
  }

  /**
   * The version before the last change as the backup, when the file on disk is not that
   * version (the journal held several): the last change is undone for as long as writing the
   * temp file takes, which never yields to other code.
   */
  async function writePreviousAsBackup(): Promise<boolean> {
    if (!exists || last === undefined || fileSerial === last.before.serial) return false;
    last.undo();
    Object.assign(live, last.before);
    let temp: string;
    try {
      temp = writeTempFileSync(backupPathOf(statePath), documentText({ bytes: 0 }));
    } finally {
      last.undo = applyToLive(last.changes);
      Object.assign(live, last.after);
    }
    await replaceWithTemp(temp, backupPathOf(statePath));
    return true;
  }

  /**
   * Writes the whole document atomically and drops the journal it now holds. The backup keeps
   * the version before the last change, as before journals: the replaced file itself (a link)
   * when it is that version, else that version written out.
   */
  async function fold(): Promise<void> {
    const written = { bytes: 0 };
    try {
      const backupWritten = await writePreviousAsBackup();
      await writeFileAtomic(statePath, documentText(written), {
        mode: 0o600,
        ...(backupWritten ? {} : { keepPreviousAs: backupPathOf(statePath) }),
        ...(options.beforeRename ? { beforeRename: options.beforeRename } : {}),
      });
      await journal?.close();
      journal = undefined;
      // Lines left behind by a kill right here are older than the file and skipped on load.
      await fs.rm(journalPath, { force: true });
    } catch (error) {
      throw new StateError(`Could not write state file ${statePath}: ${(error as Error).message}`, {
        cause: error,
        hint: "The previous version is intact. Check free space and permissions of the folder, then run again.",
      });
    }
    journalBytes = 0;
    fileSize = written.bytes;
    fileSerial = live.serial;
    exists = true;
    rewriteDue = false;
  }

  async function append(line: string): Promise<void> {
    try {
      if (journal === undefined) {
        journal = await fs.open(journalPath, "a", 0o600);
        await journal.chmod(0o600);
        line = `${journalHeader(live.lineage)}${line}`;
        await writeWhole(journal, line);
        await journal.datasync();
        // The new file's name must survive a power loss too.
        await syncDirectory(path.dirname(statePath));
      } else {
        await writeWhole(journal, line);
        await journal.datasync();
      }
    } catch (error) {
      // A half-written line must not have the next one appended to it: the next write rewrites the file.
      rewriteDue = true;
      appendFailed = true;
      throw new StateError(`Could not append to state journal ${journalPath}: ${(error as Error).message}`, {
        cause: error,
        hint: "The changes recorded before are intact. Check free space and permissions of the folder, then run again.",
      });
    }
    journalBytes += Buffer.byteLength(line);
  }

  /** Records a batch's changes as one new serial: a journal line, or a whole-file write. */
  async function commit(changes: Change[]): Promise<void> {
    const serial = live.serial + 1;
    const at = clock().toISOString();
    const line = journalLine(serial, at, changes);
    const before: Stamp = { version: live.version, serial: live.serial, updatedAt: live.updatedAt };
    const after: Stamp = { version: STATE_VERSION, serial, updatedAt: at };
    if (rewriteDue || journalBytes + Buffer.byteLength(line) > Math.max(journalLimit, fileSize)) {
      const previous = last;
      last = { changes, before, after, undo: applyToLive(changes) };
      Object.assign(live, after);
      try {
        await fold();
      } catch (error) {
        last.undo();
        Object.assign(live, before);
        last = previous;
        throw error;
      }
      return;
    }
    await append(line);
    last = { changes, before, after, undo: applyToLive(changes) };
    Object.assign(live, after);
  }

  /** Applies a batch of mutators to one draft and records it once; each settles with the write. */
  async function writeBatch(batch: typeof pending): Promise<void> {
    let draft = new Draft(live);
    const applied: typeof pending = [];
    for (const entry of batch) {
      try {
        entry.mutator(draft.root);
        applied.push(entry);
      } catch (error) {
        entry.reject(error);
        // The failed mutator may have half-changed the draft: start again from the others.
        draft = new Draft(live);
        for (const ok of applied) ok.mutator(draft.root);
      }
    }
    if (applied.length === 0) return;
    try {
      const changes: Change[] = [];
      for (const change of draft.changes()) {
        const check = checkChange(change);
        if (!check.ok) throw refusal(statePath, check.reason);
        changes.push("value" in change ? { path: change.path, value: check.value } : { path: change.path });
      }
      await commit(changes);
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

  if (options.mode === "write" && loaded.journal) {
    // A run was killed with changes in the journal: fold them in now, so appends start from a clean journal.
    try {
      await fold();
    } catch (error) {
      await lock?.release();
      throw error;
    }
  }

  return {
    path: statePath,
    mode: options.mode,
    get exists() {
      return exists;
    },
    get data() {
      return view;
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
      try {
        if (journalBytes > 0 || appendFailed) await fold();
      } catch (error) {
        // Nothing is lost: the journal holds every change, and the next writing run folds it.
        logger.warn(`${(error as Error).message} The changes stay in ${journalPath}; the next run writes them into the file.`);
      } finally {
        await journal?.close();
        journal = undefined;
        await lock?.release();
      }
    },
  };
}
