import { promises as fs } from "node:fs";
import { StateError } from "../errors.js";
import { writeFileAtomic } from "../fs/atomic-write.js";
import { silentLogger, type Logger } from "../log.js";
import { keepCorruptCopy } from "./corrupt-copy.js";
import { journalPathOf, replayJournal } from "./journal.js";
import { isDamage } from "./load-error.js";
import { acquireLock } from "./lock.js";
import { MIGRATIONS, type Migration } from "./migrations.js";
import { type ParseFailure, parseStateText } from "./parse.js";

/**
 * Every write of the state file keeps the version it replaces as `<state>.bak` (a hard link,
 * so it costs no copy); `state restore` puts it back when the file is damaged.
 */

export const RESTORE_COMMAND = "ninja-bridge state restore";

export function backupPathOf(file: string): string {
  return `${file}.bak`;
}

export type BackupReport =
  | { path: string; exists: false }
  | { path: string; exists: true; ok: true; serial: number; updatedAt: string }
  | { path: string; exists: true; ok: false; problem: string };

/** What the backup holds, read only. */
export async function inspectBackup(file: string, migrations: readonly Migration[] = MIGRATIONS): Promise<BackupReport> {
  const path = backupPathOf(file);
  let text: string;
  try {
    text = await fs.readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { path, exists: false };
    return { path, exists: true, ok: false, problem: `cannot be read: ${(error as Error).message}` };
  }
  const parsed = parseStateText(text, { migrations });
  if (parsed.ok) return { path, exists: true, ok: true, serial: parsed.doc.serial, updatedAt: parsed.doc.updatedAt };
  return { path, exists: true, ok: false, problem: problemOf(parsed) };
}

function problemOf(failure: ParseFailure): string {
  if (failure.kind === "not-json") return `is not valid JSON (${failure.detail})`;
  if (failure.kind === "schema") return `does not match the state schema at ${failure.fieldPath}`;
  return `is version ${failure.fileVersion}, which this build cannot read`;
}

/** One sentence for a damaged-file error or `state verify`: where the backup is and how to restore it. */
export function backupAdvice(backup: BackupReport): string | undefined {
  if (!backup.exists || !backup.ok) return undefined;
  return `A backup of the previous version (serial ${backup.serial}, written ${backup.updatedAt}) is at ${backup.path}: restore it with \`${RESTORE_COMMAND}\`.`;
}

export type CurrentFile =
  | { kind: "missing" }
  | { kind: "damaged"; problem: string }
  | { kind: "valid"; serial: number; updatedAt: string }
  | { kind: "unreadable-version"; problem: string };

export interface RestorePlan {
  file: string;
  backup: Extract<BackupReport, { ok: true }>;
  current: CurrentFile;
}

async function readCurrent(file: string, migrations: readonly Migration[]): Promise<{ current: CurrentFile; bytes?: Buffer }> {
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { current: { kind: "missing" } };
    throw new StateError(`Could not read state file ${file}: ${(error as Error).message}`, { cause: error });
  }
  const parsed = parseStateText(bytes.toString("utf8"), { migrations });
  if (parsed.ok) return { current: { kind: "valid", serial: parsed.doc.serial, updatedAt: parsed.doc.updatedAt }, bytes };
  const problem = problemOf(parsed);
  return { current: isDamage(parsed) ? { kind: "damaged", problem } : { kind: "unreadable-version", problem }, bytes };
}

/** What `state restore` would do; refuses when there is no usable backup. Reads only. */
export async function planRestore(file: string, migrations: readonly Migration[] = MIGRATIONS): Promise<RestorePlan> {
  const backup = await inspectBackup(file, migrations);
  if (!backup.exists) {
    throw new StateError(`There is no backup of ${file} to restore (${backup.path} does not exist).`, {
      hint: "A backup is kept from the first write after upgrading to a ninja-bridge that makes them.",
    });
  }
  if (!backup.ok) throw new StateError(`The backup ${backup.path} ${backup.problem}; it cannot be restored.`, { hint: "Nothing was changed." });
  return { file, backup, current: (await readCurrent(file, migrations)).current };
}

export interface RestoreResult {
  /** Where the damaged file was kept, when it was damaged. */
  corruptCopy?: string;
  /** True when a sound current file became the new backup (so the restore can be undone by another). */
  swapped: boolean;
  /**
   * Where the journal beside the replaced file was kept: its changes follow that file, not the
   * backup, so they cannot be applied to the restored version.
   */
  journalCopy?: string;
  serial: number;
}

/**
 * Puts the backup back under the lock. A damaged current file is kept as a `.corrupt-<time>`
 * copy; any other current file becomes the backup, so nothing readable is ever lost.
 */
export async function restoreBackup(
  file: string,
  options: { now?: Date; logger?: Logger; migrations?: readonly Migration[] } = {},
): Promise<RestoreResult> {
  const now = options.now ?? new Date();
  const migrations = options.migrations ?? MIGRATIONS;
  const lock = await acquireLock(file, { command: "state restore", logger: options.logger ?? silentLogger, now: () => now });
  try {
    const plan = await planRestore(file, migrations);
    const backupBytes = await fs.readFile(plan.backup.path);
    const { current, bytes } = await readCurrent(file, migrations);
    // A readable file takes its journal in first, so the backup the swap makes holds those changes too.
    const journal = current.kind === "valid" && bytes !== undefined && (await foldJournal(file, bytes, migrations)) ? {} : await setJournalAside(file, now);
    if (current.kind === "damaged" && bytes !== undefined) {
      const corruptCopy = await keepCorruptCopy(file, bytes, now);
      await writeFileAtomic(file, backupBytes, { mode: 0o600 });
      return { corruptCopy, swapped: false, serial: plan.backup.serial, ...journal };
    }
    await writeFileAtomic(file, backupBytes, { mode: 0o600, ...(current.kind === "missing" ? {} : { keepPreviousAs: plan.backup.path }) });
    return { swapped: current.kind !== "missing", serial: plan.backup.serial, ...journal };
  } finally {
    await lock.release();
  }
}

/** Writes the journal a killed run left into the valid file it follows, and removes it; false when there is none or it does not replay. */
async function foldJournal(file: string, bytes: Buffer, migrations: readonly Migration[]): Promise<boolean> {
  const journal = journalPathOf(file);
  let text: string;
  try {
    text = await fs.readFile(journal, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return false;
    throw error;
  }
  const parsed = parseStateText(bytes.toString("utf8"), { migrations });
  if (!parsed.ok || !replayJournal(parsed.doc, text).ok) return false;
  await writeFileAtomic(file, `${JSON.stringify(parsed.doc)}\n`, { mode: 0o600 });
  await fs.rm(journal, { force: true });
  return true;
}

/** Keeps a copy of the journal (a run killed before folding it) and removes it, before the file it follows is replaced. */
async function setJournalAside(file: string, now: Date): Promise<{ journalCopy?: string }> {
  const journal = journalPathOf(file);
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(journal);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return {};
    throw error;
  }
  const journalCopy = await keepCorruptCopy(journal, bytes, now);
  await fs.rm(journal, { force: true });
  return { journalCopy };
}
