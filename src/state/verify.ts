import { promises as fs } from "node:fs";
import { type BackupReport, inspectBackup } from "./backup.js";
import { listCorruptCopies } from "./corrupt-copy.js";
import { describeState, type StateSummary } from "./describe.js";
import { findLeftoverTempFiles } from "./leftovers.js";
import { journalPathOf, replayJournal } from "./journal.js";
import { inspectLock, lockPathOf } from "./lock.js";
import type { LockInfo } from "./lock-verdict.js";
import { MIGRATIONS, type Migration } from "./migrations.js";
import { parseStateText } from "./parse.js";
import { STATE_VERSION, type StateDocument } from "./schema.js";

export type VerifyProblemCode =
  | "missing"
  | "unreadable"
  | "not-json"
  | "schema"
  | "newer-version"
  | "no-migration"
  | "not-private"
  | "stale-lock"
  | "temp-files"
  | "backup-damaged"
  | "journal-damaged"
  | "journal-torn";

export interface VerifyProblem {
  code: VerifyProblemCode;
  severity: "error" | "warning";
  message: string;
}

export type LockReport =
  | { present: false }
  | { present: true; path: string; holder: LockInfo | null; stale: boolean; reason: string };

export interface VerifyReport {
  path: string;
  exists: boolean;
  /** `null` when there was nothing to parse. */
  parses: boolean | null;
  schemaValid: boolean | null;
  fileVersion: number | null;
  knownVersion: number;
  /** The file is older than this build and is upgraded on the next write. */
  migrationPending: boolean;
  /** Octal permission bits, e.g. "600"; `null` when missing or on Windows (no POSIX modes). */
  mode: string | null;
  lock: LockReport;
  tempFiles: string[];
  corruptCopies: string[];
  /** `<state>.journal`: changes recorded since the file was last written whole (a run still going, or killed). */
  journal: JournalReport;
  /** `<state>.bak`, the version before the last write, and whether `state restore` could use it. */
  backup: BackupReport;
  summary: StateSummary | null;
  problems: VerifyProblem[];
  /** No problem of severity "error". */
  ok: boolean;
}

export type JournalReport = { path: string; exists: false } | { path: string; exists: true; mode: string | null; lines: number | null; torn: boolean };

export interface VerifyOptions {
  migrations?: readonly Migration[];
  platform?: NodeJS.Platform;
  now?: Date;
}

const LOCK_REASONS = {
  running: "held by a running process on this host",
  "other-host": "held by a process on another host (cannot be checked from here)",
  "process-gone": "its process is gone; the next writing run takes it over",
  "held-unreadable": "unreadable and recent; it may be mid-write",
  "stale-unreadable": "unreadable and older than a minute; the next writing run takes it over",
} as const;

async function lockReport(file: string, now: Date): Promise<LockReport> {
  const lockFile = lockPathOf(file);
  const inspection = await inspectLock(lockFile, now);
  if (!inspection) return { present: false };
  const { verdict } = inspection;
  const reason = verdict.kind === "held" || verdict.kind === "stale" ? LOCK_REASONS[verdict.reason] : LOCK_REASONS[verdict.kind];
  const stale = verdict.kind === "stale" || verdict.kind === "stale-unreadable";
  return { present: true, path: lockFile, holder: inspection.holder, stale, reason };
}

