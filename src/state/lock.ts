import { randomBytes } from "node:crypto";
import { promises as fs, readFileSync, unlinkSync } from "node:fs";
import os from "node:os";
import { LockedError, StateError } from "../errors.js";
import type { Logger } from "../log.js";
import { describeHolder, judgeLock, LockInfoSchema, lockedMessage, type LockInfo, type LockVerdict } from "./lock-verdict.js";

export function lockPathOf(stateFile: string): string {
  return `${stateFile}.lock`;
}

/** `process.kill(pid, 0)` only probes: ESRCH means gone, EPERM means alive under another user. */
export function isProcessRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== "ESRCH";
  }
}

export interface LockInspection {
  text: string;
  holder: LockInfo | null;
  verdict: LockVerdict;
}

function parseHolder(text: string): LockInfo | null {
  try {
    const parsed = LockInfoSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Read and judge an existing lock; `null` when there is none. Never changes anything. */
export async function inspectLock(lockFile: string, now: Date = new Date()): Promise<LockInspection | null> {
  let text: string;
  let mtimeMs: number;
  try {
    const [content, stat] = await Promise.all([fs.readFile(lockFile, "utf8"), fs.stat(lockFile)]);
    text = content;
    mtimeMs = stat.mtimeMs;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
  const holder = parseHolder(text);
  const verdict = judgeLock({ holder, ageMs: now.getTime() - mtimeMs, host: os.hostname(), isRunning: isProcessRunning });
  return { text, holder, verdict };
}

export interface HeldLock {
  readonly path: string;
  readonly holder: LockInfo;
  release(): Promise<void>;
}

export interface AcquireOptions {
  command: string;
  logger: Logger;
  now?: () => Date;
}

/** Creates the lock file exclusively; false when another process has one. */
export async function createLockFile(lockFile: string, content: string): Promise<boolean> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(lockFile, "wx", 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  }
  try {
    await handle.writeFile(content);
    await handle.chmod(0o600);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await fs.rm(lockFile, { force: true });
    throw error;
  }
  await handle.close();
  return true;
}

/**
 * Remove a lock judged stale. It is first renamed aside and compared with what was judged,
 * so two runs that both saw the same stale lock cannot both remove a fresh one: the loser
 * finds a different lock in its hands and puts it back.
 */
export async function removeStaleLock(lockFile: string, judgedText: string): Promise<boolean> {
  const aside = `${lockFile}.${randomBytes(6).toString("hex")}.stale`;
  try {
    await fs.rename(lockFile, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return false;
    throw error;
  }
  const taken = await fs.readFile(aside, "utf8");
  if (taken !== judgedText) {
    await fs.link(aside, lockFile).catch(() => undefined);
    await fs.rm(aside, { force: true });
    return false;
  }
  await fs.rm(aside, { force: true });
  return true;
}

/** Removes the lock if the process exits while holding it; returns the undo. */
export function releaseOnExit(lockFile: string, content: string): () => void {
  const handler = () => {
    try {
      if (readFileSync(lockFile, "utf8") === content) unlinkSync(lockFile);
    } catch {
      // Best effort while the process is going away; a leftover lock is taken over later.
    }
  };
  process.on("exit", handler);
  return () => process.off("exit", handler);
}

const MAX_ATTEMPTS = 5;

/**
 * Take the lock of `stateFile` for this process, taking over a stale one with a warning.
 * Throws LockedError (exit 75) naming the holder when another run has it.
 */
export async function acquireLock(stateFile: string, options: AcquireOptions): Promise<HeldLock> {
  const lockFile = lockPathOf(stateFile);
  const now = options.now ?? (() => new Date());
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const holder: LockInfo = { pid: process.pid, host: os.hostname(), startedAt: now().toISOString(), command: options.command };
    const content = `${JSON.stringify(holder)}\n`;
    if (await createLockFile(lockFile, content)) return heldLock(lockFile, holder, content);

    const existing = await inspectLock(lockFile, now());
    if (!existing) continue;
    const { verdict } = existing;
    if (verdict.kind === "held" || verdict.kind === "held-unreadable") {
      const { message, hint } = lockedMessage(stateFile, lockFile, verdict);
      throw new LockedError(message, { hint });
    }
    if (await removeStaleLock(lockFile, existing.text)) {
      options.logger.warn(
        verdict.kind === "stale"
          ? `Took over the lock of ${stateFile} left by ${describeHolder(verdict.holder)}: that process is gone.`
          : `Took over the unreadable lock ${lockFile}, last changed ${Math.round(verdict.ageMs / 1000)} s ago.`,
      );
    }
  }
  throw new LockedError(`State file ${stateFile} is locked: another run kept taking the lock ${lockFile}.`, {
    hint: "Retry when the other run has finished.",
  });
}

function heldLock(lockFile: string, holder: LockInfo, content: string): HeldLock {
  const cancelExitHook = releaseOnExit(lockFile, content);
  let released = false;
  return {
    path: lockFile,
    holder,
    async release() {
      if (released) return;
      released = true;
      cancelExitHook();
      let current: string;
      try {
        current = await fs.readFile(lockFile, "utf8");
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
        throw new StateError(`Could not release the lock ${lockFile}: ${(error as Error).message}`, { cause: error });
      }
      // Someone removed our lock by hand and another run took it: that lock is theirs.
      if (current === content) await fs.rm(lockFile, { force: true });
    },
  };
}