/** Everything `ninja-bridge state verify` reports about a state file. Reads only; never writes or locks. */
export async function verifyState(file: string, options: VerifyOptions = {}): Promise<VerifyReport> {
  const platform = options.platform ?? process.platform;
  const now = options.now ?? new Date();
  const problems: VerifyProblem[] = [];
  const report: VerifyReport = {
    path: file,
    exists: false,
    parses: null,
    schemaValid: null,
    fileVersion: null,
    knownVersion: STATE_VERSION,
    migrationPending: false,
    mode: null,
    lock: await lockReport(file, now),
    tempFiles: await findLeftoverTempFiles(file),
    corruptCopies: await listCorruptCopies(file),
    backup: await inspectBackup(file, options.migrations ?? MIGRATIONS),
    journal: { path: journalPathOf(file), exists: false },
    summary: null,
    problems,
    ok: true,
  };

  if (report.lock.present && report.lock.stale) {
    problems.push({ code: "stale-lock", severity: "warning", message: `Lock ${report.lock.path} is stale: ${report.lock.reason}.` });
  }
  if (report.backup.exists && !report.backup.ok) {
    problems.push({ code: "backup-damaged", severity: "warning", message: `Backup ${report.backup.path} ${report.backup.problem}; the next write replaces it.` });
  }
  if (report.tempFiles.length > 0) {
    problems.push({
      code: "temp-files",
      severity: "warning",
      message: `${report.tempFiles.length} temp file(s) left by an interrupted write; the next writing run removes them.`,
    });
  }

  // The journal before the file, as a load reads them (open-state.ts), so a writer's fold between the reads cannot look like damage.
  const journal = await readJournal(report.journal.path, platform);
  let text: string;
  try {
    const stat = await fs.stat(file);
    report.exists = true;
    if (platform !== "win32") report.mode = (stat.mode & 0o777).toString(8);
    text = await fs.readFile(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") {
      problems.push({ code: "missing", severity: "warning", message: `State file ${file} does not exist; it is created on the first write.` });
    } else {
      problems.push({ code: "unreadable", severity: "error", message: `State file ${file} cannot be read: ${(error as Error).message}` });
    }
    return finish(report);
  }

  if (report.mode !== null && report.mode !== "600") {
    problems.push({ code: "not-private", severity: "error", message: `State file ${file} has mode ${report.mode}; it should be 600.` });
  }

  const result = parseStateText(text, { migrations: options.migrations ?? MIGRATIONS });
  report.parses = !(!result.ok && result.kind === "not-json");
  if (result.ok) {
    report.schemaValid = true;
    report.fileVersion = result.fileVersion;
    report.migrationPending = result.migratedFrom.length > 0;
    if (checkJournal(report, result.doc, journal)) report.summary = describeState(result.doc);
    return finish(report);
  }
  switch (result.kind) {
    case "not-json":
      problems.push({ code: "not-json", severity: "error", message: `State file ${file} is not valid JSON: ${result.detail}` });
      break;
    case "schema":
      report.schemaValid = false;
      report.fileVersion = result.fileVersion ?? null;
      problems.push({ code: "schema", severity: "error", message: `State file ${file} does not match the schema at ${result.fieldPath}: ${result.detail}` });
      break;
    case "newer-version":
      report.fileVersion = result.fileVersion;
      problems.push({
        code: "newer-version",
        severity: "error",
        message: `State file ${file} is version ${result.fileVersion}; this build knows up to version ${result.knownVersion}.`,
      });
      break;
    case "no-migration":
      report.fileVersion = result.fileVersion;
      problems.push({
        code: "no-migration",
        severity: "error",
        message: `State file ${file} is version ${result.fileVersion}; this build has no upgrade step from version ${result.missingFrom}.`,
      });
      break;
  }
  return finish(report);
}

type JournalRead = { kind: "missing" } | { kind: "unreadable"; message: string } | { kind: "read"; text: string; mode: string | null };

async function readJournal(path: string, platform: NodeJS.Platform): Promise<JournalRead> {
  try {
    const stat = await fs.stat(path);
    return { kind: "read", mode: platform === "win32" ? null : (stat.mode & 0o777).toString(8), text: await fs.readFile(path, "utf8") };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { kind: "missing" };
    return { kind: "unreadable", message: (error as Error).message };
  }
}

/** Replays the journal onto `doc` as a load would; false when it cannot be (a damaged line). */
function checkJournal(report: VerifyReport, doc: StateDocument, journal: JournalRead): boolean {
  const { path } = report.journal;
  if (journal.kind === "missing") return true;
  if (journal.kind === "unreadable") {
    report.problems.push({ code: "unreadable", severity: "error", message: `State journal ${path} cannot be read: ${journal.message}` });
    return false;
  }
  const { text, mode } = journal;
  if (mode !== null && mode !== "600") {
    report.problems.push({ code: "not-private", severity: "error", message: `State journal ${path} has mode ${mode}; it should be 600.` });
  }
  const replay = replayJournal(doc, text);
  report.journal = { path, exists: true, mode, lines: replay.ok ? replay.applied : null, torn: replay.ok && replay.torn };
  if (!replay.ok) {
    report.problems.push({ code: "journal-damaged", severity: "error", message: `State journal ${path} line ${replay.line} ${replay.detail}.` });
    return false;
  }
  if (replay.torn) {
    report.problems.push({ code: "journal-torn", severity: "warning", message: `State journal ${path} ends in a line cut short by an interrupted write; it is ignored, and the next writing run drops it.` });
  }
  return true;
}

function finish(report: VerifyReport): VerifyReport {
  report.ok = !report.problems.some((p) => p.severity === "error");
  return report;
}
